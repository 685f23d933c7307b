package dev.rooms.sdk.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.FoundMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.PresenceEvent;
import dev.rooms.sdk.model.RoomSummary;
import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import java.io.IOException;
import java.time.Instant;

/**
 * The one Jackson configuration of the SDK: snake_case on the wire, ISO-8601 instants, unknown fields ignored, and
 * the live frames' shapes as mix-ins ({@link FrameMixIns}).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("rooms")
                    .addSerializer(RoomType.class, new RoomTypeSerializer())
                    .addDeserializer(RoomType.class, new RoomTypeDeserializer())
                    .addDeserializer(FoundMessage.class, new FoundMessageDeserializer())
                    .addDeserializer(EditedMessage.class, new EditedMessageDeserializer()))
            .addMixIn(Signal.class, FrameMixIns.SignalMixIn.class)
            .addMixIn(Signal.Offer.class, FrameMixIns.OfferMixIn.class)
            .addMixIn(Signal.Answer.class, FrameMixIns.AnswerMixIn.class)
            .addMixIn(Signal.IceCandidate.class, FrameMixIns.IceCandidateMixIn.class)
            .addMixIn(Signal.Hangup.class, FrameMixIns.HangupMixIn.class)
            .addMixIn(SessionDescription.class, FrameMixIns.SessionDescriptionMixIn.class)
            .addMixIn(Candidate.class, FrameMixIns.CandidateMixIn.class)
            .addMixIn(PresenceEvent.class, FrameMixIns.PresenceEventMixIn.class)
            .addMixIn(PresenceEvent.Kind.class, FrameMixIns.PresenceKindMixIn.class)
            .addMixIn(Message.class, FrameMixIns.MessageMixIn.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private Json() {
    }

    /**
     * Returns the shared, thread-safe mapper.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static final class RoomTypeSerializer extends JsonSerializer<RoomType> {
        @Override
        public void serialize(RoomType value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(value.wireValue());
        }
    }

    private static final class RoomTypeDeserializer extends JsonDeserializer<RoomType> {
        @Override
        public RoomType deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return RoomType.fromWireValue(parser.getValueAsString());
        }
    }

    /** A search result is a history message with a {@code room} field; the record keeps the two apart. */
    private static final class FoundMessageDeserializer extends JsonDeserializer<FoundMessage> {
        @Override
        public FoundMessage deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = parser.readValueAsTree();
            if (!(tree instanceof ObjectNode result) || !(result.remove("room") instanceof ObjectNode room)) {
                return context.reportInputMismatch(FoundMessage.class, "a search result needs an object \"room\"");
            }
            return new FoundMessage(context.readTreeAsValue(result, Message.class),
                    context.readTreeAsValue(room, RoomSummary.class));
        }
    }

    /** An edited message is a history message with {@code edited_at}; the record keeps the two apart. */
    private static final class EditedMessageDeserializer extends JsonDeserializer<EditedMessage> {
        @Override
        public EditedMessage deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = parser.readValueAsTree();
            JsonNode editedAt = tree == null ? null : tree.get("edited_at");
            if (!(tree instanceof ObjectNode message) || editedAt == null || !editedAt.isTextual()) {
                return context.reportInputMismatch(EditedMessage.class, "an edited message needs \"edited_at\"");
            }
            return new EditedMessage(context.readTreeAsValue(message, Message.class),
                    context.readTreeAsValue(editedAt, Instant.class));
        }
    }
}
