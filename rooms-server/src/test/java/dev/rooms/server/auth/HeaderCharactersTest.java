package dev.rooms.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@link HeaderCharacters} answers as Spring Security's own patterns do, for every code point. */
class HeaderCharactersTest {

    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointAloneAndAfterTextThenSameAnswerAsTheFirewallsPatterns() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            for (String text : new String[] {alone, "Bearer abc" + alone, alone + "x"}) {
                assertThat(HeaderCharacters.validName(text)).as("name U+%04X", codePoint)
                        .isEqualTo(NAME.matcher(text).matches());
                assertThat(HeaderCharacters.validValue(text)).as("value U+%04X", codePoint)
                        .isEqualTo(VALUE.matcher(text).matches());
            }
        }
    }

    @Test
    void unpairedSurrogatesAndEmptyTextThenSameAnswerAsTheFirewallsPatterns() {
        for (String text : new String[] {"", "\uD800", "a\uDC00b", "\uDBFF\uDFFF", "\uD83D\uDE00", "\uDC00\uD800"}) {
            assertThat(HeaderCharacters.validName(text)).as(text).isEqualTo(NAME.matcher(text).matches());
            assertThat(HeaderCharacters.validValue(text)).as(text).isEqualTo(VALUE.matcher(text).matches());
        }
    }
}
