package dev.rooms.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void nextIsFoundAmongSeveralLinksInOneHeader() {
        String header = "<http://h/api/rooms/?before=5>; rel=\"prev\", <http://h/api/rooms/?after=9>; rel=\"next\"";

        assertThat(LinkHeader.target(List.of(header), "next")).contains("http://h/api/rooms/?after=9");
        assertThat(LinkHeader.target(List.of(header), "prev")).contains("http://h/api/rooms/?before=5");
    }

    @Test
    void commasAndSemicolonsInsideTheTargetArePartOfIt() {
        String header = "<http://h/s/?q=a,b;c&limit=2>; rel=\"next\"";

        assertThat(LinkHeader.target(List.of(header), "next")).contains("http://h/s/?q=a,b;c&limit=2");
    }

    @Test
    void relationIsCaseInsensitiveMayBeATokenAndMayListSeveralTypes() {
        assertThat(LinkHeader.target(List.of("<http://h/a>;REL=\"last Next\""), "next")).contains("http://h/a");
        assertThat(LinkHeader.target(List.of("<http://h/b> ; rel=next"), "next")).contains("http://h/b");
    }

    @Test
    void otherParametersWithQuotedCommasAndEscapesDoNotEndTheLink() {
        String header = "<http://h/a>; title=\"a, \\\"b\\\"; rel=next\"; rel=\"prev\", <http://h/b>; rel=\"next\"";

        assertThat(LinkHeader.target(List.of(header), "next")).contains("http://h/b");
        assertThat(LinkHeader.target(List.of(header), "prev")).contains("http://h/a");
    }

    @Test
    void linksInSeveralHeaderValuesAreAllRead() {
        List<String> headers = List.of("<http://h/a>; rel=\"prev\"", "<http://h/b>; rel=\"next\"");

        assertThat(LinkHeader.target(headers, "next")).contains("http://h/b");
    }

    @Test
    void noLinkWithTheRelationThenEmpty() {
        assertThat(LinkHeader.target(List.of("<http://h/a>; rel=\"prev\""), "next")).isEmpty();
        assertThat(LinkHeader.target(List.of(), "next")).isEmpty();
        assertThat(LinkHeader.target(List.of("<http://h/a>; rel=\"nextish\""), "next")).isEmpty();
    }

    @Test
    void headerThatBreaksTheGrammarIsReadUpToThere() {
        assertThat(LinkHeader.target(List.of("http://h/a; rel=\"next\""), "next")).isEmpty();
        assertThat(LinkHeader.target(List.of("<http://h/a; rel=\"next\""), "next")).isEmpty();
        assertThat(LinkHeader.target(List.of("<http://h/a>; rel=\"prev\" junk, <http://h/b>; rel=\"next\""), "next"))
                .isEmpty();
    }
}
