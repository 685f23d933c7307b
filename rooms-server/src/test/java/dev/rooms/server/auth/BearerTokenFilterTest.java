package dev.rooms.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class BearerTokenFilterTest {

    @Test
    void headerWordsThenTheSameAsSplittingOnWhiteSpaceRuns() {
        for (String header : List.of("", "Bearer", "Bearer abc", "Bearer  abc", "Bearer\tabc", "Bearer abc def",
                "Bearer\u000Babc", "Bearer\fabc\r\n", "Bearer\u2003abc", "Bearer\u00A0abc", "Basic x", "bearer abc",
                "Bearer \t \n abc", "a", "  ", "\u001Cx y")) {
            String stripped = header.strip();

            assertThat(BearerTokenFilter.words(stripped)).as("[%s]", header)
                    .isEqualTo(Arrays.stream(stripped.split("\\s+")).filter(word -> !word.isEmpty()).toList());
        }
    }
}
