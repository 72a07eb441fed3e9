package org.ream.central.reporting.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ream.central.reporting.counting.Measure;

/**
 * A user's report as the designer edits it (10.1.4): its type, name and description, the
 * options (orientation, filters shown in the final report), the filter and parameter values,
 * the table's columns in order (type columns and aggregated columns, each with width, alignment
 * and summary) and the chart. {@link ReportDesignValidator} checks it against its type.
 */
public record ReportDesign(String typeId, String name, String description, Orientation orientation, boolean showFilters,
        Map<FilterKind, FilterValue> filters, List<String> excludeUsers, Parameters parameters, boolean table,
        List<TableColumn> columns, Chart chart) {

    public ReportDesign {
        Objects.requireNonNull(typeId, "typeId");
        orientation = orientation == null ? Orientation.PORTRAIT : orientation;
        filters = Map.copyOf(filters == null ? Map.of() : filters);
        excludeUsers = List.copyOf(excludeUsers == null ? List.of() : excludeUsers);
        parameters = parameters == null ? Parameters.NONE : parameters;
        columns = List.copyOf(columns == null ? List.of() : columns);
    }

    public enum Orientation {
        PORTRAIT, LANDSCAPE
    }

    public enum Alignment {
        AUTO, LEFT, CENTER, RIGHT
    }

    public enum Comparison {
        LESS("<"), EQUAL("="), GREATER(">");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Comparison bySymbol(String s) {
            for (Comparison c : values()) {
                if (c.symbol.equals(s)) {
                    return c;
                }
            }
            return null;
        }
    }

    public enum AggregateOperation {
        SUM, AVERAGE
    }

    /**
     * A filter's value: the chosen items (none: all), "Me" for the user filter (each user who runs
     * a shared report sees only their own data), or a comparison for the page counter value.
     */
    public record FilterValue(List<String> values, boolean me, Comparison comparison, Long threshold) {
        public FilterValue {
            values = List.copyOf(values == null ? List.of() : values);
        }

        public static FilterValue of(String... values) {
            return new FilterValue(List.of(values), false, null, null);
        }

        public static FilterValue onlyMe() {
            return new FilterValue(List.of(), true, null, null);
        }

        public static FilterValue compare(Comparison comparison, long threshold) {
            return new FilterValue(List.of(), false, comparison, threshold);
        }
    }

    /** The parameter values; null where not given. */
    public record Parameters(PeriodSpec period, Measure pageCounter, Integer n, Boolean addRemainingSum, String priceList,
            String priceListItem) {

        public static final Parameters NONE = new Parameters(null, null, null, null, null, null);

        public static Parameters period(PeriodSpec period) {
            return new Parameters(period, null, null, null, null, null);
        }

        public Parameters withTopN(Measure counter, int n, boolean addRemainingSum) {
            return new Parameters(period, counter, n, addRemainingSum, priceList, priceListItem);
        }

        public Parameters withPageCounter(Measure counter) {
            return new Parameters(period, counter, n, addRemainingSum, priceList, priceListItem);
        }
    }

    /** One column of the table, in the order shown. */
    public sealed interface TableColumn permits Field, Aggregated {
        Integer width();

        Alignment alignment();

        SummaryKind summary();
    }

    /** A column of the type; width null means automatic. */
    public record Field(String column, Integer width, Alignment alignment, SummaryKind summary) implements TableColumn {
        public Field {
            alignment = alignment == null ? Alignment.AUTO : alignment;
            summary = summary == null ? SummaryKind.NONE : summary;
        }

        public static Field of(String column, SummaryKind summary) {
            return new Field(column, null, Alignment.AUTO, summary);
        }
    }

    /** "Add aggregated column": the sum or average of other columns of the type, per row. */
    public record Aggregated(String label, Integer width, Alignment alignment, SummaryKind summary, List<String> columns,
            AggregateOperation operation) implements TableColumn {
        public Aggregated {
            alignment = alignment == null ? Alignment.AUTO : alignment;
            summary = summary == null ? SummaryKind.NONE : summary;
            columns = List.copyOf(columns == null ? List.of() : columns);
            operation = operation == null ? AggregateOperation.SUM : operation;
        }
    }

    /** A chart: its kind and its data series, each a column of the type and a colour (#rrggbb, null for the default). */
    public record Chart(ChartKind kind, List<Series> series) {
        public Chart {
            series = List.copyOf(series == null ? List.of() : series);
        }
    }

    public record Series(String column, String colour) {
    }

    /**
     * A new report of the type as "+Add report" opens it: the grouping columns first (as the
     * designer shows "Group" first), then the type's default columns with their default summaries;
     * no filter, no parameter chosen yet.
     */
    public static ReportDesign defaults(ReportType type, String name) {
        List<TableColumn> cols = new ArrayList<>();
        List<ColumnDef> shown = new ArrayList<>();
        for (ColumnDef g : type.groupBy()) {
            if (!type.defaultColumns().contains(g)) {
                shown.add(g);
            }
        }
        shown.addAll(type.defaultColumns());
        for (ColumnDef c : shown) {
            cols.add(Field.of(c.id(), c.defaultSummary()));
        }
        return new ReportDesign(type.id(), name, null, Orientation.PORTRAIT, false, Map.of(), List.of(), Parameters.NONE, true,
                cols, null);
    }

    public ReportDesign withFilter(FilterKind kind, FilterValue value) {
        Map<FilterKind, FilterValue> f = new LinkedHashMap<>(filters);
        f.put(kind, value);
        return new ReportDesign(typeId, name, description, orientation, showFilters, f, excludeUsers, parameters, table, columns, chart);
    }

    public ReportDesign withParameters(Parameters p) {
        return new ReportDesign(typeId, name, description, orientation, showFilters, filters, excludeUsers, p, table, columns, chart);
    }

    public ReportDesign withColumns(List<TableColumn> c) {
        return new ReportDesign(typeId, name, description, orientation, showFilters, filters, excludeUsers, parameters, table, c, chart);
    }

    public ReportDesign withChart(Chart c) {
        return new ReportDesign(typeId, name, description, orientation, showFilters, filters, excludeUsers, parameters, table, columns, c);
    }

    public ReportDesign withExcludedUsers(List<String> users) {
        return new ReportDesign(typeId, name, description, orientation, showFilters, filters, users, parameters, table, columns, chart);
    }

    public ReportDesign withTable(boolean on) {
        return new ReportDesign(typeId, name, description, orientation, showFilters, filters, excludeUsers, parameters, on, columns, chart);
    }
}
