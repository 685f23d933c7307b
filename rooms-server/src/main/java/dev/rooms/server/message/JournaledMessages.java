package dev.rooms.server.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one chat commit as the embedded database's journal holds them ({@link dev.rooms.server.system.CommitJournal}):
 * everything an {@code INSERT} of the {@code message} table sets, the generated id included.
 */
final class JournaledMessages {

    private static final byte VERSION = 1;

    private JournaledMessages() {
    }

    /** One message row. */
    record Row(long id, long roomId, long userId, Instant createdAt, String content) {
    }

    static byte[] encode(List<Row> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 128 * rows.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(rows.size());
            for (Row row : rows) {
                out.writeLong(row.id());
                out.writeLong(row.roomId());
                out.writeLong(row.userId());
                out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, row.createdAt()));
                byte[] content = row.content().getBytes(StandardCharsets.UTF_8);
                out.writeInt(content.length);
                out.write(content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an in-memory stream
        }
        return bytes.toByteArray();
    }

    static List<Row> decode(byte[] entry) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Chat journal entry of unknown version " + version);
            }
            int count = in.readInt();
            List<Row> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long id = in.readLong();
                long roomId = in.readLong();
                long userId = in.readLong();
                Instant createdAt = Instant.EPOCH.plus(in.readLong(), ChronoUnit.MICROS);
                byte[] content = new byte[in.readInt()];
                in.readFully(content);
                rows.add(new Row(id, roomId, userId, createdAt, new String(content, StandardCharsets.UTF_8)));
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException("Malformed chat journal entry", e);
        }
    }
}
