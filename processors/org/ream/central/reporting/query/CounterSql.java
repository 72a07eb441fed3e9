package org.ream.central.reporting.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ream.central.reporting.counting.Breakdown;
import org.ream.central.reporting.counting.ColourMode;
import org.ream.central.reporting.counting.JobFunction;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.counting.PaperFormat;
import org.ream.central.reporting.definition.DataSource;

/**
 * The counting rules of docs/reports.md as SQL over one fact row, so that sums, rankings and
 * comparisons happen in the database and give the numbers {@code reporting.counting} gives in
 * Java (a test compares them on generated rows). Sessions and printer jobs arrive counted: their
 * counter columns are read as {@code PageCounters.fromReplicated} reads them. A print job is
 * counted from its attributes as {@code PrintedWork.ofJob} and {@code Counting.count} do:
 * pages x copies clicks, doubled on A3 and Ledger; sheets of one copy halved (rounded up) in
 * duplex; the format as {@code PaperFormat.parse} reads it.
 */
final class CounterSql {

    private final DataSource.Counters counters;
    private final SqlDialect dialect;
    private final String a;

    /** Counters of the row at alias {@code alias}. */
    CounterSql(DataSource.Counters counters, SqlDialect dialect, String alias) {
        this.counters = counters;
        this.dialect = dialect;
        this.a = alias;
    }

    /**
     * The measure's value for one row, as a whole number. The environmental measures give the
     * row's sheets (the per-sheet figures are applied to the sums in Java, as
     * {@code EnvironmentalImpact.ofSheets} does).
     */
    String of(Measure m) {
        return switch (counters) {
            case REPLICATED -> replicated(m);
            case JOB_ATTRIBUTES -> job(m);
            default -> throw new IllegalStateException("no page counters in this data source");
        };
    }

    private String replicated(Measure m) {
        String bw = a + ".PRINT_BW + " + a + ".COPY_BW + " + a + ".FAX_PAGES";
        // Single-colour copies are not replicated: PageCounters.fromReplicated reads them as 0.
        String colour = a + ".PRINT_COLOR + " + a + ".COPY_COLOR";
        return switch (m) {
            case PRINT_BW -> a + ".PRINT_BW";
            case PRINT_COLOR -> a + ".PRINT_COLOR";
            case COPY_BW -> a + ".COPY_BW";
            case COPY_COLOR -> a + ".COPY_COLOR";
            case COPY_SINGLE_COLOR -> "0";
            case FAX -> a + ".FAX_PAGES";
            case SCANS -> a + ".SCAN_PAGES";
            case BW_PAGES -> "(" + bw + ")";
            case COLOR_PAGES -> "(" + colour + ")";
            case TOTAL_PAGES -> "(" + bw + " + " + colour + ")";
            case TOTAL_PRINTS -> "(" + a + ".PRINT_BW + " + a + ".PRINT_COLOR)";
            case TOTAL_COPIES -> "(" + a + ".COPY_BW + " + a + ".COPY_COLOR)";
            case PAPER_A4 -> a + ".PAGES_A4";
            case PAPER_A3 -> a + ".PAGES_A3";
            case PAPER_OTHER_FORMATS -> a + ".PAGES_OTHER";
            case SIMPLEX -> a + ".SIMPLEX_PAGES";
            case DUPLEX -> a + ".DUPLEX_PAGES";
            case COLOR_L1 -> a + ".COLOR_L1";
            case COLOR_L2 -> a + ".COLOR_L2";
            case COLOR_L3 -> a + ".COLOR_L3";
            case SHEETS, TREES, CO2_GRAMS, ENERGY_WH, RECYCLED_ENERGY_WH -> a + ".SHEETS";
            default -> throw new IllegalArgumentException(m.id() + " is not a page counter");
        };
    }

    private String format() {
        return "UPPER(TRIM(" + a + ".PAPER_FORMAT))";
    }

    private String clicks() {
        return "(" + a + ".PAGES * " + a + ".COPIES * CASE WHEN " + format() + " IN ('A3', 'LEDGER') THEN 2 ELSE 1 END)";
    }

    private String sheets() {
        return "((CASE WHEN " + dialect.isTrue(a + ".DUPLEX") + " THEN (" + a + ".PAGES + 1) / 2 ELSE " + a + ".PAGES END) * " + a + ".COPIES)";
    }

    private String colour() {
        return dialect.isTrue(a + ".COLOR");
    }

    private String job(Measure m) {
        String duplex = dialect.isTrue(a + ".DUPLEX");
        return switch (m) {
            case PRINT_BW, BW_PAGES -> "CASE WHEN " + colour() + " THEN 0 ELSE " + clicks() + " END";
            case PRINT_COLOR, COLOR_PAGES -> "CASE WHEN " + colour() + " THEN " + clicks() + " ELSE 0 END";
            case TOTAL_PAGES, TOTAL_PRINTS -> clicks();
            case COPY_BW, COPY_COLOR, COPY_SINGLE_COLOR, FAX, SCANS, TOTAL_COPIES, COLOR_L1, COLOR_L2, COLOR_L3 -> "0";
            case PAPER_A4 -> "CASE WHEN " + format() + " = 'A4' THEN " + sheets() + " ELSE 0 END";
            case PAPER_A3 -> "CASE WHEN " + format() + " = 'A3' THEN " + sheets() + " ELSE 0 END";
            case PAPER_OTHER_FORMATS -> "CASE WHEN " + format() + " IN ('A4', 'A3') THEN 0 ELSE " + sheets() + " END";
            case SIMPLEX -> "CASE WHEN " + duplex + " THEN 0 ELSE " + sheets() + " END";
            case DUPLEX -> "CASE WHEN " + duplex + " THEN " + sheets() + " ELSE 0 END";
            case SHEETS, TREES, CO2_GRAMS, ENERGY_WH, RECYCLED_ENERGY_WH -> sheets();
            default -> throw new IllegalArgumentException(m.id() + " is not a page counter");
        };
    }

    /**
     * A cell selection of the counters broken down by function, colour, format and sides; only a
     * job's attributes carry it (replicated counters are not crossed: gap counter-breakdown).
     */
    String of(Breakdown b) {
        if (counters != DataSource.Counters.JOB_ATTRIBUTES) {
            throw new IllegalStateException("only print jobs are counted by function, colour, format and sides");
        }
        if ((b.function() != null && b.function() != JobFunction.PRINT) || b.colour() == ColourMode.SINGLE_COLOR) {
            return "0"; // a job is a print, in black and white or colour
        }
        List<String> when = new ArrayList<>();
        if (b.colour() == ColourMode.COLOR) {
            when.add(colour());
        } else if (b.colour() == ColourMode.BW) {
            when.add("(NOT (" + colour() + ") OR " + a + ".COLOR IS NULL)");
        }
        if (b.format() == PaperFormat.OTHER) {
            String named = Arrays.stream(PaperFormat.values()).filter(f -> f != PaperFormat.OTHER)
                    .map(f -> "'" + f.name() + "'").collect(Collectors.joining(", "));
            when.add("(" + format() + " IS NULL OR " + format() + " NOT IN (" + named + "))");
        } else if (b.format() != null) {
            when.add(format() + " = '" + b.format().name().toUpperCase(Locale.ROOT) + "'");
        }
        if (b.duplex() != null) {
            String duplex = dialect.isTrue(a + ".DUPLEX");
            when.add(b.duplex() ? duplex : "(NOT (" + duplex + ") OR " + a + ".DUPLEX IS NULL)");
        }
        String value = b.unit() == Breakdown.Unit.SHEETS ? sheets() : clicks();
        return when.isEmpty() ? value : "CASE WHEN " + String.join(" AND ", when) + " THEN " + value + " ELSE 0 END";
    }
}
