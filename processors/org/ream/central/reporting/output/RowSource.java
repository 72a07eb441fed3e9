package org.ream.central.reporting.output;

/**
 * The rows of a report, streamed: each call returns the next row (one value per column, in the
 * columns' order: String, Long, java.math.BigDecimal, Boolean, java.time.LocalDate,
 * java.time.Instant or null), or null at the end. A full run holds one row at a time, never
 * the whole report, so a writer must not collect rows either (issue 5, point 5).
 */
public interface RowSource extends AutoCloseable {

    Object[] next() throws Exception;

    @Override
    void close() throws Exception;
}
