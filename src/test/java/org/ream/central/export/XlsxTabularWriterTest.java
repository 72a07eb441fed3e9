package org.ream.central.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

class XlsxTabularWriterTest {

    static final List<Column> COLUMNS = List.of(Column.dateTime("Time"), Column.text("Type", 10), Column.text("Text", 80), Column.integer("Pages", 8));
    static final ExportOptions OPTIONS = ExportOptions.of(";", ZoneId.of("Europe/Paris"), "Log");

    static List<Row> read(byte[] xlsx) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false)); Stream<Row> rows = wb.getFirstSheet().openStream()) {
            assertThat(wb.getFirstSheet().getName()).isEqualTo("Log");
            return rows.collect(Collectors.toList());
        }
    }

    @Test
    void headerThenTypedCells() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter w = TabularWriter.open(TabularFormat.XLSX, out, COLUMNS, OPTIONS);
        w.row(Instant.parse("2026-11-25T15:04:03Z"), "Notice", "Login success: '*admin'", 42);
        w.row(null, "Error", "=1+1", new BigDecimal("7"));
        w.finish();

        List<Row> rows = read(out.toByteArray());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getCellText(0)).isEqualTo("Time");
        assertThat(rows.get(0).getCellText(2)).isEqualTo("Text");
        assertThat(rows.get(1).getCellAsDate(0)).contains(LocalDateTime.parse("2026-11-25T16:04:03"));
        assertThat(rows.get(1).getCell(0).getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
        assertThat(rows.get(1).getCellText(1)).isEqualTo("Notice");
        assertThat(rows.get(1).getCellAsNumber(3)).contains(new BigDecimal("42"));
        // Text is text, never a formula.
        assertThat(rows.get(2).getCell(2).getType()).isEqualTo(CellType.STRING);
        assertThat(rows.get(2).getCellText(2)).isEqualTo("=1+1");
        assertThat(rows.get(2).getOptionalCell(0).map(c -> c.getType() == CellType.EMPTY).orElse(true)).isTrue();
    }

    @Test
    void controlCharactersAreDroppedAndOverlongTextIsCut() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter w = TabularWriter.open(TabularFormat.XLSX, out, COLUMNS, OPTIONS);
        w.row(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC")), "Warn\u0000ing", "line1\nline2\u0007", 1);
        w.row(null, null, "x".repeat(40_000), null);
        w.finish();
        List<Row> rows = read(out.toByteArray());
        assertThat(rows.get(1).getCellAsDate(0)).contains(LocalDateTime.parse("2026-01-01T01:00:00"));
        assertThat(rows.get(1).getCellText(1)).isEqualTo("Warning");
        assertThat(rows.get(1).getCellText(2)).isEqualTo("line1\nline2");
        assertThat(rows.get(2).getCellText(2)).hasSize(XlsxTabularWriter.MAX_CELL_CHARS).endsWith("\u2026");
    }

    @Test
    void streamsManyRowsWithoutKeepingThem() throws IOException {
        CountingStream out = new CountingStream();
        TabularWriter w = TabularWriter.open(TabularFormat.XLSX, out, COLUMNS, OPTIONS);
        Instant t = Instant.parse("2026-11-25T00:00:00Z");
        long writtenAfterFirstBlock = 0;
        for (int i = 0; i < 20_000; i++) {
            w.row(t.plusSeconds(i), "Notice", "Executing scheduled task number " + i, i);
            if (i == 2 * XlsxTabularWriter.FLUSH_EVERY) {
                writtenAfterFirstBlock = out.count;
            }
        }
        long beforeFinish = out.count;
        w.finish();
        // Bytes reach the stream while rows are still being written, not only at the end.
        assertThat(writtenAfterFirstBlock).isPositive();
        assertThat(beforeFinish).isGreaterThan(writtenAfterFirstBlock);
        assertThat(w.rows()).isEqualTo(20_000);
    }

    @Test
    void sheetNamesAreMadeValid() {
        assertThat(XlsxTabularWriter.sheetName("Audit log [2026/11]")).isEqualTo("Audit log _2026_11_");
        assertThat(XlsxTabularWriter.sheetName("x".repeat(40))).hasSize(31);
        assertThat(XlsxTabularWriter.sheetName(" ")).isEqualTo("Sheet1");
    }

    @Test
    void fileNamesFollowTheManual() {
        ZonedDateTime at = ZonedDateTime.of(2026, 11, 25, 16, 4, 3, 0, ZoneId.of("Europe/Paris"));
        assertThat(ExportFileName.of("log", at, TabularFormat.XLSX)).isEqualTo("log_2026-11-25_16-04-03.xlsx");
        assertThat(ExportFileName.attachment("log_x.csv")).isEqualTo("attachment; filename=\"log_x.csv\"");
        assertThat(TabularFormat.parse("CSV")).isEqualTo(TabularFormat.CSV);
        assertThat(TabularFormat.parse(null)).isEqualTo(TabularFormat.XLSX);
    }

    static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
