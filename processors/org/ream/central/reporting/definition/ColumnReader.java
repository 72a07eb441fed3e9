package org.ream.central.reporting.definition;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ream.central.reporting.counting.Breakdown;
import org.ream.central.reporting.counting.ColourMode;
import org.ream.central.reporting.counting.JobFunction;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.counting.PaperFormat;

/** Reads one column's own shape (not yet whether a data source can fill it: {@link ReportTypeReader}). */
final class ColumnReader {

    static final Pattern COLUMN_ID = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
    static final Pattern TABLE_COLUMN = Pattern.compile("[A-Z][A-Z0-9_]*\\.[A-Z][A-Z0-9_]*");
    static final Set<String> FIELDS = Set.of("id", "label", "type", "source", "via", "bucket", "measure", "breakdown", "gap",
            "summaries", "summary");
    private static final Set<String> BREAKDOWN_FIELDS = Set.of("function", "colour", "format", "sides", "unit");

    private ColumnReader() {
    }

    static ColumnDef read(YamlNode n, Set<String> knownGaps) {
        Map<String, YamlNode> f = n.fields(FIELDS);
        String id = YamlNode.required(n, f, "id").nonBlank();
        if (!COLUMN_ID.matcher(id).matches()) {
            throw f.get("id").fail("\"" + id + "\" is not a column id (a letter, then letters and digits, camelCase)");
        }
        Map<String, String> labels = labels(YamlNode.required(n, f, "label"));
        YamlNode typeNode = YamlNode.required(n, f, "type");
        ColumnType type = ColumnType.byId(typeNode.nonBlank());
        if (type == null) {
            throw typeNode.fail("\"" + typeNode.text() + "\" is not a column type (" + ids(ColumnType.values(), ColumnType::id) + ")");
        }
        Map<String, String> sources = new LinkedHashMap<>();
        if (f.containsKey("source")) {
            YamlNode s = f.get("source");
            if (s.isMap()) {
                for (Map.Entry<String, YamlNode> e : s.map().entrySet()) {
                    if (!e.getKey().equals(ColumnDef.ANY_SOURCE) && DataSource.byId(e.getKey()) == null) {
                        throw e.getValue().fail("\"" + e.getKey() + "\" is not a data source (" + ids(DataSource.values(), DataSource::id) + ")");
                    }
                    sources.put(e.getKey(), tableColumn(e.getValue()));
                }
            } else {
                sources.put(ColumnDef.ANY_SOURCE, tableColumn(s));
            }
        }
        String via = f.containsKey("via") ? tableColumn(f.get("via")) : null;
        Bucket bucket = null;
        if (f.containsKey("bucket")) {
            bucket = Bucket.byId(f.get("bucket").nonBlank());
            if (bucket == null) {
                throw f.get("bucket").fail("\"" + f.get("bucket").text() + "\" is not a period bucket (" + ids(Bucket.values(), Bucket::id) + ")");
            }
        }
        Measure measure = null;
        if (f.containsKey("measure")) {
            measure = Measure.byId(f.get("measure").nonBlank());
            if (measure == null) {
                throw f.get("measure").fail("\"" + f.get("measure").text() + "\" is not a counting-rule measure ("
                        + ids(Measure.values(), Measure::id) + ")");
            }
        }
        Breakdown breakdown = f.containsKey("breakdown") ? breakdown(f.get("breakdown")) : null;
        String gap = null;
        if (f.containsKey("gap")) {
            gap = f.get("gap").nonBlank();
            if (!knownGaps.contains(gap)) {
                throw f.get("gap").fail("\"" + gap + "\" is not a known gap (" + String.join(", ", new TreeSet<>(knownGaps)) + ")");
            }
        }
        int origins = (sources.isEmpty() ? 0 : 1) + (measure == null ? 0 : 1) + (breakdown == null ? 0 : 1);
        if (origins > 1) {
            throw n.fail("column " + id + " names more than one of source, measure, breakdown");
        }
        if (origins == 0 && gap == null) {
            throw n.fail("column " + id + " names no source, measure or breakdown (or the gap that keeps it empty)");
        }
        if (gap != null && !sources.isEmpty()) {
            throw n.fail("column " + id + " has a source, so it is no gap");
        }
        if ((bucket != null || via != null) && sources.isEmpty()) {
            throw n.fail("column " + id + ": bucket and via apply to a source column");
        }
        if (bucket != null && type != ColumnType.PERIOD && type != ColumnType.DATE) {
            throw n.fail("column " + id + ": a bucketed column is of type period or date");
        }
        Set<SummaryKind> summaries = type.numeric() ? EnumSet.of(SummaryKind.SUM, SummaryKind.AVERAGE) : EnumSet.noneOf(SummaryKind.class);
        if (f.containsKey("summaries")) {
            summaries = EnumSet.noneOf(SummaryKind.class);
            for (YamlNode s : f.get("summaries").list()) {
                SummaryKind k = SummaryKind.byId(s.nonBlank());
                if (k == null || k == SummaryKind.NONE) {
                    throw s.fail("\"" + s.text() + "\" is not a summary (sum, average)");
                }
                summaries.add(k);
            }
            if (!summaries.isEmpty() && !type.numeric()) {
                throw f.get("summaries").fail("column " + id + " of type " + type.id() + " cannot be summed or averaged");
            }
        }
        SummaryKind summary = summaries.contains(SummaryKind.SUM) ? SummaryKind.SUM : SummaryKind.NONE;
        if (f.containsKey("summary")) {
            summary = SummaryKind.byId(f.get("summary").nonBlank());
            if (summary == null || (summary != SummaryKind.NONE && !summaries.contains(summary))) {
                throw f.get("summary").fail("\"" + f.get("summary").text() + "\" is not among the column's summaries");
            }
        }
        return new ColumnDef(id, labels, type, sources, via, bucket, measure, breakdown, gap, summaries, summary, n.file());
    }

    static Map<String, String> labels(YamlNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : n.map().entrySet()) {
            out.put(e.getKey(), e.getValue().nonBlank());
        }
        for (String lang : new String[] {"en", "fr"}) {
            if (!out.containsKey(lang)) {
                throw n.fail("has no \"" + lang + "\" text");
            }
        }
        return out;
    }

    private static String tableColumn(YamlNode n) {
        String s = n.nonBlank();
        if (!TABLE_COLUMN.matcher(s).matches()) {
            throw n.fail("\"" + s + "\" is not TABLE.COLUMN");
        }
        return s;
    }

    private static Breakdown breakdown(YamlNode n) {
        Map<String, YamlNode> f = n.fields(BREAKDOWN_FIELDS);
        JobFunction function = null;
        if (f.containsKey("function")) {
            function = switch (f.get("function").nonBlank()) {
                case "print" -> JobFunction.PRINT;
                case "copy" -> JobFunction.COPY;
                case "fax" -> JobFunction.FAX;
                default -> throw f.get("function").fail("is not print, copy or fax");
            };
        }
        ColourMode colour = null;
        if (f.containsKey("colour")) {
            colour = switch (f.get("colour").nonBlank()) {
                case "bw" -> ColourMode.BW;
                case "color" -> ColourMode.COLOR;
                case "singleColor" -> ColourMode.SINGLE_COLOR;
                default -> throw f.get("colour").fail("is not bw, color or singleColor");
            };
        }
        PaperFormat format = null;
        if (f.containsKey("format")) {
            String name = f.get("format").nonBlank();
            format = PaperFormat.parse(name);
            if (format == PaperFormat.OTHER && !name.equalsIgnoreCase("other")) {
                throw f.get("format").fail("\"" + name + "\" is not a paper format (" + ids(PaperFormat.values(), p -> p.name().toLowerCase(Locale.ROOT)) + ")");
            }
        }
        Boolean duplex = null;
        if (f.containsKey("sides")) {
            duplex = switch (f.get("sides").nonBlank()) {
                case "simplex" -> false;
                case "duplex" -> true;
                default -> throw f.get("sides").fail("is not simplex or duplex");
            };
        }
        Breakdown.Unit unit = Breakdown.Unit.PAGES;
        if (f.containsKey("unit")) {
            unit = switch (f.get("unit").nonBlank()) {
                case "pages" -> Breakdown.Unit.PAGES;
                case "sheets" -> Breakdown.Unit.SHEETS;
                default -> throw f.get("unit").fail("is not pages or sheets");
            };
        }
        return new Breakdown(function, colour, format, duplex, unit);
    }

    static <E> String ids(E[] values, Function<E, String> id) {
        return String.join(", ", Arrays.stream(values).map(id).toList());
    }
}
