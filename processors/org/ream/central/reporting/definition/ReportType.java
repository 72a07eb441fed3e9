package org.ream.central.reporting.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report type (10.1.1), built in or uploaded, as its definition file describes it: what it
 * reads, what the designer may choose, and what it cannot show yet ({@link #gaps()}).
 *
 * @param where    conditions on the fact rows ({@code TABLE.COLUMN} to accepted values): the
 *                 "expired and deleted" jobs are the jobs in those states
 * @param periodColumn the fact's instant column the period applies to, when not the source's own
 */
public record ReportType(String id, Category category, Map<String, String> names, String description, List<String> rights,
        DataSource source, List<ParameterKind> parameters, List<FilterKind> filters, List<ColumnDef> defaultColumns,
        List<ColumnDef> extraColumns, List<ColumnDef> groupBy, boolean aggregatedColumns, ChartSupport charts,
        Map<String, List<String>> where, String periodColumn, boolean beta, boolean builtIn, String file, Set<String> gaps) {

    public ReportType {
        names = Map.copyOf(names);
        rights = List.copyOf(rights);
        parameters = List.copyOf(parameters);
        filters = List.copyOf(filters);
        defaultColumns = List.copyOf(defaultColumns);
        extraColumns = List.copyOf(extraColumns);
        groupBy = List.copyOf(groupBy);
        where = Map.copyOf(where);
        gaps = Set.copyOf(gaps);
    }

    public String name(String language) {
        String n = names.get(language);
        return n != null ? n : names.get("en");
    }

    /**
     * What the designer may put in the table: the default columns, the extra columns, and the
     * columns the rows are grouped by (the designer shows "Group" as a column of a groups report).
     */
    public List<ColumnDef> columns() {
        List<ColumnDef> all = new ArrayList<>(defaultColumns);
        all.addAll(extraColumns);
        for (ColumnDef g : groupBy) {
            if (!all.contains(g)) {
                all.add(g);
            }
        }
        return all;
    }

    public ColumnDef column(String id) {
        for (ColumnDef c : columns()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    public boolean accepts(ParameterKind p) {
        return parameters.contains(p);
    }

    public boolean accepts(FilterKind f) {
        return filters.contains(f);
    }

    /** False when the data source itself is missing from the replicated model: nothing can be shown. */
    public boolean runnable() {
        return source.gap() == null;
    }
}
