package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Column widths are terminal columns: CJK and emoji take two, and a cut never splits a character. */
class TableTest {

    private final Table table = new Table("ID", "NAME", "NOTE")
            .row(1, "会議室", "wide name")
            .row(2, "🎉 party", "emoji")
            .row(3, "plain", "ascii")
            .row(4, "e\u0301te\u0301", "combining accents");

    @Test
    void displayWidthCountsWideCharactersTwiceAndCombiningMarksNever() {
        assertThat(Table.length("会議室")).isEqualTo(6);
        assertThat(Table.length("🎉 party")).isEqualTo(8);
        assertThat(Table.length("e\u0301te\u0301")).isEqualTo(3);
    }

    @Test
    void columnsLineUpWhateverTheCharactersWidth() {
        List<String> lines = print(200);

        assertThat(lines).containsExactly(
                "ID  NAME      NOTE",
                "1   会議室    wide name",
                "2   🎉 party  emoji",
                "3   plain     ascii",
                "4   e\u0301te\u0301       combining accents");
        assertThat(lines).allSatisfy(line -> assertThat(Table.length(line.substring(0, line.lastIndexOf("  ") + 2)))
                .isEqualTo(14));
    }

    @Test
    void cuttingKeepsWholeCharactersAndTheWidth() {
        Table wide = new Table("NAME", "TEXT")
                .row("x", "会議室会議室会議室会議室")
                .row("y", "🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉");

        for (int width = 12; width < 30; width++) {
            StringWriter out = new StringWriter();
            wide.print(new PrintWriter(out), width, false);

            int limit = width;
            assertThat(out.toString().lines()).allSatisfy(line -> {
                assertThat(Table.length(line)).isLessThanOrEqualTo(limit);
                assertThat(line.chars().filter(c -> Character.isHighSurrogate((char) c)).count())
                        .isEqualTo(line.chars().filter(c -> Character.isLowSurrogate((char) c)).count());
            });
            assertThat(out.toString()).contains("…");
        }
    }

    private List<String> print(int width) {
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out), width, false);
        return out.toString().lines().toList();
    }
}
