package org.ream.central.reporting.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.ream.central.reporting.definition.SummaryKind;

/**
 * The table's last line (10.1.4: Somme, Moyenne or Aucune), accumulated as rows pass so that no
 * writer keeps rows. A sum adds the column's numbers exactly; an average divides that sum by the
 * number of rows with a value (empty cells are not counted as zero). A column without a value
 * has no sum or average (empty), not zero.
 */
public final class SummaryLine {

    private final List<ReportColumn> columns;
    private final BigDecimal[] sums;
    private final long[] counts;
    private final boolean any;

    public SummaryLine(List<ReportColumn> columns) {
        this.columns = List.copyOf(columns);
        this.sums = new BigDecimal[columns.size()];
        this.counts = new long[columns.size()];
        boolean found = false;
        for (ReportColumn c : columns) {
            found |= summarised(c);
        }
        this.any = found;
    }

    /** Whether the report has a summary line at all. */
    public boolean present() {
        return any;
    }

    public static boolean summarised(ReportColumn column) {
        return column.summary() == SummaryKind.SUM || column.summary() == SummaryKind.AVERAGE;
    }

    public void add(Object[] row) {
        for (int i = 0; i < sums.length; i++) {
            if (row[i] instanceof Number n && summarised(columns.get(i))) {
                BigDecimal v = ValueFormat.toBigDecimal(n);
                sums[i] = sums[i] == null ? v : sums[i].add(v);
                counts[i]++;
            }
        }
    }

    /** The column's summary: its sum or average, or null (no summary, or no value to summarise). */
    public BigDecimal value(int column) {
        ReportColumn c = columns.get(column);
        if (!summarised(c) || sums[column] == null) {
            return null;
        }
        return c.summary() == SummaryKind.SUM ? sums[column] : sums[column].divide(BigDecimal.valueOf(counts[column]), MathContext.DECIMAL64);
    }

    /** The label shown in the first cell when that column has no summary of its own, else null. */
    public String label(ReportTexts texts) {
        return columns.isEmpty() || summarised(columns.get(0)) ? null : texts.summary();
    }
}
