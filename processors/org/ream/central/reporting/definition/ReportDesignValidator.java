package org.ream.central.reporting.definition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.definition.ReportDesign.Aggregated;
import org.ream.central.reporting.definition.ReportDesign.Field;
import org.ream.central.reporting.definition.ReportDesign.FilterValue;
import org.ream.central.reporting.definition.ReportDesign.Parameters;
import org.ream.central.reporting.definition.ReportDesign.Series;
import org.ream.central.reporting.definition.ReportDesign.TableColumn;

/**
 * Checks a report design against its type (10.1.4): a name; only the type's filters and
 * parameters, every parameter it takes given (the period is mandatory); only the type's columns,
 * each once, with a summary the column allows; aggregated columns only where the type supports
 * them, over its number columns; a chart only of a kind the type supports, with its series.
 * Columns the replicated model cannot fill yet ({@link ColumnDef#gap()}) are accepted: the
 * design is kept, and running it says what is missing.
 */
public final class ReportDesignValidator {

    static final int MAX_NAME = 255;
    static final int MAX_WIDTH = 1000;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    private ReportDesignValidator() {
    }

    public static void check(ReportDesign design, ReportType type) {
        List<DesignProblem> problems = problems(design, type);
        if (!problems.isEmpty()) {
            throw new ReportDesignException(design.name() == null ? design.typeId() : design.name(), problems);
        }
    }

    public static List<DesignProblem> problems(ReportDesign d, ReportType type) {
        List<DesignProblem> out = new ArrayList<>();
        if (!d.typeId().equals(type.id())) {
            out.add(new DesignProblem("type", "the design is of type " + d.typeId() + ", not " + type.id()));
            return out;
        }
        if (d.name() == null || d.name().isBlank()) {
            out.add(new DesignProblem("name", "is mandatory"));
        } else if (d.name().length() > MAX_NAME) {
            out.add(new DesignProblem("name", "is longer than " + MAX_NAME + " characters"));
        }
        filters(d, type, out);
        parameters(d.parameters(), type, out);
        table(d, type, out);
        chart(d, type, out);
        if (!d.table() && d.chart() == null) {
            out.add(new DesignProblem("table", "the report would show neither a table nor a chart"));
        }
        return out;
    }

    private static void filters(ReportDesign d, ReportType type, List<DesignProblem> out) {
        for (Map.Entry<FilterKind, FilterValue> e : d.filters().entrySet()) {
            String field = "filters." + e.getKey().id();
            FilterValue v = e.getValue();
            if (!type.accepts(e.getKey())) {
                out.add(new DesignProblem(field, "type " + type.id() + " has no " + e.getKey().id() + " filter (it has: " + ids(type.filters()) + ")"));
                continue;
            }
            if (v.me() && e.getKey() != FilterKind.USER) {
                out.add(new DesignProblem(field, "\"Me\" is a value of the user filter only"));
            }
            boolean comparing = v.comparison() != null || v.threshold() != null;
            if (e.getKey() == FilterKind.PAGE_COUNTER_VALUE) {
                if (v.comparison() == null || v.threshold() == null) {
                    out.add(new DesignProblem(field, "needs a comparison (<, =, >) and a value"));
                } else if (v.threshold() < 0) {
                    out.add(new DesignProblem(field, "a page counter is never below 0"));
                }
                if (!v.values().isEmpty() || v.me()) {
                    out.add(new DesignProblem(field, "takes a comparison, not a list"));
                }
            } else if (comparing) {
                out.add(new DesignProblem(field, "takes a list of values, not a comparison"));
            }
            Set<String> seen = new HashSet<>();
            for (String s : v.values()) {
                if (s == null || s.isBlank()) {
                    out.add(new DesignProblem(field, "has an empty value"));
                } else if (!seen.add(s)) {
                    out.add(new DesignProblem(field, "lists " + s + " twice"));
                }
            }
        }
        if (!d.excludeUsers().isEmpty() && !type.accepts(FilterKind.USER)) {
            out.add(new DesignProblem("excludeUsers", "excluding users needs the user filter, which type " + type.id() + " has not"));
        }
        FilterValue users = d.filters().get(FilterKind.USER);
        if (users != null) {
            for (String u : d.excludeUsers()) {
                if (users.values().contains(u)) {
                    out.add(new DesignProblem("excludeUsers", u + " is both chosen and excluded"));
                }
            }
        }
    }

    private static void parameters(Parameters p, ReportType type, List<DesignProblem> out) {
        given(p.period() != null, ParameterKind.PERIOD, type, out);
        given(p.pageCounter() != null, ParameterKind.PAGE_COUNTER, type, out);
        given(p.n() != null, ParameterKind.N, type, out);
        given(p.priceList() != null, ParameterKind.PRICE_LIST, type, out);
        given(p.priceListItem() != null, ParameterKind.PRICE_LIST_ITEM, type, out);
        if (p.addRemainingSum() != null && !type.accepts(ParameterKind.ADD_REMAINING_SUM)) {
            out.add(new DesignProblem("parameters.addRemainingSum", "type " + type.id() + " takes no such parameter"));
        }
        if (p.pageCounter() != null && !Arrays.asList(Measure.pageCounterChoices()).contains(p.pageCounter())) {
            out.add(new DesignProblem("parameters.pageCounter", p.pageCounter().id() + " is not a page counter (" + String.join(", ",
                    Arrays.stream(Measure.pageCounterChoices()).map(Measure::id).toList()) + ")"));
        }
        if (p.n() != null && p.n() < 1) {
            out.add(new DesignProblem("parameters.n", "shows at least one row, not " + p.n()));
        }
        if (p.priceList() != null && p.priceList().isBlank()) {
            out.add(new DesignProblem("parameters.priceList", "is empty"));
        }
    }

    private static void given(boolean given, ParameterKind k, ReportType type, List<DesignProblem> out) {
        if (given && !type.accepts(k)) {
            out.add(new DesignProblem("parameters." + k.id(), "type " + type.id() + " takes no such parameter"));
        } else if (!given && type.accepts(k)) {
            out.add(new DesignProblem("parameters." + k.id(), "is mandatory for type " + type.id()));
        }
    }

    private static void table(ReportDesign d, ReportType type, List<DesignProblem> out) {
        if (d.table() && d.columns().isEmpty()) {
            out.add(new DesignProblem("columns", "the table has no column"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.columns().size(); i++) {
            TableColumn tc = d.columns().get(i);
            String at = "columns[" + i + "]";
            if (tc.width() != null && (tc.width() < 1 || tc.width() > MAX_WIDTH)) {
                out.add(new DesignProblem(at + ".width", "is between 1 and " + MAX_WIDTH + ", or empty for an automatic width"));
            }
            if (tc instanceof Field f) {
                ColumnDef c = type.column(f.column());
                if (c == null) {
                    out.add(new DesignProblem(at, "\"" + f.column() + "\" is not a column of type " + type.id()));
                    continue;
                }
                if (!seen.add(c.id())) {
                    out.add(new DesignProblem(at, "column " + c.id() + " is shown twice"));
                }
                if (!c.summaryChoices().contains(f.summary())) {
                    out.add(new DesignProblem(at + ".summary", "column " + c.id() + " cannot show a " + f.summary().id() + " (it allows: "
                            + String.join(", ", c.summaryChoices().stream().map(SummaryKind::id).toList()) + ")"));
                }
            } else if (tc instanceof Aggregated a) {
                if (!type.aggregatedColumns()) {
                    out.add(new DesignProblem(at, "type " + type.id() + " does not support aggregated columns"));
                    continue;
                }
                if (a.label() == null || a.label().isBlank()) {
                    out.add(new DesignProblem(at + ".label", "is mandatory"));
                } else if (!seen.add("aggregate:" + a.label())) {
                    out.add(new DesignProblem(at + ".label", "another aggregated column is named " + a.label()));
                }
                if (a.columns().isEmpty()) {
                    out.add(new DesignProblem(at + ".columns", "aggregates no column"));
                }
                Set<String> parts = new HashSet<>();
                for (String id : a.columns()) {
                    ColumnDef c = type.column(id);
                    if (c == null) {
                        out.add(new DesignProblem(at + ".columns", "\"" + id + "\" is not a column of type " + type.id()));
                    } else if (!c.type().numeric()) {
                        out.add(new DesignProblem(at + ".columns", "column " + id + " is not a number"));
                    } else if (!parts.add(id)) {
                        out.add(new DesignProblem(at + ".columns", "column " + id + " is aggregated twice"));
                    }
                }
            }
        }
    }

    private static void chart(ReportDesign d, ReportType type, List<DesignProblem> out) {
        if (d.chart() == null) {
            return;
        }
        ChartSupport support = type.charts();
        if (!support.supported()) {
            out.add(new DesignProblem("chart", "type " + type.id() + " supports no chart"));
            return;
        }
        ChartKind kind = d.chart().kind();
        if (kind == null || !support.kinds().contains(kind)) {
            out.add(new DesignProblem("chart.kind", (kind == null ? "is missing" : kind.id() + " is not supported") + " (type " + type.id()
                    + " supports: " + String.join(", ", support.kinds().stream().map(ChartKind::id).sorted().toList()) + ")"));
        }
        List<Series> series = d.chart().series();
        if (series.isEmpty()) {
            out.add(new DesignProblem("chart.series", "the chart shows no data"));
        }
        if (kind != null && kind.singleSeries() && series.size() > 1) {
            out.add(new DesignProblem("chart.series", "a " + kind.id() + " chart shows one series, not " + series.size()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String at = "chart.series[" + i + "]";
            if (support.values().stream().noneMatch(v -> v.id().equals(s.column()))) {
                out.add(new DesignProblem(at, "\"" + s.column() + "\" cannot be charted by type " + type.id() + " (it charts: "
                        + String.join(", ", support.values().stream().map(ColumnDef::id).toList()) + ")"));
            } else if (!seen.add(s.column())) {
                out.add(new DesignProblem(at, "column " + s.column() + " is charted twice"));
            }
            if (s.colour() != null && !COLOUR.matcher(s.colour()).matches()) {
                out.add(new DesignProblem(at + ".colour", "\"" + s.colour() + "\" is not a colour like #1f77b4"));
            }
        }
    }

    private static String ids(List<FilterKind> filters) {
        return filters.isEmpty() ? "none" : String.join(", ", filters.stream().map(FilterKind::id).toList());
    }
}
