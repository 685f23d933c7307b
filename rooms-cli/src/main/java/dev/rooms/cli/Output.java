package dev.rooms.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.RoomType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.IntSupplier;

/**
 * Prints results as aligned tables for people or, with {@code --json}, as the API's objects (snake_case, like the
 * server's JSON) for scripts. Text for people goes through {@link TerminalText}; JSON stays exact: it escapes the
 * C0 controls (ESC, CR, BEL, ...), while C1 controls and bidirectional characters are written as they are.
 */
final class Output {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Indented like the usual {@code jq .} output: {@code "key": value}, one array element per line. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    private final PrintWriter out;
    private final boolean json;
    private final boolean quiet;
    private final boolean colour;
    private final IntSupplier width;
    private ObjectMapper mapper;

    /** {@code width} is asked only when a table is printed: finding the terminal's width can take a moment. */
    Output(PrintWriter out, boolean json, boolean quiet, boolean colour, IntSupplier width) {
        this.out = out;
        this.json = json;
        this.quiet = quiet;
        this.colour = colour;
        this.width = width;
    }

    boolean json() {
        return json;
    }

    /** Prints one JSON document, indented. */
    void printJson(Object value) {
        try {
            out.println(mapper().writer(PRETTY).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints one JSON object on one line (for streams such as {@code messages --follow}). */
    void printJsonLine(Object value) {
        out.println(jsonLine(value));
        out.flush();
    }

    /** One JSON object on one line, escaped like all JSON output (for error objects on stderr). */
    String jsonLine(Object value) {
        try {
            return mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table; with {@code --quiet} only its ids. */
    void print(Table table) {
        if (quiet) {
            table.printIds(out);
        } else {
            table.print(out, width.getAsInt(), colour);
        }
    }

    /** Label/value pairs; with {@code --quiet} only the value of the {@code ID} pair. */
    void printPairs(Table table) {
        if (quiet) {
            table.printIds(out);
        } else {
            table.printPairs(out, width.getAsInt(), colour);
        }
    }

    /**
     * Prints one line of text for people (a confirmation, a hint) that may hold names from the server, neutralised
     * by {@link TerminalText#line}; nothing with {@code --quiet}.
     */
    void println(String line) {
        if (!quiet) {
            out.println(TerminalText.line(line));
        }
    }

    static String localTime(Instant instant) {
        return instant == null ? "" : LOCAL_TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = JsonMapper.builder(new JsonFactoryBuilder().characterEscapes(new TerminalSafeEscapes()).build())
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .addModule(new JavaTimeModule())
                    .addModule(new SimpleModule("rooms-cli").addSerializer(new RoomTypeSerializer()))
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build();
            // The nonce only correlates a live send with its broadcast; history has none, so neither does output.
            mapper.configOverride(Message.class).setIgnorals(JsonIgnoreProperties.Value.forIgnoredProperties("nonce"));
        }
        return mapper;
    }

    /**
     * JSON escapes the C0 controls by itself; this also writes DEL, the C1 controls and the bidirectional
     * controls as {@code \\uXXXX}. The data a program parses is the same, but {@code --json} read on a terminal
     * carries nothing the terminal would act on.
     */
    private static final class TerminalSafeEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalSafeEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return TerminalText.isActedOnByTerminals(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    private static final class RoomTypeSerializer extends StdSerializer<RoomType> {

        private static final long serialVersionUID = 1L;

        RoomTypeSerializer() {
            super(RoomType.class);
        }

        @Override
        public void serialize(RoomType value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(value.wireValue());
        }
    }
}
