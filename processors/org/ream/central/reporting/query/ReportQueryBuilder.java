package org.ream.central.reporting.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.ream.central.replication.model.Column;
import org.ream.central.reporting.counting.EnvironmentalImpact;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.definition.Bucket;
import org.ream.central.reporting.definition.ColumnDef;
import org.ream.central.reporting.definition.ColumnDictionary;
import org.ream.central.reporting.definition.ColumnType;
import org.ream.central.reporting.definition.DataSource;
import org.ream.central.reporting.definition.DateRange;
import org.ream.central.reporting.definition.FilterKind;
import org.ream.central.reporting.definition.ParameterKind;
import org.ream.central.reporting.definition.ReportDesign;
import org.ream.central.reporting.definition.ReportDesign.AggregateOperation;
import org.ream.central.reporting.definition.ReportDesign.Aggregated;
import org.ream.central.reporting.definition.ReportDesign.Field;
import org.ream.central.reporting.definition.ReportDesign.FilterValue;
import org.ream.central.reporting.definition.ReportDesign.TableColumn;
import org.ream.central.reporting.definition.ReportDesignValidator;
import org.ream.central.reporting.definition.ReportSchema;
import org.ream.central.reporting.definition.ReportType;
import org.ream.central.reporting.definition.SummaryKind;
import org.ream.central.reporting.output.ReportColumn;

/**
 * Builds the one SQL statement that computes a report's rows from its type and a design checked
 * against it (docs/reports.md, "Running reports"). Table and column names come from the
 * definitions only (checked against the schema when they were read); every value a design
 * carries (filter values, user names, the period, N) is a bound parameter.
 *
 * <p>A report either lists its facts, one row each (jobs, printer jobs, events, toner
 * replacements, memberships, rights, printers, and sessions when the type shows a session's own
 * time), or sums them per group (sessions, and the events of a Top N alerts summary): every shown
 * column that is not a sum is a grouping key, with the type's grouping columns first.
 */
public final class ReportQueryBuilder {

    private final ColumnDictionary dictionary;

    /** {@code dictionary}: the column dictionary, for what a gap means. */
    public ReportQueryBuilder(ColumnDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /**
     * The query of {@code design} run in {@code context}. Throws
     * {@link org.ream.central.reporting.definition.ReportDesignException} when the design does not
     * fit its type, {@link ReportQueryException} when a value cannot be used or the type's data is
     * not replicated, {@link ReportAccessException} when the user may not see what it asks for.
     */
    public ReportQuery build(ReportType type, ReportDesign design, RunContext context) {
        ReportDesignValidator.check(design, type);
        if (!type.runnable()) {
            throw new ReportQueryException("type", "type " + type.id() + " cannot run yet: " + gapText(type.source().gap()));
        }
        checkAccess(type, design, context.viewer());
        return new Compiler(type, design, context).compile();
    }

    /**
     * Whether a type lists its facts one per row rather than summing them: every source but the
     * sessions lists, unless the type counts occurrences (a Top N alerts summary); a sessions type
     * lists when it shows a session's own time (the counter analysis shows each session's end).
     */
    public static boolean listsFacts(ReportType type) {
        if (type.columns().stream().anyMatch(c -> c.measure() == Measure.OCCURRENCES)) {
            return false;
        }
        if (type.source() == DataSource.SESSIONS) {
            return type.columns().stream().anyMatch(c -> c.type() == ColumnType.DATETIME && c.gap() == null);
        }
        return true;
    }

    private static void checkAccess(ReportType type, ReportDesign design, RunContext.Viewer viewer) {
        if (viewer.allData()) {
            return;
        }
        FilterValue users = design.filters().get(FilterKind.USER);
        if (!type.accepts(FilterKind.USER)) {
            throw new ReportAccessException("type " + type.id() + " shows every user's data: it needs the right " + String.join(" or ", type.rights()));
        }
        if (users == null || !users.me() || !users.values().isEmpty()) {
            throw new ReportAccessException("without the right " + String.join(" or ", type.rights())
                    + " a report shows your own data only: set the user filter to \"Me\"");
        }
    }

    private String gapText(String gap) {
        String text = dictionary.gaps().get(gap);
        return text == null ? gap : text;
    }

    private enum Agg {
        /** A grouping key (a listing shows it as it is). */
        KEY,
        SUM,
        MAX,
        /** Not replicated yet: always empty, not selected. */
        GAP
    }

    /** A value the query selects (or, for a gap, does not), read as {@code raw} and shown through {@code convert}. */
    private static final class Term {
        final Agg agg;
        final Sql expr;
        final RawKind raw;
        final Function<Object, Object> convert;
        final boolean sortable;
        int index = -1;

        Term(Agg agg, Sql expr, RawKind raw, Function<Object, Object> convert, boolean sortable) {
            this.agg = agg;
            this.expr = expr;
            this.raw = raw;
            this.convert = convert;
            this.sortable = sortable;
        }

        Object value(Object[] rawRow) {
            return index < 0 ? null : convert.apply(rawRow[index]);
        }
    }

    private final class Compiler {
        private final ReportType type;
        private final ReportDesign design;
        private final RunContext context;
        private final SqlDialect dialect;
        private final FactModel fact;
        private final CounterSql counters;
        private final boolean listing;
        private final DateRange period;
        private ZoneShift shift;
        private boolean tonerLives;

        private final Map<String, Term> terms = new LinkedHashMap<>();
        private final Map<String, String> joinAliases = new LinkedHashMap<>();
        private final List<String> joins = new ArrayList<>();
        private final List<Sql> where = new ArrayList<>();
        /** The page counter value's comparison on the sums, written once the counter has its place in the select list. */
        private FilterValue counterValue;
        private final List<Long> sites = new ArrayList<>();
        private int aliases;

        Compiler(ReportType type, ReportDesign design, RunContext context) {
            this.type = type;
            this.design = design;
            this.context = context;
            this.dialect = new SqlDialect(context.dialect());
            this.fact = new FactModel(type.source(), dialect);
            this.counters = type.source().counters() == DataSource.Counters.NONE ? null
                    : new CounterSql(type.source().counters(), dialect, FactModel.FACT);
            this.listing = listsFacts(type);
            this.period = type.accepts(ParameterKind.PERIOD) ? design.parameters().period().resolve(context.now(), context.firstDayOfWeek()) : null;
        }

        ReportQuery compile() {
            List<ReportQuery.Output> visible = new ArrayList<>();
            List<ReportQuery.Missing> missing = new ArrayList<>();
            List<Term> groupTerms = new ArrayList<>();
            for (ColumnDef g : type.groupBy()) {
                groupTerms.add(term(g));
            }
            if (design.table()) {
                for (TableColumn tc : design.columns()) {
                    visible.add(output(tc, visible.size(), missing));
                }
            }
            ReportQuery.Output category = null;
            List<ReportQuery.Output> chartValues = new ArrayList<>();
            List<ReportQuery.Series> series = new ArrayList<>();
            if (design.chart() != null) {
                ColumnDef c = type.charts().category();
                Term t = term(c);
                category = new ReportQuery.Output(reportColumn(c.id(), c.label(context.language()), c.type(), null, SummaryKind.NONE), t::value);
                for (ReportDesign.Series s : design.chart().series()) {
                    ColumnDef v = type.charts().values().stream().filter(x -> x.id().equals(s.column())).findFirst().orElseThrow();
                    Term vt = term(v);
                    chartValues.add(new ReportQuery.Output(reportColumn(v.id(), v.label(context.language()), v.type(), null, SummaryKind.NONE), vt::value));
                    series.add(new ReportQuery.Series(v.id(), v.label(context.language()), s.colour()));
                }
            }
            Integer n = type.accepts(ParameterKind.N) ? design.parameters().n() : null;
            Term rank = n == null ? null : rankTerm();
            filters();

            // Select list: the terms in order, then what only sorts a listing.
            List<Sql> select = new ArrayList<>();
            List<RawKind> raw = new ArrayList<>();
            for (Term t : terms.values()) {
                if (t.agg != Agg.GAP) {
                    t.index = raw.size();
                    select.add(t.expr.copy().add(" AS C" + (t.index + 1)));
                    raw.add(t.raw);
                }
            }
            List<String> listingSort = new ArrayList<>();
            if (listing) {
                String time = timeColumn();
                if (time != null) {
                    listingSort.add("S" + (raw.size() + 1));
                    select.add(Sql.of(FactModel.FACT + "." + time + " AS S" + (raw.size() + 1)));
                    raw.add(RawKind.TIMESTAMP);
                }
                if (fact.hasId()) {
                    listingSort.add("S" + (raw.size() + 1));
                    select.add(Sql.of(FactModel.FACT + ".ID AS S" + (raw.size() + 1)));
                    raw.add(RawKind.LONG);
                }
            }
            if (select.isEmpty()) {
                // Only gaps to show: still one row per group or fact.
                select.add(Sql.of("1 AS S1"));
                raw.add(RawKind.LONG);
            }
            Sql base = Sql.of("SELECT ").add(Sql.join(", ", select)).add(" FROM ").add(fact.from(tonerLives));
            for (String j : joins) {
                base.add(" " + j);
            }
            if (!where.isEmpty()) {
                base.add(" WHERE ").add(Sql.join(" AND ", where));
            }

            Sql rows;
            List<String> order = new ArrayList<>();
            if (listing) {
                rows = base;
                for (Term t : groupTerms) {
                    if (t.agg != Agg.GAP && t.sortable) {
                        order.add("C" + (t.index + 1));
                    }
                }
                if (timeColumn() == null) {
                    for (Term t : terms.values()) {
                        if (t.agg == Agg.KEY && t.sortable && !order.contains("C" + (t.index + 1))) {
                            order.add("C" + (t.index + 1));
                        }
                    }
                }
                order.addAll(listingSort);
            } else {
                List<String> keys = new ArrayList<>();
                List<Sql> outer = new ArrayList<>();
                for (Term t : terms.values()) {
                    if (t.agg == Agg.GAP) {
                        continue;
                    }
                    String c = "C" + (t.index + 1);
                    switch (t.agg) {
                        case KEY -> {
                            outer.add(Sql.of("Q." + c + " AS " + c));
                            keys.add("Q." + c);
                        }
                        case SUM -> outer.add(Sql.of("SUM(Q." + c + ") AS " + c));
                        case MAX -> outer.add(Sql.of("MAX(Q." + c + ") AS " + c));
                        default -> throw new IllegalStateException();
                    }
                }
                if (outer.isEmpty()) {
                    outer.add(Sql.of("COUNT(*) AS S1"));
                }
                rows = Sql.of("SELECT ").add(Sql.join(", ", outer)).add(" FROM (").add(base).add(") Q");
                if (!keys.isEmpty()) {
                    rows.add(" GROUP BY " + String.join(", ", keys));
                }
                List<Sql> conditions = new ArrayList<>();
                if (counterValue != null) {
                    conditions.add(Sql.of("SUM(Q.C" + (terms.get("rank").index + 1) + ") " + counterValue.comparison().symbol() + " ")
                            .param(counterValue.threshold()));
                }
                if (keys.isEmpty()) {
                    conditions.add(Sql.of("COUNT(*) > 0")); // no facts, no row (not one row of empty sums)
                }
                if (!conditions.isEmpty()) {
                    rows.add(" HAVING ").add(Sql.join(" AND ", conditions));
                }
                for (Term t : groupTerms) {
                    if (t.agg == Agg.KEY) {
                        order.add("C" + (t.index + 1));
                    }
                }
                for (Term t : terms.values()) {
                    if (t.agg == Agg.KEY && !order.contains("C" + (t.index + 1))) {
                        order.add("C" + (t.index + 1));
                    }
                }
            }

            Sql sql;
            int rankIndex = -1;
            if (n != null && rank != null) {
                List<String> ties = new ArrayList<>();
                for (String o : order) {
                    ties.add(nullsLast("G." + o));
                }
                Sql windowed = Sql.of("SELECT G.*, ROW_NUMBER() OVER (ORDER BY G.C" + (rank.index + 1) + " DESC"
                        + (ties.isEmpty() ? "" : ", " + String.join(", ", ties)) + ") AS RN FROM (").add(rows).add(") G");
                rankIndex = raw.size();
                raw.add(RawKind.LONG);
                if (Boolean.TRUE.equals(design.parameters().addRemainingSum()) && type.accepts(ParameterKind.ADD_REMAINING_SUM)) {
                    sql = remainingSum(windowed, n, raw.size() - 1);
                } else {
                    sql = Sql.of("SELECT * FROM (").add(windowed).add(") W WHERE W.RN <= ").param(n.longValue()).add(" ORDER BY W.RN");
                }
            } else {
                sql = Sql.of("SELECT * FROM (").add(rows).add(") G");
                if (!order.isEmpty()) {
                    sql.add(" ORDER BY " + String.join(", ", order.stream().map(o -> nullsLast("G." + o)).toList()));
                }
                if (n != null) {
                    if (order.isEmpty()) {
                        sql.add(" ORDER BY 1"); // SQL Server pages only an ordered result
                    }
                    sql.add(" OFFSET 0 ROWS FETCH NEXT ").param(n.longValue()).add(" ROWS ONLY");
                }
            }

            int remainderLabel = -1;
            for (int i = 0; i < visible.size() && remainderLabel < 0; i++) {
                if (visible.get(i).column().type() == ColumnType.TEXT) {
                    remainderLabel = i;
                }
            }
            String chartKind = design.chart() == null ? null : design.chart().kind().id();
            return new ReportQuery(sql.text(), sql.params(), raw, visible, listing, period, sites, missing, rankIndex, n, remainderLabel,
                    "fr".equals(context.language()) ? "Somme restante" : "Remaining sum", chartKind, category, chartValues, series);
        }

        /**
         * Top N with "add remaining sum": the first N rows as they are, then one row summing the
         * others (its keys empty), in one statement: rows below N share bucket 0.
         */
        private Sql remainingSum(Sql windowed, int n, int rnColumn) {
            List<Sql> inner = new ArrayList<>();
            List<Sql> outer = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (Term t : terms.values()) {
                if (t.agg == Agg.GAP) {
                    continue;
                }
                String c = "C" + (t.index + 1);
                if (t.agg == Agg.KEY) {
                    inner.add(Sql.of("CASE WHEN W.RN <= ").param((long) n).add(" THEN W." + c + " END AS " + c));
                    outer.add(Sql.of("V." + c + " AS " + c));
                    keys.add("V." + c);
                } else {
                    inner.add(Sql.of("W." + c + " AS " + c));
                    outer.add(Sql.of((t.agg == Agg.MAX ? "MAX" : "SUM") + "(V." + c + ") AS " + c));
                }
            }
            inner.add(Sql.of("W.RN AS RN"));
            inner.add(Sql.of("CASE WHEN W.RN <= ").param((long) n).add(" THEN W.RN ELSE 0 END AS BUCKET"));
            outer.add(Sql.of("MIN(V.RN) AS RN"));
            keys.add(0, "V.BUCKET");
            return Sql.of("SELECT ").add(Sql.join(", ", outer)).add(" FROM (SELECT ").add(Sql.join(", ", inner)).add(" FROM (").add(windowed)
                    .add(") W) V GROUP BY " + String.join(", ", keys) + " ORDER BY RN");
        }

        /** The fact's own time column: the period's, or the source's. */
        private String timeColumn() {
            if (type.periodColumn() != null) {
                return type.periodColumn().substring(type.periodColumn().indexOf('.') + 1);
            }
            return type.source().timeColumn();
        }

        private String nullsLast(String column) {
            return "CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END, " + column;
        }

        /** What ranks a Top N: the chosen page counter, else the occurrences, else the type's first count. */
        private Term rankTerm() {
            if (type.accepts(ParameterKind.PAGE_COUNTER)) {
                return terms.computeIfAbsent("rank", k -> measureTerm(design.parameters().pageCounter(), ColumnType.COUNT));
            }
            for (ColumnDef c : type.columns()) {
                if (c.measure() == Measure.OCCURRENCES) {
                    return term(c);
                }
            }
            for (ColumnDef c : type.columns()) {
                if (c.gap() == null && c.measure() != null && c.type().numeric()) {
                    return term(c);
                }
            }
            return null;
        }

        private ReportQuery.Output output(TableColumn tc, int position, List<ReportQuery.Missing> missing) {
            if (tc instanceof Field f) {
                ColumnDef c = type.column(f.column());
                Term t = term(c);
                if (c.gap() != null) {
                    missing.add(new ReportQuery.Missing(c.id(), c.label(context.language()), c.gap(), gapText(c.gap())));
                }
                return new ReportQuery.Output(reportColumn(c.id(), c.label(context.language()), c.type(), f, f.summary()), t::value);
            }
            Aggregated a = (Aggregated) tc;
            List<ColumnDef> parts = a.columns().stream().map(type::column).toList();
            List<Term> partTerms = parts.stream().map(this::term).toList();
            boolean whole = parts.stream().allMatch(p -> p.type() == ColumnType.COUNT || p.type() == ColumnType.NUMBER);
            boolean money = parts.stream().allMatch(p -> p.type() == ColumnType.MONEY);
            ColumnType out = a.operation() == AggregateOperation.SUM && whole ? ColumnType.COUNT : money ? ColumnType.MONEY : ColumnType.DECIMAL;
            Function<Object[], Object> value = rawRow -> {
                BigDecimal sum = BigDecimal.ZERO;
                int count = 0;
                for (Term t : partTerms) {
                    Object v = t.value(rawRow);
                    if (v instanceof Number num) {
                        sum = sum.add(num instanceof BigDecimal b ? b : BigDecimal.valueOf(num.longValue()));
                        count++;
                    }
                }
                if (count == 0) {
                    return null;
                }
                if (a.operation() == AggregateOperation.AVERAGE) {
                    return sum.divide(BigDecimal.valueOf(count), money ? 4 : 2, RoundingMode.HALF_UP);
                }
                return out == ColumnType.COUNT ? (Object) sum.longValueExact() : sum;
            };
            return new ReportQuery.Output(reportColumn("aggregate" + (position + 1), a.label(), out, a, a.summary()), value);
        }

        private ReportColumn reportColumn(String id, String label, ColumnType columnType, TableColumn tc, SummaryKind summary) {
            ReportDesign.Alignment alignment = tc == null ? ReportDesign.Alignment.AUTO : tc.alignment();
            return new ReportColumn(id, label, columnType, alignment, tc == null ? 0 : widthPercent(tc), summary);
        }

        /**
         * Designer widths are relative: a column's share of the table is its width over the sum of
         * the widths, a column without width weighing the average of the others. None given: the
         * writer decides (0).
         */
        private int widthPercent(TableColumn tc) {
            List<Integer> given = design.columns().stream().map(TableColumn::width).filter(w -> w != null).toList();
            if (tc.width() == null || given.isEmpty()) {
                return 0;
            }
            double average = given.stream().mapToInt(Integer::intValue).average().orElse(0);
            double total = given.stream().mapToInt(Integer::intValue).sum() + average * (design.columns().size() - given.size());
            return (int) Math.max(1, Math.round(tc.width() * 100 / total));
        }

        private Term term(ColumnDef c) {
            Term t = terms.get("c:" + c.id());
            if (t == null) {
                t = compile(c);
                terms.put("c:" + c.id(), t);
            }
            return t;
        }

        private Term compile(ColumnDef c) {
            if (c.gap() != null) {
                return new Term(Agg.GAP, null, null, v -> null, false);
            }
            if (c.measure() != null) {
                return measureTerm(c.measure(), c.type());
            }
            if (c.breakdown() != null) {
                return new Term(Agg.SUM, Sql.of(counters.of(c.breakdown())), RawKind.LONG, convert(c.type()), true);
            }
            String src = c.source(type.source());
            String table = src.substring(0, src.indexOf('.'));
            String column = src.substring(src.indexOf('.') + 1);
            String flag = c.via() == null ? null : c.via().substring(c.via().indexOf('.') + 1);
            boolean flagOnFact = flag != null && type.source() == DataSource.GROUP_MEMBERS;
            FactModel.Path path = fact.path(table, flagOnFact ? null : flag);
            Column.Kind kind = ReportSchema.kind(table, column);
            Bucket bucket = c.bucket();
            if (bucket == null && kind == Column.Kind.INSTANT && c.type() == ColumnType.DATE) {
                bucket = Bucket.DATE;
            }
            if (path.multi() && listing) {
                // One cell for a fact's several values (a user's groups): listed, never a fan-out.
                String value = kind == Column.Kind.TEXT || kind == Column.Kind.ID ? "{v}" : "CAST({v} AS VARCHAR(64))";
                return new Term(Agg.KEY, listOf(path, column, value), RawKind.STRING, convert(c.type()), false);
            }
            String ref = alias(path) + "." + column;
            if (flagOnFact) {
                ref = "CASE WHEN " + dialect.isTrue(FactModel.FACT + "." + flag) + " THEN " + ref + " END";
            }
            if (bucket != null) {
                Sql expr = bucket(ref, bucket);
                return new Term(Agg.KEY, expr, bucket == Bucket.DATE ? RawKind.DATE : RawKind.LONG, bucketed(bucket, c.type()), true);
            }
            boolean summed = c.type().numeric() && c.summaries().contains(SummaryKind.SUM);
            return new Term(summed ? Agg.SUM : Agg.KEY, Sql.of(ref), raw(kind), convert(c.type()), true);
        }

        private Term measureTerm(Measure m, ColumnType columnType) {
            return switch (m.kind()) {
                case COUNTERS -> new Term(Agg.SUM, Sql.of(counters.of(m)), RawKind.LONG, countersConvert(m, columnType), true);
                case PARAMETER -> new Term(Agg.SUM, Sql.of(counters.of(design.parameters().pageCounter())), RawKind.LONG, convert(columnType), true);
                case ROWS -> new Term(Agg.SUM, Sql.of("1"), RawKind.LONG, convert(columnType), true);
                case JOB_SIZE -> new Term(Agg.SUM, Sql.of(alias(fact.path("JOBS", null)) + ".SIZE_BYTES"), RawKind.LONG,
                        v -> v == null ? null : BigDecimal.valueOf(Measure.kilobytes(((Number) v).longValue())).setScale(2, RoundingMode.HALF_UP),
                        true);
                case TONER -> {
                    tonerLives = true;
                    String f = FactModel.FACT;
                    yield m == Measure.TONER_INSTALLED_AT
                            ? new Term(Agg.MAX, Sql.of(f + ".PREV_REPLACED_AT"), RawKind.TIMESTAMP, convert(columnType), true)
                            : new Term(Agg.SUM, Sql.of("CASE WHEN " + f + ".PREV_PAGE_COUNTER IS NOT NULL AND " + f + ".PAGE_COUNTER IS NOT NULL AND "
                                    + f + ".PAGE_COUNTER >= " + f + ".PREV_PAGE_COUNTER THEN " + f + ".PAGE_COUNTER - " + f + ".PREV_PAGE_COUNTER END"),
                                    RawKind.LONG, convert(columnType), true);
                }
            };
        }

        /** The environmental measures come from the sheets, with the per-sheet figures of the counting rules. */
        private Function<Object, Object> countersConvert(Measure m, ColumnType columnType) {
            Function<EnvironmentalImpact, Double> figure;
            int scale;
            switch (m) {
                case TREES -> {
                    figure = EnvironmentalImpact::trees;
                    scale = 4;
                }
                case CO2_GRAMS -> {
                    figure = EnvironmentalImpact::co2Grams;
                    scale = 1;
                }
                case ENERGY_WH -> {
                    figure = EnvironmentalImpact::energyWh;
                    scale = 0;
                }
                case RECYCLED_ENERGY_WH -> {
                    figure = EnvironmentalImpact::recycledEnergyWh;
                    scale = 0;
                }
                default -> {
                    return convert(columnType);
                }
            }
            return v -> v == null ? null
                    : BigDecimal.valueOf(figure.apply(EnvironmentalImpact.ofSheets(((Number) v).longValue()))).setScale(scale, RoundingMode.HALF_UP);
        }

        /** The alias of the path's last table, joining what is missing (LEFT JOINs: a fact without its printer still counts). */
        private String alias(FactModel.Path path) {
            String parent = FactModel.FACT;
            StringBuilder key = new StringBuilder();
            for (FactModel.Step s : path.steps()) {
                key.append('>').append(s.table()).append(':').append(s.on());
                String alias = joinAliases.get(key.toString());
                if (alias == null) {
                    alias = "X" + (++aliases);
                    joinAliases.put(key.toString(), alias);
                    joins.add("LEFT JOIN " + s.table() + " " + alias + " ON " + s.on(alias, parent));
                }
                parent = alias;
            }
            return parent;
        }

        /** "FROM t1 Y1 JOIN t2 Y2 ON ... WHERE (link of t1 to the fact)", and the alias of the path's end. */
        private String correlated(FactModel.Path path, StringBuilder from) {
            String parent = FactModel.FACT;
            String link = null;
            for (FactModel.Step s : path.steps()) {
                String alias = "Y" + (++aliases);
                if (link == null) {
                    from.append("FROM ").append(s.table()).append(' ').append(alias);
                    link = s.on(alias, parent);
                } else {
                    from.append(" JOIN ").append(s.table()).append(' ').append(alias).append(" ON ").append(s.on(alias, parent));
                }
                parent = alias;
            }
            from.append(" WHERE ").append(link);
            return parent;
        }

        private Sql listOf(FactModel.Path path, String column, String valueTemplate) {
            StringBuilder from = new StringBuilder();
            String end = correlated(path, from);
            return dialect.list(valueTemplate.replace("{v}", end + "." + column), Sql.of(from.toString()));
        }

        /** A condition on a table column, as a join when the fact has one such row, as EXISTS when it may have several. */
        private Sql condition(String table, Function<String, Sql> predicate) {
            FactModel.Path path = fact.path(table, null);
            if (!path.multi()) {
                return predicate.apply(alias(path));
            }
            StringBuilder from = new StringBuilder();
            String end = correlated(path, from);
            return Sql.of("EXISTS (SELECT 1 " + from + " AND ").add(predicate.apply(end)).add(")");
        }

        private Sql bucket(String ref, Bucket bucket) {
            if (shift == null) {
                Instant from = period != null ? period.start() : ZoneShift.EARLIEST;
                Instant to = period != null ? period.end() : context.now().toInstant().plus(400, ChronoUnit.DAYS);
                shift = ZoneShift.of(context.now().getZone(), from, to);
            }
            Sql local = shift.local(ref, dialect);
            return switch (bucket) {
                case DATE -> dialect.date(local);
                case HOUR -> dialect.hour(local);
                case DAY_OF_WEEK, DAY_OF_WEEK_NUMBER -> {
                    // 1 for the configured first day of the week.
                    int first = context.firstDayOfWeek().getValue();
                    yield Sql.of("(").add(dialect.mod(Sql.of("").add(dialect.isoDayOfWeek(local)).add(" + " + (7 - first)), 7)).add(" + 1)");
                }
                case YEAR_MONTH -> Sql.of("(").add(dialect.year(local)).add(" * 100 + ").add(dialect.month(shift.local(ref, dialect))).add(")");
                case YEAR_WEEK -> Sql.of("(").add(dialect.isoWeekYear(local)).add(" * 100 + ").add(dialect.isoWeek(shift.local(ref, dialect))).add(")");
            };
        }

        private Function<Object, Object> bucketed(Bucket bucket, ColumnType columnType) {
            Locale locale = context.locale();
            DayOfWeek first = context.firstDayOfWeek();
            Function<Object, Object> shown = switch (bucket) {
                case DATE -> v -> columnType == ColumnType.DATE ? v : v.toString();
                case HOUR -> v -> String.format(Locale.ROOT, "%02d:00", ((Number) v).intValue());
                case DAY_OF_WEEK -> v -> {
                    String name = first.plus(((Number) v).longValue() - 1).getDisplayName(TextStyle.FULL, locale);
                    return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
                };
                case DAY_OF_WEEK_NUMBER -> v -> String.valueOf(((Number) v).intValue());
                case YEAR_MONTH -> v -> {
                    int k = ((Number) v).intValue();
                    return String.format(Locale.ROOT, "%04d-%02d", k / 100, k % 100);
                };
                case YEAR_WEEK -> v -> {
                    int k = ((Number) v).intValue();
                    return String.format(Locale.ROOT, "%04d-W%02d", k / 100, k % 100);
                };
            };
            return v -> v == null ? null : shown.apply(v);
        }

        private void filters() {
            String f = FactModel.FACT;
            if (period != null) {
                String time = timeColumn();
                where.add(Sql.of(f + "." + time + " >= ").param(period.start()).add(" AND " + f + "." + time + " < ").param(period.end()));
            }
            for (Map.Entry<String, List<String>> w : type.where().entrySet()) {
                String table = w.getKey().substring(0, w.getKey().indexOf('.'));
                String column = w.getKey().substring(w.getKey().indexOf('.') + 1);
                List<Object> values = typed("where", w.getValue(), ReportSchema.kind(table, column));
                where.add(condition(table, a -> Sql.of(a + "." + column + " IN (").params(values).add(")")));
            }
            if (type.source() == DataSource.GROUP_MEMBERS || type.source() == DataSource.SITE_RIGHTS) {
                // Memberships and rights of deleted users are not current.
                where.add(Sql.of("EXISTS (SELECT 1 FROM USERS Z1 WHERE Z1.ID = " + f + ".USER_ID AND Z1.DELETED_AT IS NULL)"));
            }
            for (Map.Entry<FilterKind, FilterValue> e : design.filters().entrySet()) {
                filter(e.getKey(), e.getValue());
            }
            if (!design.excludeUsers().isEmpty()) {
                where.add(excludedUsers(design.excludeUsers()));
            }
        }

        private void filter(FilterKind kind, FilterValue v) {
            String field = "filters." + kind.id();
            switch (kind) {
                case USER -> {
                    List<Sql> any = new ArrayList<>();
                    if (v.me()) {
                        any.add(me());
                    }
                    if (!v.values().isEmpty()) {
                        any.add(users(v.values()));
                    }
                    if (!any.isEmpty()) {
                        where.add(Sql.of("(").add(Sql.join(" OR ", any)).add(")"));
                    }
                }
                case PAGE_COUNTER_VALUE -> {
                    String op = v.comparison().symbol();
                    Sql counter = Sql.of(counters.of(design.parameters().pageCounter()));
                    if (listing) {
                        where.add(Sql.of("").add(counter).add(" " + op + " ").param(v.threshold()));
                    } else {
                        terms.computeIfAbsent("rank", k -> measureTerm(design.parameters().pageCounter(), ColumnType.COUNT));
                        counterValue = v;
                    }
                }
                case ACCOUNTING_GROUP, MANAGED_GROUP -> {
                    if (!v.values().isEmpty()) {
                        List<Object> ids = ids(field, v.values(), "group");
                        String flag = kind.column().substring(kind.column().indexOf('.') + 1);
                        where.add(condition("GROUP_MEMBERS", a -> Sql.of(dialect.isTrue(a + "." + flag) + " AND " + a + ".GROUP_ID IN (").params(ids).add(")")));
                    }
                }
                case SITE -> {
                    if (!v.values().isEmpty()) {
                        List<Object> ids = ids(field, v.values(), "site");
                        ids.forEach(id -> sites.add((Long) id));
                        if (type.source() == DataSource.GROUP_MEMBERS) {
                            where.add(condition("SITE_SYNC_GROUPS", a -> Sql.of(a + ".SITE_ID IN (").params(ids).add(")")));
                        } else {
                            where.add(Sql.of(FactModel.FACT + ".SITE_ID IN (").params(ids).add(")"));
                        }
                    }
                }
                default -> {
                    if (!v.values().isEmpty()) {
                        String table = kind.table();
                        String column = kind.column().substring(kind.column().indexOf('.') + 1);
                        Column.Kind ck = ReportSchema.kind(table, column);
                        List<Object> values = ck == Column.Kind.NUMBER ? ids(field, v.values(), kind.labelEn().toLowerCase(Locale.ROOT))
                                : typed(field, v.values(), ck);
                        where.add(condition(table, a -> Sql.of(a + "." + column + " IN (").params(values).add(")")));
                    }
                }
            }
        }

        /** The running user's rows: by central user, or by name while the row is not linked to one yet. */
        private Sql me() {
            String f = FactModel.FACT;
            RunContext.Viewer viewer = context.viewer();
            if (fact.userFact()) {
                return Sql.of("(" + f + ".USER_ID = ").param(viewer.userId()).add(" OR (" + f + ".USER_ID IS NULL AND " + f + ".USER_NAME = ")
                        .param(viewer.username()).add("))");
            }
            return Sql.of(f + ".USER_ID = ").param(viewer.userId());
        }

        private Sql users(List<String> names) {
            String f = FactModel.FACT;
            Sql central = Sql.of(f + ".USER_ID IN (SELECT Z2.ID FROM USERS Z2 WHERE Z2.USERNAME IN (").params(names).add("))");
            if (!fact.userFact()) {
                return central;
            }
            return Sql.of("(" + f + ".USER_NAME IN (").params(names).add(") OR ").add(central).add(")");
        }

        private Sql excludedUsers(List<String> names) {
            String f = FactModel.FACT;
            Sql central = Sql.of(f + ".USER_ID NOT IN (SELECT Z3.ID FROM USERS Z3 WHERE Z3.USERNAME IN (").params(names).add("))");
            if (!fact.userFact()) {
                return central;
            }
            return Sql.of("(" + f + ".USER_NAME IS NULL OR " + f + ".USER_NAME NOT IN (").params(names).add(")) AND (" + f + ".USER_ID IS NULL OR ")
                    .add(central).add(")");
        }

        private List<Object> ids(String field, List<String> values, String what) {
            List<Object> out = new ArrayList<>();
            for (String s : values) {
                try {
                    out.add(Long.parseLong(s.strip()));
                } catch (NumberFormatException e) {
                    throw new ReportQueryException(field, "\"" + s + "\" is not a " + what + " id");
                }
            }
            return out;
        }

        private List<Object> typed(String field, List<String> values, Column.Kind kind) {
            if (kind == Column.Kind.NUMBER || kind == Column.Kind.COUNT) {
                return ids(field, values, "number");
            }
            if (kind == Column.Kind.BOOL) {
                return values.stream().map(s -> (Object) Boolean.parseBoolean(s.strip())).toList();
            }
            return new ArrayList<>(values);
        }
    }

    private static RawKind raw(Column.Kind kind) {
        return switch (kind) {
            case TEXT, ID, JSON -> RawKind.STRING;
            case COUNT, NUMBER -> RawKind.LONG;
            case MONEY -> RawKind.DECIMAL;
            case BOOL -> RawKind.BOOL;
            case INSTANT -> RawKind.TIMESTAMP;
        };
    }

    /** A raw value as the column's type shows it (RowSource: String, Long, BigDecimal, Boolean, LocalDate, Instant). */
    private static Function<Object, Object> convert(ColumnType type) {
        return v -> {
            if (v == null) {
                return null;
            }
            return switch (type) {
                case TEXT, PERIOD -> v instanceof String ? v : v.toString();
                case COUNT, NUMBER -> v instanceof Long ? v : ((Number) v).longValue();
                case DECIMAL, MONEY -> v instanceof BigDecimal ? v : BigDecimal.valueOf(((Number) v).longValue());
                case BOOL -> v instanceof Boolean ? v : Boolean.valueOf(v.toString());
                case DATE -> v instanceof LocalDate ? v : LocalDate.parse(v.toString());
                case DATETIME -> v;
            };
        };
    }
}
