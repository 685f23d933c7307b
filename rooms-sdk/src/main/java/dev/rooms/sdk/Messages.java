package dev.rooms.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rooms.sdk.internal.AsyncCalls;
import dev.rooms.sdk.internal.HttpApi;
import dev.rooms.sdk.internal.Pages;
import dev.rooms.sdk.model.FoundMessage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The message calls of a {@link RoomsClient} that span rooms: search every active room's messages. Get it from
 * {@link RoomsClient#messages()}; a room's own history is under {@link Rooms#messages(long, MessageQuery)}. Needs a
 * logged-in user.
 *
 * <p>{@link #search} blocks until the server answered and throws {@link ApiException} (or a subclass) for an error
 * answer and {@link TransportException} when the server could not be reached; {@link #searchAll} is lazy and
 * throws the same from the stream. Thread-safe; each stream is for one thread.
 */
public final class Messages {

    private static final TypeReference<List<FoundMessage>> FOUND_LIST = new TypeReference<>() { };
    private static final String SEARCH_PATH = "api/messages/search/";

    private final HttpApi api;
    private final AsyncCalls async;

    /** Made by {@link RoomsClient} only. */
    Messages(HttpApi api, AsyncCalls async) {
        this.api = api;
        this.async = async;
    }

    /**
     * Finds one page of messages that contain a text, newest first ({@code GET /api/messages/search/?q=...}),
     * in every active room or the one the search names. The next page is the same search with
     * {@link MessageSearch.Builder#before(long) before} the last result's id; {@link #searchAll} follows the pages
     * by itself.
     *
     * @param search the text, filters and page size
     * @return the page's results, newest first, each with its room
     * @throws ValidationException if the server refuses a parameter (field errors name it)
     */
    public List<FoundMessage> search(MessageSearch search) {
        return api.get(SEARCH_PATH, Objects.requireNonNull(search, "search == null").parameters(), FOUND_LIST);
    }

    /**
     * Like {@link #search(MessageSearch)}, without blocking: the future completes on the client's executor (see
     * {@link RoomsClient.Builder#asyncExecutor}), or fails with the exception {@code search} would throw.
     *
     * @param search the text, filters and page size
     * @return the future of the page's results, newest first
     */
    public CompletableFuture<List<FoundMessage>> searchAsync(MessageSearch search) {
        Objects.requireNonNull(search, "search == null");
        return async.supply(() -> search(search));
    }

    /**
     * Streams every message that matches a search, newest first, fetching them a page at a time by following the
     * answers' {@code Link: <...>; rel="next"} headers exactly as the server wrote them, until an answer has none.
     * The page size is the search's {@link MessageSearch#limit() limit}, or the server's choice.
     *
     * <p>Lazy: nothing is sent until the first element is needed, and a page only when the consumer reaches it,
     * so {@code searchAll(search).limit(5)} asks for no more pages than needed. There is nothing to close. A
     * failed request throws its {@link ApiException} or {@link TransportException} from the stream operation that
     * needed the page; a next link to another server is never followed and throws {@link TransportException}.
     *
     * @param search the text, filters and page size
     * @return the results, lazily
     */
    public Stream<FoundMessage> searchAll(MessageSearch search) {
        return Pages.stream(api, api.url(SEARCH_PATH, Objects.requireNonNull(search, "search == null").parameters()),
                FOUND_LIST);
    }
}
