package org.ream.central.reporting.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ream.central.reporting.definition.ReportDesign.Orientation;

/**
 * A full run holds one row and one page-sequence (PDF) or one flush of rows (XLSX) at a time:
 * 100,000 rows go through each writer while the heap left after a collection is sampled every
 * 10,000 rows; what is held at 100,000 rows must be what was held at 20,000, give or take a
 * little, not five times as much.
 */
class ReportWriterMemoryTest {

    private static final int ROWS = Integer.getInteger("memtest.rows", 100_000);
    private static final int SAMPLE_EVERY = 10_000;
    /**
     * Heap that may appear between 20,000 and 100,000 rows: what FOP keeps of each written page
     * (under 2 KB, some 50 bytes a row) and noise. Keeping each row's cells (several hundred bytes) or
     * each page's content (about 100 KB) would be far above it.
     */
    private static final long ALLOWED_GROWTH = 8L * 1024 * 1024;

    @Test
    void pdfKeepsMemoryFlatOverAHundredThousandRows() throws Exception {
        check(new PdfReportWriter());
    }

    @Test
    void xlsxKeepsMemoryFlatOverAHundredThousandRows() throws Exception {
        check(new XlsxReportWriter());
    }

    private static void check(ReportWriter writer) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // The test JVM holds other tests' state too (a whole server when run with the suite):
        // what counts is the heap above what was in use before the writer started.
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        List<Long> samples = new ArrayList<>();
        RowSource source = ReportSamples.generated(ROWS);
        RowSource sampled = new RowSource() {
            long read;

            @Override
            public Object[] next() throws Exception {
                if (read > 0 && read % SAMPLE_EVERY == 0) {
                    System.gc();
                    samples.add(memory.getHeapMemoryUsage().getUsed());
                }
                read++;
                return source.next();
            }

            @Override
            public void close() {
            }
        };
        CountingOutputStream out = new CountingOutputStream();
        long started = System.nanoTime();
        long written = writer.write(ReportSamples.header(';', Orientation.LANDSCAPE), ReportSamples.COLUMNS, sampled, out);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(written).isEqualTo(ROWS);
        long at20k = samples.get(1);
        long at100k = samples.get(samples.size() - 1);
        System.out.printf("%s: %,d rows, %,d bytes in %,d ms; heap after GC (MB) every %,d rows: %s%n", writer.format(), written, out.count,
                millis, SAMPLE_EVERY, samples.stream().map(b -> Long.toString(b / (1024 * 1024))).toList());
        assertThat(samples).hasSize(ROWS / SAMPLE_EVERY);
        assertThat(at100k - at20k).as("heap growth from 20,000 to 100,000 rows (bytes)").isLessThan(ALLOWED_GROWTH);
        assertThat(samples.stream().mapToLong(Long::longValue).max().orElseThrow() - before).as("heap held by the writer").isLessThan(256L * 1024 * 1024);
        assertThat(out.count).isGreaterThan(ROWS * 10L);
    }

    /** Throws the bytes away: the file's size must not count as the writer's memory. */
    private static final class CountingOutputStream extends OutputStream {
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
