package org.ream.central.reporting.definition;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.ream.central.replication.model.Column;
import org.ream.central.reporting.counting.Measure;

/**
 * Reads and checks one report type definition file (docs/reports.md, "Definition format"). Every
 * refusal names the file, the field and its line: an unknown field, category, data source,
 * parameter, filter, column, group, chart kind or right; a duplicate; a missing name; a column
 * whose origin the data source cannot give (a table it does not reach, a column the table lacks,
 * a measure that needs what it lacks).
 */
final class ReportTypeReader {

    static final Pattern TYPE_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> FIELDS = Set.of("id", "category", "names", "description", "rights", "source", "beta",
            "parameters", "filters", "where", "periodColumn", "columns", "groupBy", "aggregatedColumns", "charts", "notes");

    private final ColumnDictionary dictionary;
    private final Set<String> knownRights;

    ReportTypeReader(ColumnDictionary dictionary, Set<String> knownRights) {
        this.dictionary = dictionary;
        this.knownRights = knownRights;
    }

    ReportType read(String file, String text, boolean builtIn) {
        YamlNode root = YamlNode.parse(file, text);
        Map<String, YamlNode> f = root.fields(FIELDS);

        YamlNode idNode = YamlNode.required(root, f, "id");
        String id = idNode.nonBlank();
        if (!TYPE_ID.matcher(id).matches() || id.length() > 64) {
            throw idNode.fail("\"" + id + "\" is not a type id (lower case words and digits joined by -, at most 64 characters)");
        }
        YamlNode catNode = YamlNode.required(root, f, "category");
        Category category = Category.byId(catNode.nonBlank());
        if (category == null) {
            throw catNode.fail("\"" + catNode.text() + "\" is not a category (" + ColumnReader.ids(Category.values(), Category::id) + ")");
        }
        Map<String, String> names = ColumnReader.labels(YamlNode.required(root, f, "names"));
        String description = f.containsKey("description") ? f.get("description").nonBlank() : null;

        YamlNode rightsNode = YamlNode.required(root, f, "rights");
        List<String> rights = rightsNode.texts();
        for (int i = 0; i < rights.size(); i++) {
            if (!knownRights.contains(rights.get(i))) {
                throw rightsNode.listOrOne().get(i).fail("\"" + rights.get(i) + "\" is not a right (" + String.join(", ", new TreeSet<>(knownRights)) + ")");
            }
        }
        if (rights.isEmpty()) {
            throw rightsNode.fail("names no right: say who may run the type without a grant");
        }

        YamlNode srcNode = YamlNode.required(root, f, "source");
        DataSource source = DataSource.byId(srcNode.nonBlank());
        if (source == null) {
            throw srcNode.fail("\"" + srcNode.text() + "\" is not a data source (" + ColumnReader.ids(DataSource.values(), DataSource::id) + ")");
        }
        boolean beta = f.containsKey("beta") && f.get("beta").bool();

        List<ParameterKind> parameters = parameters(f.get("parameters"), source);
        List<FilterKind> filters = filters(f.get("filters"), source, parameters);
        Map<String, List<String>> where = where(f.get("where"), source);
        String periodColumn = periodColumn(f.get("periodColumn"), source, parameters);

        Set<String> gaps = new LinkedHashSet<>();
        if (source.gap() != null) {
            gaps.add(source.gap());
        }
        YamlNode colsNode = YamlNode.required(root, f, "columns");
        Map<String, YamlNode> cols = colsNode.fields(Set.of("default", "extra"));
        Map<String, ColumnDef> seen = new LinkedHashMap<>();
        List<ColumnDef> defaults = columns(YamlNode.required(colsNode, cols, "default"), source, parameters, seen, gaps);
        if (defaults.isEmpty()) {
            throw cols.get("default").fail("names no column: a report shows at least one");
        }
        List<ColumnDef> extras = cols.containsKey("extra") ? columns(cols.get("extra"), source, parameters, seen, gaps) : List.of();

        List<ColumnDef> groupBy = new ArrayList<>();
        if (f.containsKey("groupBy")) {
            for (YamlNode g : f.get("groupBy").listOrOne()) {
                ColumnDef c = known(g, g.nonBlank(), seen);
                check(g, c, source, parameters, gaps);
                if (groupBy.contains(c)) {
                    throw g.fail("groups by " + c.id() + " twice");
                }
                groupBy.add(c);
            }
        }
        boolean aggregated = f.containsKey("aggregatedColumns") && f.get("aggregatedColumns").bool();
        ChartSupport charts = f.containsKey("charts") ? charts(f.get("charts"), source, parameters, seen, gaps) : ChartSupport.NONE;

        return new ReportType(id, category, names, description, rights, source, parameters, filters, defaults, extras, groupBy,
                aggregated, charts, where, periodColumn, beta, builtIn, file, gaps);
    }

    private List<ParameterKind> parameters(YamlNode n, DataSource source) {
        List<ParameterKind> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        for (YamlNode p : n.listOrOne()) {
            ParameterKind k = ParameterKind.byId(p.nonBlank());
            if (k == null) {
                throw p.fail("\"" + p.text() + "\" is not a parameter (" + ColumnReader.ids(ParameterKind.values(), ParameterKind::id) + ")");
            }
            if (out.contains(k)) {
                throw p.fail("parameter " + k.id() + " is listed twice");
            }
            switch (k) {
                case PERIOD -> {
                    if (!source.periodic()) {
                        throw p.fail("data source " + source.id() + " has no time, so no period applies to it");
                    }
                }
                case PAGE_COUNTER -> {
                    if (source.counters() == DataSource.Counters.NONE) {
                        throw p.fail("data source " + source.id() + " has no page counters to choose from");
                    }
                }
                case ADD_REMAINING_SUM -> {
                    if (!out.contains(ParameterKind.N)) {
                        throw p.fail("addRemainingSum completes a Top N: list n before it");
                    }
                }
                case PRICE_LIST -> {
                    if (!source.reaches("PRICE_LISTS")) {
                        throw p.fail("data source " + source.id() + " does not reach PRICE_LISTS");
                    }
                }
                case PRICE_LIST_ITEM -> {
                    if (!out.contains(ParameterKind.PRICE_LIST)) {
                        throw p.fail("priceListItem is an item of the chosen price list: list priceList before it");
                    }
                }
                default -> {
                }
            }
            out.add(k);
        }
        return out;
    }

    private List<FilterKind> filters(YamlNode n, DataSource source, List<ParameterKind> parameters) {
        List<FilterKind> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        for (YamlNode fNode : n.listOrOne()) {
            FilterKind k = FilterKind.byId(fNode.nonBlank());
            if (k == null) {
                throw fNode.fail("\"" + fNode.text() + "\" is not a filter (" + ColumnReader.ids(FilterKind.values(), FilterKind::id) + ")");
            }
            if (out.contains(k)) {
                throw fNode.fail("filter " + k.id() + " is listed twice");
            }
            if (k == FilterKind.PAGE_COUNTER_VALUE) {
                if (!parameters.contains(ParameterKind.PAGE_COUNTER)) {
                    throw fNode.fail("pageCounterValue compares the chosen page counter: the type needs the pageCounter parameter");
                }
            } else if (!source.reaches(k.table())) {
                throw fNode.fail("filter " + k.id() + " applies to " + k.column() + ", which data source " + source.id() + " does not reach");
            }
            out.add(k);
        }
        return out;
    }

    private Map<String, List<String>> where(YamlNode n, DataSource source) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        for (Map.Entry<String, YamlNode> e : n.map().entrySet()) {
            tableColumn(e.getValue(), e.getKey(), source);
            List<String> values = e.getValue().texts();
            if (values.isEmpty()) {
                throw e.getValue().fail("accepts no value: no row would be shown");
            }
            out.put(e.getKey(), values);
        }
        return out;
    }

    private String periodColumn(YamlNode n, DataSource source, List<ParameterKind> parameters) {
        if (n == null) {
            return null;
        }
        if (!parameters.contains(ParameterKind.PERIOD)) {
            throw n.fail("the type takes no period parameter");
        }
        if (source.table() == null) {
            throw n.fail("data source " + source.id() + " has no table yet (gap " + source.gap() + ")");
        }
        String s = n.nonBlank();
        Column.Kind kind = tableColumn(n, s, source);
        if (kind != Column.Kind.INSTANT || !s.startsWith(source.table() + ".")) {
            throw n.fail(s + " is not a time column of " + source.table());
        }
        return s;
    }

    private List<ColumnDef> columns(YamlNode n, DataSource source, List<ParameterKind> parameters, Map<String, ColumnDef> seen,
            Set<String> gaps) {
        List<ColumnDef> out = new ArrayList<>();
        for (YamlNode c : n.list()) {
            if (c.isScalar()) {
                ColumnDef def = dictionary.column(c.nonBlank());
                if (def == null) {
                    throw c.fail("\"" + c.text() + "\" is not a column of the dictionary (reports/columns.yaml)");
                }
                add(c, def, source, parameters, seen, gaps, out, false);
            } else if (c.map().containsKey("group")) {
                Map<String, YamlNode> g = c.fields(Set.of("group"));
                String name = g.get("group").nonBlank();
                List<String> members = dictionary.group(name);
                if (members == null) {
                    throw g.get("group").fail("\"" + name + "\" is not a column group (" + String.join(", ", dictionary.groups().keySet()) + ")");
                }
                for (String id : members) {
                    add(g.get("group"), dictionary.column(id), source, parameters, seen, gaps, out, true);
                }
            } else {
                ColumnDef def = ColumnReader.read(c, dictionary.gaps().keySet());
                if (dictionary.column(def.id()) != null) {
                    throw c.fail("column " + def.id() + " is a dictionary column: name it by its id alone");
                }
                add(c, def, source, parameters, seen, gaps, out, false);
            }
        }
        return out;
    }

    /** A group's column already listed is skipped (a group is a convenience); a column listed twice by name is refused. */
    private void add(YamlNode at, ColumnDef def, DataSource source, List<ParameterKind> parameters, Map<String, ColumnDef> seen,
            Set<String> gaps, List<ColumnDef> out, boolean fromGroup) {
        if (seen.containsKey(def.id())) {
            if (fromGroup) {
                return;
            }
            throw at.fail("column " + def.id() + " is listed twice");
        }
        check(at, def, source, parameters, gaps);
        seen.put(def.id(), def);
        out.add(def);
    }

    private void check(YamlNode at, ColumnDef c, DataSource source, List<ParameterKind> parameters, Set<String> gaps) {
        if (c.measure() != null) {
            if (!source.offers(c.measure())) {
                throw at.fail("column " + c.id() + ": measure " + c.measure().id() + " needs " + needs(c.measure()) + ", which data source "
                        + source.id() + " lacks");
            }
            if (c.measure() == Measure.PAGE_COUNTER && !parameters.contains(ParameterKind.PAGE_COUNTER)) {
                throw at.fail("column " + c.id() + " shows the chosen page counter: the type needs the pageCounter parameter");
            }
        }
        if (c.gap() != null) {
            gaps.add(c.gap());
            return;
        }
        if (c.breakdown() != null && source.counters() != DataSource.Counters.JOB_ATTRIBUTES) {
            throw at.fail("column " + c.id() + " needs counters broken down by function, colour, format and sides, which data source "
                    + source.id() + " does not carry (mark it gap: counter-breakdown)");
        }
        if (!c.sources().isEmpty()) {
            String s = c.source(source);
            if (s == null) {
                throw at.fail("column " + c.id() + " has no source for data source " + source.id() + " (it has: "
                        + String.join(", ", c.sources().keySet()) + ")");
            }
            Column.Kind kind = tableColumn(at, s, source);
            if (c.bucket() != null && kind != Column.Kind.INSTANT) {
                throw at.fail("column " + c.id() + ": " + s + " is not a time, so it cannot be cut by " + c.bucket().id());
            }
            if (c.via() != null && tableColumn(at, c.via(), source) != Column.Kind.BOOL) {
                throw at.fail("column " + c.id() + ": via " + c.via() + " is not a flag");
            }
        }
    }

    private static String needs(Measure m) {
        return switch (m.kind()) {
            case COUNTERS -> "page counters";
            case ROWS, PARAMETER -> "nothing";
            case JOB_SIZE -> "JOBS.SIZE_BYTES";
            case TONER -> "toner replacements";
        };
    }

    private static Column.Kind tableColumn(YamlNode at, String s, DataSource source) {
        if (!ColumnReader.TABLE_COLUMN.matcher(s).matches()) {
            throw at.fail("\"" + s + "\" is not TABLE.COLUMN");
        }
        String table = s.substring(0, s.indexOf('.'));
        String column = s.substring(s.indexOf('.') + 1);
        if (!ReportSchema.tables().containsKey(table)) {
            throw at.fail(table + " is not a table reports read (replicated or central)");
        }
        if (!source.reaches(table)) {
            throw at.fail(s + ": data source " + source.id() + " does not reach " + table);
        }
        Column.Kind kind = ReportSchema.kind(table, column);
        if (kind == null) {
            throw at.fail(table + " has no column " + column);
        }
        return kind;
    }

    private ChartSupport charts(YamlNode n, DataSource source, List<ParameterKind> parameters, Map<String, ColumnDef> seen,
            Set<String> gaps) {
        Map<String, YamlNode> f = n.fields(Set.of("kinds", "category", "values"));
        Set<ChartKind> kinds = EnumSet.noneOf(ChartKind.class);
        for (YamlNode k : YamlNode.required(n, f, "kinds").listOrOne()) {
            ChartKind kind = ChartKind.byId(k.nonBlank());
            if (kind == null) {
                throw k.fail("\"" + k.text() + "\" is not a chart kind (" + ColumnReader.ids(ChartKind.values(), ChartKind::id) + ")");
            }
            if (!kinds.add(kind)) {
                throw k.fail("chart kind " + kind.id() + " is listed twice");
            }
        }
        YamlNode catNode = YamlNode.required(n, f, "category");
        ColumnDef category = known(catNode, catNode.nonBlank(), seen);
        check(catNode, category, source, parameters, gaps);
        List<ColumnDef> values = new ArrayList<>();
        for (YamlNode v : YamlNode.required(n, f, "values").listOrOne()) {
            ColumnDef c = known(v, v.nonBlank(), seen);
            check(v, c, source, parameters, gaps);
            if (!c.type().numeric()) {
                throw v.fail("column " + c.id() + " is not a number, so it cannot be charted");
            }
            if (values.contains(c)) {
                throw v.fail("column " + c.id() + " is listed twice");
            }
            values.add(c);
        }
        return new ChartSupport(kinds, category, values);
    }

    /** A column of the type, or of the dictionary (grouping and chart axes may use columns the table does not show). */
    private ColumnDef known(YamlNode at, String id, Map<String, ColumnDef> typeColumns) {
        ColumnDef c = typeColumns.get(id);
        if (c == null) {
            c = dictionary.column(id);
        }
        if (c == null) {
            throw at.fail("\"" + id + "\" is not a column of the type or of the dictionary");
        }
        return c;
    }
}
