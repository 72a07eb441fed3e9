package org.ream.central.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.reporting.definition.DefinitionException;
import org.ream.central.reporting.definition.ReportDesign;
import org.ream.central.reporting.definition.ReportDesignReader;
import org.ream.central.reporting.output.ReportColumn;
import org.ream.central.reporting.output.SiteFreshness;
import org.ream.central.reporting.query.ReportAccessException;
import org.ream.central.reporting.query.ReportQuery;
import org.ream.central.security.CurrentUser;
import org.ream.central.settings.ValidationException;

/**
 * The report designer's preview (10.1.4): the first rows of a design as JSON, with its columns,
 * summary line and chart data, before it is saved. Any logged-in user may ask; without the
 * type's right (Manage reports) only designs showing the user's own data ("Me") run.
 */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportPreviewResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    @Inject
    ReportRunner runner;

    @Inject
    CurrentUser current;

    @Inject
    ObjectMapper json;

    /**
     * The body is a design in YAML or JSON, or a JSON object {@code {"design": <design or its
     * YAML text>, "type": "...", "limit": 100}}; {@code type} and {@code limit} may also come as
     * query parameters. The type is taken when the design names none.
     */
    @POST
    @Path("/preview")
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    public Map<String, Object> preview(String body, @QueryParam("type") String typeParam, @QueryParam("limit") String limitParam) {
        if (body == null || body.isBlank()) {
            throw new ValidationException("design", "the request carries no report design");
        }
        String text = body;
        String type = blankToNull(typeParam);
        String limitText = blankToNull(limitParam);
        JsonNode envelope = envelope(body);
        if (envelope != null) {
            JsonNode d = envelope.get("design");
            try {
                text = d.isTextual() ? d.textValue() : json.writerWithDefaultPrettyPrinter().writeValueAsString(d);
            } catch (JsonProcessingException e) {
                throw new ValidationException("design", "cannot be read: " + e.getOriginalMessage());
            }
            type = agree("type", type, envelope.hasNonNull("type") ? envelope.get("type").asText() : null);
            limitText = agree("limit", limitText, envelope.hasNonNull("limit") ? envelope.get("limit").asText() : null);
        }
        int limit = limit(limitText);
        ReportDesign design;
        try {
            design = ReportDesignReader.read("design", text, type);
        } catch (DefinitionException e) {
            String field = e.field() == null || e.field().isEmpty() ? "design" : e.field();
            throw new ValidationException(e.getMessage(), Map.of(field, e.reason() + (e.line() > 0 ? " (line " + e.line() + ")" : "")));
        }
        ReportRunner.Preview p;
        try {
            p = runner.preview(design, current.get(), limit);
        } catch (ReportAccessException e) {
            throw new ForbiddenException(e.getMessage());
        }
        return answer(p, limit);
    }

    private Map<String, Object> answer(ReportRunner.Preview p, int limit) {
        ReportQuery q = p.prepared().query();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", Map.of("id", p.prepared().type().id(), "name", p.prepared().type().name(p.prepared().context().language())));
        out.put("name", p.prepared().design().name());
        out.put("listing", q.listing());
        if (q.period() != null) {
            out.put("period", Map.of("from", q.period().first().toString(), "to", q.period().last().toString(), "zone", q.period().zone().getId()));
        }
        out.put("filters", p.prepared().filterLines());
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ReportColumn c : p.columns()) {
            columns.add(column(c));
        }
        out.put("columns", columns);
        out.put("rows", p.rows());
        out.put("rowCount", p.rowCount());
        out.put("limit", limit);
        out.put("truncated", p.truncated());
        out.put("summary", p.summary());
        if (q.chartKind() != null) {
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("kind", q.chartKind());
            chart.put("category", column(q.chartCategoryColumn()));
            chart.put("categories", p.chartCategories());
            List<Map<String, Object>> series = new ArrayList<>();
            for (int i = 0; i < q.chartSeries().size(); i++) {
                ReportQuery.Series s = q.chartSeries().get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("column", s.column());
                m.put("label", s.label());
                m.put("colour", s.colour());
                m.put("values", p.chartValues().get(i));
                series.add(m);
            }
            chart.put("series", series);
            out.put("chart", chart);
        }
        List<Map<String, Object>> missing = new ArrayList<>();
        for (ReportQuery.Missing m : q.missing()) {
            missing.add(Map.of("column", m.column(), "label", m.label(), "gap", m.gap(), "reason", m.reason()));
        }
        out.put("missing", missing);
        List<Map<String, Object>> sites = new ArrayList<>();
        for (SiteFreshness s : p.sites()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("site", s.site());
            m.put("loadedUpTo", s.loadedUpTo() == null ? null : s.loadedUpTo().toString());
            sites.add(m);
        }
        out.put("sites", sites);
        return out;
    }

    private static Map<String, Object> column(ReportColumn c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("label", c.label());
        m.put("type", c.type().id());
        m.put("alignment", c.alignment().name().toLowerCase(java.util.Locale.ROOT));
        m.put("widthPercent", c.widthPercent());
        m.put("summary", c.summary().id());
        return m;
    }

    /** The JSON object around a design, when the body is one ({@code {"design": ...}}); null when the body is the design. */
    private JsonNode envelope(String body) {
        String s = body.strip();
        if (!s.startsWith("{")) {
            return null;
        }
        try {
            JsonNode n = json.readTree(s);
            return n != null && n.isObject() && n.has("design") ? n : null;
        } catch (JsonProcessingException e) {
            return null; // YAML in braces, or broken JSON: the design reader says what is wrong
        }
    }

    private static String agree(String field, String fromQuery, String fromBody) {
        if (fromQuery != null && fromBody != null && !fromQuery.equals(fromBody)) {
            throw new ValidationException(field, "given twice, as " + fromQuery + " and " + fromBody);
        }
        return fromQuery != null ? fromQuery : fromBody;
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ValidationException("limit", "is a number of rows between 1 and " + MAX_LIMIT + ", not \"" + text + "\"");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
