package org.ream.central.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ream.central.persistence.DataAccessException;
import org.ream.central.persistence.Databases;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.definition.ColumnType;
import org.ream.central.reporting.definition.DesignProblem;
import org.ream.central.reporting.definition.FilterKind;
import org.ream.central.reporting.definition.ParameterKind;
import org.ream.central.reporting.definition.PeriodSpec;
import org.ream.central.reporting.definition.ReportCatalogue;
import org.ream.central.reporting.definition.ReportDesign;
import org.ream.central.reporting.definition.ReportDesign.FilterValue;
import org.ream.central.reporting.definition.ReportDesignException;
import org.ream.central.reporting.definition.ReportType;
import org.ream.central.reporting.definition.SummaryKind;
import org.ream.central.reporting.output.ReportColumn;
import org.ream.central.reporting.output.ReportHeader;
import org.ream.central.reporting.output.ReportWriter;
import org.ream.central.reporting.output.SiteFreshness;
import org.ream.central.reporting.query.ReportQuery;
import org.ream.central.reporting.query.ReportQueryBuilder;
import org.ream.central.reporting.query.ReportQueryException;
import org.ream.central.reporting.query.RunContext;
import org.ream.central.security.Right;
import org.ream.central.security.SessionUser;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;
import org.ream.central.web.Branding;

/**
 * Runs a report design for a user (docs/reports.md, "Running reports"): checks it against its
 * type and the user's rights, builds its query in the server's time zone, states each included
 * site's freshness, and streams the rows into a writer of the chosen format, or previews the
 * first rows. A design that cannot run is refused with the reasons ({@link ValidationException});
 * a user asking for others' data without the right gets a
 * {@link org.ream.central.reporting.query.ReportAccessException}.
 */
@ApplicationScoped
public class ReportRunner {

    @Inject
    Databases databases;

    @Inject
    ReportCatalogues catalogues;

    @Inject
    ReportWriters writers;

    @Inject
    SettingsStore settings;

    @Inject
    Branding branding;

    @Inject
    SiteFreshnessReader freshness;

    /** A design checked and made into its query, with what its header says. */
    public record Prepared(ReportType type, ReportDesign design, ReportQuery query, RunContext context, List<String> filterLines) {
    }

    public record RunResult(long rows, String format, String extension, String mediaType) {
    }

    /** The first rows of a report, the summary line over all its rows, and the chart's data over the rows shown. */
    public record Preview(Prepared prepared, List<ReportColumn> columns, List<Object[]> rows, long rowCount, boolean truncated,
            Map<String, Object> summary, List<Object> chartCategories, List<List<Object>> chartValues, List<SiteFreshness> sites) {
    }

    public Prepared prepare(ReportDesign design, SessionUser user) {
        return prepare(design, user, ZonedDateTime.now(settings.timeZone()));
    }

    /** {@code now}: the moment the report runs, in the zone its periods and days are cut in. */
    public Prepared prepare(ReportDesign design, SessionUser user, ZonedDateTime now) {
        ReportCatalogue catalogue = catalogues.catalogue();
        ReportType type = catalogue.type(design.typeId());
        if (type == null) {
            throw new ValidationException("type", "\"" + design.typeId() + "\" is not a report type");
        }
        boolean allData = user.has(Right.ADMINISTRATOR) || type.rights().stream().anyMatch(r -> user.has(Right.valueOf(r)));
        RunContext context = new RunContext(databases.mainDialect(), now, DayOfWeek.MONDAY,
                new RunContext.Viewer(user.userId(), user.username(), allData), language(user));
        ReportQuery query;
        try {
            query = new ReportQueryBuilder(catalogue.dictionary()).build(type, design, context);
        } catch (ReportDesignException e) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (DesignProblem p : e.problems()) {
                fields.merge(p.field(), p.reason(), (a, b) -> a + "; " + b);
            }
            throw new ValidationException(e.getMessage(), fields);
        } catch (ReportQueryException e) {
            throw new ValidationException(e.field(), e.reason());
        }
        return new Prepared(type, design, query, context, filterLines(type, design, context, catalogue));
    }

    /** Writes the report in {@code format} to {@code out}; on failure the caller discards what was written. */
    public RunResult run(ReportDesign design, SessionUser user, String format, OutputStream out) throws Exception {
        ReportWriter writer = writers.writer(format).orElseThrow(() -> new ValidationException("format", "\"" + format
                + "\" is not a report format (available: " + String.join(", ", writers.formats()) + ")"));
        Prepared p = prepare(design, user);
        ReportHeader header = header(p, user);
        try (JdbcRowSource rows = open(p.query())) {
            long n = writer.write(header, p.query().columns(), rows, out);
            return new RunResult(n, writer.format(), writer.extension(), writer.mediaType());
        }
    }

    /**
     * The first {@code limit} rows; the rest are read for the summary line and the row count
     * only (held one at a time), so the preview's sums are the report's.
     */
    public Preview preview(ReportDesign design, SessionUser user, int limit) {
        Prepared p = prepare(design, user);
        ReportQuery q = p.query();
        List<ReportColumn> columns = q.columns();
        List<Object[]> rows = new ArrayList<>();
        List<Object> categories = new ArrayList<>();
        List<List<Object>> values = new ArrayList<>();
        q.chartSeries().forEach(s -> values.add(new ArrayList<>()));
        BigDecimal[] sums = new BigDecimal[columns.size()];
        long[] counts = new long[columns.size()];
        long total = 0;
        try (JdbcRowSource source = open(q)) {
            Object[] raw;
            while ((raw = source.nextRaw()) != null) {
                Object[] row = q.row(raw);
                if (total < limit) {
                    rows.add(row);
                    if (q.chartKind() != null) {
                        categories.add(q.chartCategory(raw));
                        Object[] v = q.chartValues(raw);
                        for (int i = 0; i < v.length; i++) {
                            values.get(i).add(v[i]);
                        }
                    }
                }
                for (int i = 0; i < row.length; i++) {
                    if (columns.get(i).summary() != SummaryKind.NONE && row[i] instanceof Number n) {
                        sums[i] = (sums[i] == null ? BigDecimal.ZERO : sums[i]).add(n instanceof BigDecimal b ? b : BigDecimal.valueOf(n.longValue()));
                        counts[i]++;
                    }
                }
                total++;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            ReportColumn c = columns.get(i);
            if (c.summary() == SummaryKind.NONE) {
                continue;
            }
            Object value = null;
            if (counts[i] > 0) {
                boolean whole = c.type() == ColumnType.COUNT || c.type() == ColumnType.NUMBER;
                value = c.summary() == SummaryKind.SUM ? (whole ? (Object) sums[i].longValueExact() : sums[i])
                        : sums[i].divide(BigDecimal.valueOf(counts[i]), c.type() == ColumnType.MONEY ? 4 : 2, RoundingMode.HALF_UP);
            }
            summary.put(c.id(), value);
        }
        return new Preview(p, columns, rows, total, total > limit, summary, categories, values, freshness.of(q.sites()));
    }

    /** The rows of a prepared report, streamed (for writers and tests). */
    public JdbcRowSource open(ReportQuery query) {
        try {
            return JdbcRowSource.open(databases.mainJdbc().dataSource(), query);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }

    public ReportHeader header(Prepared p, SessionUser user) {
        RunContext ctx = p.context();
        String description = p.design().description();
        if (!p.query().missing().isEmpty()) {
            String missing = ("fr".equals(ctx.language()) ? "Sans données pour l'instant : " : "Not replicated yet: ")
                    + p.query().missing().stream().map(m -> m.label() + " (" + m.reason() + ")").collect(Collectors.joining("; "));
            description = description == null || description.isBlank() ? missing : description + "\n" + missing;
        }
        String delimiter = settings.get("general.csvDelimiter");
        char csv = "TAB".equals(delimiter) ? '\t' : delimiter.isEmpty() ? ';' : delimiter.charAt(0);
        byte[] logo = branding.logo().map(Branding.Logo::bytes).orElse(null);
        String who = user.fullName() == null || user.fullName().isBlank() ? user.username() : user.fullName();
        return new ReportHeader(p.design().name(), description, p.type().name(ctx.language()), p.filterLines(), p.design().showFilters(),
                ctx.now(), who, ctx.locale(), freshness.of(p.query().sites()), p.design().orientation(), logo, settings.get("general.currency"), csv);
    }

    private String language(SessionUser user) {
        Optional<String> lang = databases.mainJdbc().one("SELECT LANG FROM USERS WHERE ID = ?", rs -> rs.getString(1), user.userId());
        String l = lang.filter(s -> !s.isBlank()).orElseGet(() -> settings.get("general.defaultLanguage"));
        return l == null || l.isBlank() ? "en" : l;
    }

    /**
     * The filters and parameters as the report header prints them, with the names of the
     * sites, printers, groups and projects chosen by id: an id naming nothing is refused.
     */
    private List<String> filterLines(ReportType type, ReportDesign design, RunContext ctx, ReportCatalogue catalogue) {
        boolean fr = "fr".equals(ctx.language());
        List<String> lines = new ArrayList<>();
        if (design.parameters().period() != null && type.accepts(ParameterKind.PERIOD)) {
            PeriodSpec spec = design.parameters().period();
            var range = spec.resolve(ctx.now(), ctx.firstDayOfWeek());
            lines.add(label(ParameterKind.PERIOD, fr) + ": " + range.first() + " - " + range.last()
                    + (spec instanceof PeriodSpec.Relative ? " (" + spec.text() + ")" : ""));
        }
        for (FilterKind k : FilterKind.values()) {
            FilterValue v = design.filters().get(k);
            if (v == null) {
                continue;
            }
            String text = switch (k) {
                case USER -> {
                    List<String> who = new ArrayList<>();
                    if (v.me()) {
                        who.add((fr ? "Moi" : "Me") + " (" + ctx.viewer().username() + ")");
                    }
                    who.addAll(v.values());
                    yield String.join(", ", who);
                }
                case SITE -> names("filters.site", "SITES", "site", v.values());
                case PRINTER -> names("filters.printer", "PRINTERS", "printer", v.values());
                case USER_GROUP, ACCOUNTING_GROUP, MANAGED_GROUP -> names("filters." + k.id(), "USER_GROUPS", "group", v.values());
                case PROJECT -> names("filters.project", "PROJECTS", "project", v.values());
                case PAGE_COUNTER_VALUE -> v.comparison().symbol() + " " + v.threshold();
                default -> String.join(", ", v.values());
            };
            if (!text.isEmpty()) {
                lines.add((fr ? k.labelFr() : k.labelEn()) + ": " + text);
            }
        }
        if (!design.excludeUsers().isEmpty()) {
            lines.add((fr ? "Exclure des données - Utilisateur" : "Exclude data - User") + ": " + String.join(", ", design.excludeUsers()));
        }
        ReportDesign.Parameters params = design.parameters();
        if (params.pageCounter() != null) {
            lines.add(label(ParameterKind.PAGE_COUNTER, fr) + ": " + measureLabel(params.pageCounter(), catalogue, ctx.language()));
        }
        if (params.n() != null) {
            lines.add(label(ParameterKind.N, fr) + ": " + params.n());
        }
        if (Boolean.TRUE.equals(params.addRemainingSum())) {
            lines.add(label(ParameterKind.ADD_REMAINING_SUM, fr) + ": " + (fr ? "oui" : "yes"));
        }
        if (params.priceList() != null) {
            lines.add(label(ParameterKind.PRICE_LIST, fr) + ": " + params.priceList());
        }
        if (params.priceListItem() != null) {
            lines.add(label(ParameterKind.PRICE_LIST_ITEM, fr) + ": " + params.priceListItem());
        }
        return lines;
    }

    private static String label(ParameterKind k, boolean fr) {
        return fr ? k.labelFr() : k.labelEn();
    }

    private static String measureLabel(Measure m, ReportCatalogue catalogue, String language) {
        return catalogue.dictionary().columns().values().stream().filter(c -> c.measure() == m && c.gap() == null).findFirst()
                .map(c -> c.label(language)).orElse(m.id());
    }

    /** The names of the rows of {@code table} with these ids (the builder already refused ids that are not numbers). */
    private String names(String field, String table, String what, List<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        List<Long> wanted = new ArrayList<>();
        for (String s : ids) {
            try {
                wanted.add(Long.parseLong(s.strip()));
            } catch (NumberFormatException e) {
                throw new ValidationException(field, "\"" + s + "\" is not a " + what + " id");
            }
        }
        String in = String.join(", ", wanted.stream().map(x -> "?").toList());
        Map<Long, String> found = new LinkedHashMap<>();
        databases.mainJdbc().query("SELECT ID, NAME FROM " + table + " WHERE ID IN (" + in + ")", rs -> found.put(rs.getLong(1), rs.getString(2)),
                wanted.toArray());
        List<String> out = new ArrayList<>();
        for (Long id : wanted) {
            String name = found.get(id);
            if (name == null) {
                throw new ValidationException(field, "there is no " + what + " with id " + id);
            }
            out.add(name);
        }
        return String.join(", ", out);
    }
}
