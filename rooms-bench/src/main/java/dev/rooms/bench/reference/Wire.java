package dev.rooms.bench.reference;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The bodies of the Rooms spec that the generator sends and reads, and the one mapper that writes them. */
final class Wire {

    record User(long id, String email, String name) {
    }

    record Registered(long id, String email, String name, String dateJoined) {
    }

    record Tokens(String access, String refresh) {
    }

    record Room(long id, String name, String description, User creator, String roomType, String createdAt,
                boolean isActive) {
    }

    record Message(long id, User user, String content, String createdAt) {
    }

    /** A broadcast: the history's shape plus the sender's nonce when it sent one, as Rooms sends it. */
    record ChatFrame(long id, User user, String content, String createdAt,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String nonce) {
    }

    record Detail(String detail) {
    }

    /** Every request body the reference reads; each endpoint takes the fields it needs. */
    record Request(String email, String name, String password, String description, String roomType, String content,
                   String nonce) {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Wire() {
    }

    /** Writes {@code value} as JSON into {@code buffer} (UTF-8) and returns the buffer. */
    static ByteBuf write(Object value, ByteBuf buffer) {
        try (OutputStream out = new ByteBufOutputStream(buffer)) {
            JSON.writeValue(out, value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a ByteBuf does not fail to grow", e);
        }
        return buffer;
    }

    /** The request body in {@code content}, or null when it is not a JSON object. */
    static Request read(ByteBuf content) {
        try (InputStream in = new ByteBufInputStream(content.duplicate())) {
            return JSON.readValue(in, Request.class);
        } catch (JacksonException | java.io.IOException e) {
            return null;
        }
    }

    /** Now, to the microsecond, as Rooms writes its timestamps. */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    }
}
