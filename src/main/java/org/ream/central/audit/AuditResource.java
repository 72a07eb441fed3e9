package org.ream.central.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.ZonedDateTime;
import java.util.List;
import org.ream.central.export.Column;
import org.ream.central.export.ExportFileName;
import org.ream.central.export.ExportGate;
import org.ream.central.export.ExportOptions;
import org.ream.central.export.TabularFormat;
import org.ream.central.export.TabularWriter;
import org.ream.central.logging.InvalidFilterException;
import org.ream.central.logging.SystemLog;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/** The audit log (manual 5.6): who changed what and when, for administrators. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.ADMINISTRATOR)
public class AuditResource {

    public static final int MAX_EXPORT_ROWS = 1_000_000;

    @Inject
    AuditQueries queries;

    @Inject
    SettingsStore settings;

    @Inject
    CurrentUser current;

    @Inject
    SystemLog systemLog;

    @GET
    public AuditPage list(@QueryParam("period") String period, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("user") String user, @QueryParam("userId") Long userId, @QueryParam("eventType") String eventType,
            @QueryParam("subsystem") String subsystem, @QueryParam("text") String text, @QueryParam("beforeId") Long beforeId,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        AuditFilter filter = filter(period, from, to, user, userId, eventType, subsystem, text);
        if (limit < 1 || limit > AuditQueries.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + AuditQueries.MAX_LIMIT);
        }
        return queries.list(filter, beforeId, limit, settings.timeZone().getId());
    }

    @GET
    @Path("/{id: \\d+}")
    public AuditDetail get(@PathParam("id") long id) {
        return queries.get(id).orElseThrow(() -> new NotFoundException("No audit entry " + id));
    }

    @GET
    @Path("/event-types")
    public List<String> eventTypes() {
        return queries.eventTypes();
    }

    @GET
    @Path("/subsystems")
    public List<String> subsystems() {
        return queries.subsystems();
    }

    /** Tools, Export: the filtered audit log, newest first, streamed. */
    @GET
    @Path("/export")
    @Produces(MediaType.WILDCARD)
    public Response export(@QueryParam("format") String format, @QueryParam("period") String period, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("user") String user, @QueryParam("userId") Long userId,
            @QueryParam("eventType") String eventType, @QueryParam("subsystem") String subsystem, @QueryParam("text") String text) {
        TabularFormat fmt;
        try {
            fmt = TabularFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("format", e.getMessage().substring("format: ".length()));
        }
        AuditFilter filter = filter(period, from, to, user, userId, eventType, subsystem, text);
        ZonedDateTime now = ZonedDateTime.now(settings.timeZone());
        ExportOptions options = ExportOptions.of(settings.get("general.csvDelimiter"), now.getZone(), "Audit log");
        List<Column> columns = List.of(Column.dateTime("Time (" + now.getZone().getId() + ")"), Column.text("Description", 50),
                Column.text("Context", 24), Column.text("User", 28), Column.text("Subsystem", 14), Column.text("Event type", 22),
                Column.text("Details", 60));
        String by = current.get().username();
        StreamingOutput body = out -> ExportGate.SHARED.run(() -> {
            TabularWriter w = TabularWriter.open(fmt, out, columns, options);
            try {
                boolean more = queries.stream(filter, MAX_EXPORT_ROWS,
                        d -> w.row(d.at(), d.description(), d.context(), d.user(), d.subsystem(), d.eventType(), d.details()));
                if (more) {
                    w.row(null, "Export stopped after " + MAX_EXPORT_ROWS + " rows: choose a shorter period or more filters.");
                }
            } catch (org.ream.central.persistence.Jdbc.SinkFailed e) {
                systemLog.notice("WebUI", "Audit log export", "Audit log export for '" + by + "' broken off after " + w.rows()
                        + " rows (download closed?): " + e.getMessage());
                throw new java.io.IOException(e.getMessage(), e);
            } catch (RuntimeException e) {
                systemLog.error("WebUI", "Audit log export", "Audit log export for '" + by + "' failed after " + w.rows() + " rows: " + e.getMessage(), null);
                throw new java.io.IOException(e.getMessage(), e);
            }
            w.finish();
        });
        return Response.ok(body, fmt.contentType).header("Content-Disposition", ExportFileName.attachment(ExportFileName.of("audit_log", now, fmt)))
                .build();
    }

    private AuditFilter filter(String period, String from, String to, String user, Long userId, String eventType, String subsystem, String text) {
        try {
            return AuditFilter.parse(period, from, to, user, userId, eventType, subsystem, text, ZonedDateTime.now(settings.timeZone()));
        } catch (InvalidFilterException e) {
            throw new ValidationException(e.field(), e.reason());
        }
    }
}
