package org.ream.central.logging;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.ream.central.export.Column;
import org.ream.central.export.ExportFileName;
import org.ream.central.export.ExportGate;
import org.ream.central.export.ExportOptions;
import org.ream.central.export.TabularFormat;
import org.ream.central.export.TabularWriter;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/**
 * The log view (manual 5.5): filtered pages, the live view, details, per-user highlighting
 * and the Excel / CSV export.
 */
@Path("/api/log")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.VIEW_LOG)
public class LogResource {

    /** Exports stop here (an XLSX sheet holds 1,048,575 data rows). */
    public static final int MAX_EXPORT_ROWS = 1_000_000;

    @Inject
    LogQueries queries;

    @Inject
    SettingsStore settings;

    @Inject
    CurrentUser current;

    @Inject
    SystemLog systemLog;

    @GET
    public LogPage list(@QueryParam("period") String period, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("types") String types, @QueryParam("subsystems") String subsystems, @QueryParam("context") String context,
            @QueryParam("text") String text, @QueryParam("afterId") Long afterId, @QueryParam("beforeId") Long beforeId,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        LogFilter filter = filter(period, from, to, types, subsystems, context, text);
        if (afterId != null && beforeId != null) {
            throw new ValidationException("afterId", "give either afterId or beforeId, not both");
        }
        if (limit < 1 || limit > LogQueries.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + LogQueries.MAX_LIMIT);
        }
        return queries.list(filter, afterId, beforeId, limit, current.get().userId(), settings.timeZone().getId());
    }

    @GET
    @Path("/{id: \\d+}")
    public LogDetail get(@PathParam("id") long id) {
        return queries.get(id, current.get().userId()).orElseThrow(() -> new NotFoundException("No log entry " + id));
    }

    @GET
    @Path("/subsystems")
    public List<String> subsystems() {
        return queries.subsystems();
    }

    /** Shift+Space in the log view: highlighted for the current user only. */
    @PUT
    @Path("/{id: \\d+}/highlight")
    public Map<String, Object> highlight(@PathParam("id") long id) {
        if (!queries.exists(id)) {
            throw new NotFoundException("No log entry " + id);
        }
        queries.highlight(current.get().userId(), id);
        return Map.of("id", id, "highlighted", true);
    }

    @DELETE
    @Path("/{id: \\d+}/highlight")
    public Map<String, Object> unhighlight(@PathParam("id") long id) {
        queries.unhighlight(current.get().userId(), id);
        return Map.of("id", id, "highlighted", false);
    }

    /** Tools, Remove highlighting. */
    @DELETE
    @Path("/highlights")
    public Map<String, Object> clearHighlights() {
        return Map.of("removed", queries.clearHighlights(current.get().userId()));
    }

    /** Tools, Save as Excel / Save as CSV: the whole filtered log, newest first, streamed. */
    @GET
    @Path("/export")
    @Produces(MediaType.WILDCARD)
    public Response export(@QueryParam("format") String format, @QueryParam("period") String period, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("types") String types, @QueryParam("subsystems") String subsystems,
            @QueryParam("context") String context, @QueryParam("text") String text) {
        TabularFormat fmt = format(format);
        LogFilter filter = filter(period, from, to, types, subsystems, context, text);
        ZonedDateTime now = ZonedDateTime.now(settings.timeZone());
        ExportOptions options = ExportOptions.of(settings.get("general.csvDelimiter"), now.getZone(), "Log");
        List<Column> columns = List.of(Column.dateTime("Time (" + now.getZone().getId() + ")"), Column.text("Type", 10), Column.text("Subsystem", 14),
                Column.text("Context", 28), Column.text("Text", 90), Column.text("Details", 40));
        String user = current.get().username();
        StreamingOutput body = out -> ExportGate.SHARED.run(() -> {
            TabularWriter w = TabularWriter.open(fmt, out, columns, options);
            try {
                boolean more = queries.stream(filter, MAX_EXPORT_ROWS, e -> w.row(e.at(), e.severity().label(), e.subsystem(), e.context(), e.message(), e.details()));
                if (more) {
                    w.row(null, null, null, null, "Export stopped after " + MAX_EXPORT_ROWS + " rows: choose a shorter period or more filters.");
                }
            } catch (org.ream.central.persistence.Jdbc.SinkFailed e) {
                systemLog.notice("WebUI", "Log export", "Log export for '" + user + "' broken off after " + w.rows() + " rows (download closed?): " + e.getMessage());
                throw new java.io.IOException(e.getMessage(), e);
            } catch (RuntimeException e) {
                systemLog.error("WebUI", "Log export", "Log export for '" + user + "' failed after " + w.rows() + " rows: " + e.getMessage(), null);
                throw new java.io.IOException(e.getMessage(), e);
            }
            w.finish();
        });
        String name = ExportFileName.of("log", now, fmt);
        return Response.ok(body, fmt.contentType).header("Content-Disposition", ExportFileName.attachment(name)).build();
    }

    static TabularFormat format(String format) {
        try {
            return TabularFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("format", e.getMessage().substring("format: ".length()));
        }
    }

    private LogFilter filter(String period, String from, String to, String types, String subsystems, String context, String text) {
        try {
            return LogFilter.parse(period, from, to, types, subsystems, context, text, ZonedDateTime.now(settings.timeZone()));
        } catch (InvalidFilterException e) {
            throw new ValidationException(e.field(), e.reason());
        }
    }
}
