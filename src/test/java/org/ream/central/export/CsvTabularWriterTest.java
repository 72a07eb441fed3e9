package org.ream.central.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvTabularWriterTest {

    static final List<Column> COLUMNS = List.of(Column.dateTime("Time"), Column.text("Text", 40), Column.integer("Pages", 8), Column.text("Day", 10));

    static byte[] write(String delimiter, Object[]... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter w = TabularWriter.open(TabularFormat.CSV, out, COLUMNS, ExportOptions.of(delimiter, ZoneId.of("Europe/Paris"), "x"));
        for (Object[] r : rows) {
            w.row(r);
        }
        w.finish();
        assertThat(w.rows()).isEqualTo(rows.length);
        return out.toByteArray();
    }

    static List<CSVRecord> read(byte[] bytes, char delimiter) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().parse(new StringReader(text.substring(1))).getRecords();
    }

    @Test
    void startsWithAByteOrderMarkAndUsesTheConfiguredDelimiter() throws IOException {
        byte[] bytes = write(";", new Object[] {Instant.parse("2026-11-25T15:04:03Z"), "Login success: '*admin'", 12, LocalDate.of(2026, 11, 25)});
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertThat(text).isEqualTo("Time;Text;Pages;Day\r\n2026-11-25 16:04:03;Login success: '*admin';12;2026-11-25\r\n");
    }

    @Test
    void tabAndPipeDelimiters() throws IOException {
        assertThat(read(write("TAB", new Object[] {null, "a;b", 1, null}), '\t').get(1).values()).containsExactly("", "a;b", "1", "");
        assertThat(read(write("|", new Object[] {null, "a|b", 1, null}), '|').get(1).get(1)).isEqualTo("a|b");
    }

    @Test
    void quotesDelimitersQuotesAndLineBreaksSoTheyReadBack() throws IOException {
        String stack = "java.lang.IllegalStateException: \"boom\"\n\tat org.ream.X.y(X.java:1)\r\n\tat z";
        List<CSVRecord> records = read(write(",", new Object[] {null, stack, null, null}, new Object[] {null, "Müller, Zoë 日本", 2, null}), ',');
        assertThat(records).hasSize(3);
        assertThat(records.get(1).get(1)).isEqualTo(stack);
        assertThat(records.get(2).get(1)).isEqualTo("Müller, Zoë 日本");
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsDefused() throws IOException {
        List<CSVRecord> records = read(write(";", new Object[] {null, "=HYPERLINK(\"http://evil\")", 3, "@SUM(A1)"},
                new Object[] {null, "+1", -5, "-2"}), ';');
        assertThat(records.get(1).get(1)).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(records.get(1).get(3)).isEqualTo("'@SUM(A1)");
        assertThat(records.get(2).get(1)).isEqualTo("'+1");
        // Numbers in number columns stay numbers.
        assertThat(records.get(2).get(2)).isEqualTo("-5");
        assertThat(records.get(2).get(3)).isEqualTo("'-2");
    }

    @Test
    void shortRowsAreFilledWithEmptyCells() throws IOException {
        assertThat(read(write(";", new Object[] {null, "only text"}), ';').get(1).values()).containsExactly("", "only text", "", "");
    }

    @Test
    void delimiterSetting() {
        assertThat(ExportOptions.delimiterOf("TAB")).isEqualTo('\t');
        assertThat(ExportOptions.delimiterOf(null)).isEqualTo(';');
        assertThat(ExportOptions.delimiterOf(",")).isEqualTo(',');
    }
}
