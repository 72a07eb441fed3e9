package org.ream.central.reporting.definition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.definition.ReportDesign.AggregateOperation;
import org.ream.central.reporting.definition.ReportDesign.Aggregated;
import org.ream.central.reporting.definition.ReportDesign.Alignment;
import org.ream.central.reporting.definition.ReportDesign.Chart;
import org.ream.central.reporting.definition.ReportDesign.Comparison;
import org.ream.central.reporting.definition.ReportDesign.Field;
import org.ream.central.reporting.definition.ReportDesign.FilterValue;
import org.ream.central.reporting.definition.ReportDesign.Orientation;
import org.ream.central.reporting.definition.ReportDesign.Parameters;
import org.ream.central.reporting.definition.ReportDesign.Series;
import org.ream.central.reporting.definition.ReportDesign.TableColumn;

/**
 * Reads a report design from YAML or JSON (docs/reports.md, "Report designs"): the default
 * reports under {@code reports/defaults/}, and what the designer sends. Refuses what cannot be
 * read (unknown field, unknown filter, a period that ends before it starts) with the file, field
 * and line; {@link #readChecked} then checks the design against its type.
 */
public final class ReportDesignReader {

    private static final Set<String> FIELDS = Set.of("type", "name", "description", "orientation", "showFilters", "filters",
            "excludeUsers", "parameters", "table", "columns", "chart");

    private ReportDesignReader() {
    }

    /** Read and checked against its type in the catalogue. */
    public static ReportDesign readChecked(String file, String text, ReportCatalogue catalogue) {
        ReportDesign d = read(file, text);
        ReportType type = catalogue.type(d.typeId());
        if (type == null) {
            throw new DefinitionException(file, "type", 0, "\"" + d.typeId() + "\" is not a report type");
        }
        ReportDesignValidator.check(d, type);
        return d;
    }

    public static ReportDesign read(String file, String text) {
        return read(file, text, null);
    }

    /**
     * As {@link #read(String, String)}, the type given apart (the designer sends it beside the
     * design): taken when the design names none, and a design naming another type is refused.
     */
    public static ReportDesign read(String file, String text, String typeId) {
        YamlNode root = YamlNode.parse(file, text);
        Map<String, YamlNode> f = root.fields(FIELDS);
        String type = typeId != null && !f.containsKey("type") ? typeId : YamlNode.required(root, f, "type").nonBlank();
        if (typeId != null && !type.equals(typeId)) {
            throw f.get("type").fail("the design is of type " + type + ", not " + typeId);
        }
        String name = YamlNode.required(root, f, "name").nonBlank();
        String description = f.containsKey("description") ? f.get("description").text() : null;
        Orientation orientation = f.containsKey("orientation") ? choice(f.get("orientation"), Orientation.class) : Orientation.PORTRAIT;
        boolean showFilters = f.containsKey("showFilters") && f.get("showFilters").bool();
        Map<FilterKind, FilterValue> filters = new LinkedHashMap<>();
        if (f.containsKey("filters")) {
            for (Map.Entry<String, YamlNode> e : f.get("filters").map().entrySet()) {
                FilterKind k = FilterKind.byId(e.getKey());
                if (k == null) {
                    throw e.getValue().fail("\"" + e.getKey() + "\" is not a filter (" + ColumnReader.ids(FilterKind.values(), FilterKind::id) + ")");
                }
                filters.put(k, filterValue(e.getValue()));
            }
        }
        List<String> exclude = f.containsKey("excludeUsers") ? f.get("excludeUsers").texts() : List.of();
        Parameters parameters = f.containsKey("parameters") ? parameters(f.get("parameters")) : Parameters.NONE;
        boolean table = !f.containsKey("table") || f.get("table").bool();
        List<TableColumn> columns = new ArrayList<>();
        if (f.containsKey("columns")) {
            for (YamlNode c : f.get("columns").list()) {
                columns.add(column(c));
            }
        }
        Chart chart = f.containsKey("chart") ? chart(f.get("chart")) : null;
        return new ReportDesign(type, name, description, orientation, showFilters, filters, exclude, parameters, table, columns, chart);
    }

    /** "me", a list of names, {@code {me: true, values: [...]}}, or {@code {compare: ">", value: 100}}. */
    private static FilterValue filterValue(YamlNode n) {
        if (n.isScalar() && n.text().strip().equalsIgnoreCase("me")) {
            return FilterValue.onlyMe();
        }
        if (!n.isMap()) {
            return new FilterValue(n.texts(), false, null, null);
        }
        Map<String, YamlNode> f = n.fields(Set.of("me", "values", "compare", "value"));
        boolean me = f.containsKey("me") && f.get("me").bool();
        List<String> values = f.containsKey("values") ? f.get("values").texts() : List.of();
        Comparison cmp = null;
        if (f.containsKey("compare")) {
            cmp = Comparison.bySymbol(f.get("compare").nonBlank());
            if (cmp == null) {
                throw f.get("compare").fail("is not <, = or >");
            }
        }
        Long value = f.containsKey("value") ? f.get("value").integer() : null;
        return new FilterValue(values, me, cmp, value);
    }

    private static Parameters parameters(YamlNode n) {
        Map<String, YamlNode> f = n.fields(Set.of("period", "pageCounter", "n", "addRemainingSum", "priceList", "priceListItem"));
        PeriodSpec period = null;
        if (f.containsKey("period")) {
            YamlNode p = f.get("period");
            try {
                if (p.isMap()) {
                    Map<String, YamlNode> pf = p.fields(Set.of("from", "to"));
                    period = PeriodSpec.parse(YamlNode.required(p, pf, "from").nonBlank() + ".." + YamlNode.required(p, pf, "to").nonBlank());
                } else {
                    period = PeriodSpec.parse(p.nonBlank());
                }
            } catch (IllegalArgumentException e) {
                throw p.fail(e.getMessage());
            }
        }
        Measure counter = null;
        if (f.containsKey("pageCounter")) {
            counter = Measure.byId(f.get("pageCounter").nonBlank());
            if (counter == null) {
                throw f.get("pageCounter").fail("\"" + f.get("pageCounter").text() + "\" is not a page counter");
            }
        }
        Integer topN = null;
        if (f.containsKey("n")) {
            long v = f.get("n").integer();
            if (v < 1 || v > 100_000) {
                throw f.get("n").fail("is between 1 and 100000");
            }
            topN = (int) v;
        }
        Boolean remaining = f.containsKey("addRemainingSum") ? f.get("addRemainingSum").bool() : null;
        String priceList = f.containsKey("priceList") ? f.get("priceList").nonBlank() : null;
        String item = f.containsKey("priceListItem") ? f.get("priceListItem").nonBlank() : null;
        return new Parameters(period, counter, topN, remaining, priceList, item);
    }

    /** A column id, {@code {column, width, alignment, summary}}, or {@code {aggregate: {label, columns, operation}, width, ...}}. */
    private static TableColumn column(YamlNode n) {
        if (n.isScalar()) {
            return new Field(n.nonBlank(), null, Alignment.AUTO, SummaryKind.NONE);
        }
        Map<String, YamlNode> f = n.fields(Set.of("column", "aggregate", "width", "alignment", "summary"));
        Integer width = null;
        if (f.containsKey("width") && !f.get("width").text().strip().equalsIgnoreCase("auto")) {
            long w = f.get("width").integer();
            width = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, w));
        }
        Alignment alignment = f.containsKey("alignment") ? choice(f.get("alignment"), Alignment.class) : Alignment.AUTO;
        SummaryKind summary = SummaryKind.NONE;
        if (f.containsKey("summary")) {
            summary = SummaryKind.byId(f.get("summary").nonBlank());
            if (summary == null) {
                throw f.get("summary").fail("is not none, sum or average");
            }
        }
        if (f.containsKey("column") == f.containsKey("aggregate")) {
            throw n.fail("names either a column or an aggregate");
        }
        if (f.containsKey("column")) {
            return new Field(f.get("column").nonBlank(), width, alignment, summary);
        }
        YamlNode a = f.get("aggregate");
        Map<String, YamlNode> af = a.fields(Set.of("label", "columns", "operation"));
        AggregateOperation op = af.containsKey("operation") ? choice(af.get("operation"), AggregateOperation.class) : AggregateOperation.SUM;
        return new Aggregated(YamlNode.required(a, af, "label").nonBlank(), width, alignment, summary,
                YamlNode.required(a, af, "columns").texts(), op);
    }

    private static Chart chart(YamlNode n) {
        Map<String, YamlNode> f = n.fields(Set.of("kind", "series"));
        YamlNode k = YamlNode.required(n, f, "kind");
        ChartKind kind = ChartKind.byId(k.nonBlank());
        if (kind == null) {
            throw k.fail("\"" + k.text() + "\" is not a chart kind (" + ColumnReader.ids(ChartKind.values(), ChartKind::id) + ")");
        }
        List<Series> series = new ArrayList<>();
        for (YamlNode s : YamlNode.required(n, f, "series").list()) {
            if (s.isScalar()) {
                series.add(new Series(s.nonBlank(), null));
            } else {
                Map<String, YamlNode> sf = s.fields(Set.of("column", "colour"));
                series.add(new Series(YamlNode.required(s, sf, "column").nonBlank(), sf.containsKey("colour") ? sf.get("colour").nonBlank() : null));
            }
        }
        return new Chart(kind, series);
    }

    private static <E extends Enum<E>> E choice(YamlNode n, Class<E> type) {
        String s = n.nonBlank();
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw n.fail("\"" + s + "\" is not one of " + String.join(", ",
                    Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }
}
