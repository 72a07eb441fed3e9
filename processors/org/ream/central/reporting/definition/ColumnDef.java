package org.ream.central.reporting.definition;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ream.central.reporting.counting.Breakdown;
import org.ream.central.reporting.counting.Measure;

/**
 * A column a report type offers. Its value comes from exactly one of: a table column
 * ({@code sources}, by data source id or {@code *} for any, optionally cut by a {@link Bucket}
 * or taken through a membership flag {@code via}), a named counting-rule {@link Measure}, or a
 * counting-rule {@link Breakdown}. {@code gap} names what the replicated model lacks for it (it
 * may accompany a measure or breakdown: the rule exists, the data does not).
 */
public record ColumnDef(String id, Map<String, String> labels, ColumnType type, Map<String, String> sources, String via, Bucket bucket,
        Measure measure, Breakdown breakdown, String gap, Set<SummaryKind> summaries, SummaryKind defaultSummary, String file) {

    public static final String ANY_SOURCE = "*";

    public ColumnDef {
        labels = Map.copyOf(labels);
        sources = Map.copyOf(sources);
        summaries = Set.copyOf(summaries);
    }

    /** {@code TABLE.COLUMN} for this data source, or null. */
    public String source(DataSource ds) {
        String s = sources.get(ds.id());
        return s != null ? s : sources.get(ANY_SOURCE);
    }

    public String label(String language) {
        String l = labels.get(language);
        return l != null ? l : labels.get("en");
    }

    public boolean available() {
        return gap == null;
    }

    /** The summaries the designer offers for this column, "none" always among them. */
    public List<SummaryKind> summaryChoices() {
        return summaries.isEmpty() ? List.of(SummaryKind.NONE)
                : List.of(SummaryKind.NONE, SummaryKind.SUM, SummaryKind.AVERAGE).stream()
                        .filter(k -> k == SummaryKind.NONE || summaries.contains(k)).toList();
    }
}
