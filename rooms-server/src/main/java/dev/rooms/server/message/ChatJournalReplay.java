package dev.rooms.server.message;

import dev.rooms.server.system.CommitJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Puts the chat messages the embedded database's journal still holds from the last run back into the
 * database, once every bean exists and before the web server starts (so before anything is accepted). A
 * message already in the database is left as it is; one whose room or author is gone is not put back.
 */
@Component
final class ChatJournalReplay implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ChatJournalReplay.class);

    private final CommitJournal journal;
    private final MessageRepository messages;

    ChatJournalReplay(CommitJournal journal, MessageRepository messages) {
        this.journal = journal;
        this.messages = messages;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int[] inserted = {0};
        int entries = journal.recover(entry -> inserted[0] += messages.insertMissing(JournaledMessages.decode(entry)),
                messages::checkpoint);
        if (entries > 0) {
            log.info("Chat journal replayed: {} commits, {} messages that the database file did not hold yet", entries,
                    inserted[0]);
        }
    }
}
