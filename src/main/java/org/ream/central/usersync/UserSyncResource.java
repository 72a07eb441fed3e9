package org.ream.central.usersync;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;

/**
 * User synchronisation (8.7): the sources and their settings, "synchronise now" (also as a dry
 * run), the runs with live progress and their result logs. Settings hold directory
 * credentials: managing settings is the right it takes.
 */
@Path("/api/user-sync")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.MANAGE_SETTINGS)
public class UserSyncResource {

    static final int MAX_RUNS = 200;

    public record SourceInput(String kind, String name, Boolean enabled, Map<String, Object> config) {
    }

    /** Sources to run (all enabled ones when empty), a dry run, a full read instead of a delta. */
    public record RunRequest(List<Long> sources, Boolean dryRun, Boolean full) {
    }

    @Inject
    SyncSources sources;

    @Inject
    SyncRuns runs;

    @Inject
    CurrentUser current;

    @GET
    @Path("/sources")
    public List<Map<String, Object>> list() {
        return sources.list().stream().map(sources::view).toList();
    }

    @GET
    @Path("/sources/{id}")
    public Map<String, Object> get(@PathParam("id") long id) {
        return sources.view(sources.get(id));
    }

    @POST
    @Path("/sources")
    public Response create(SourceInput in) {
        SourceInput body = in == null ? new SourceInput(null, null, null, null) : in;
        SyncSources.Source s = sources.create(body.kind(), body.name(), body.enabled(), body.config(), current.actor());
        return Response.status(Response.Status.CREATED).entity(sources.view(s)).build();
    }

    @PUT
    @Path("/sources/{id}")
    public Map<String, Object> update(@PathParam("id") long id, SourceInput in) {
        SourceInput body = in == null ? new SourceInput(null, null, null, null) : in;
        return sources.view(sources.update(id, body.name(), body.enabled(), body.config(), current.actor()));
    }

    @DELETE
    @Path("/sources/{id}")
    public Response delete(@PathParam("id") long id) {
        sources.delete(id, current.actor());
        return Response.noContent().build();
    }

    @POST
    @Path("/runs")
    public Response run(RunRequest in) {
        RunRequest body = in == null ? new RunRequest(null, null, null) : in;
        SyncRun run = runs.queue(body.sources(), Boolean.TRUE.equals(body.dryRun()), body.full() == null || body.full(), current.actor());
        return Response.status(Response.Status.ACCEPTED).entity(view(run)).build();
    }

    @GET
    @Path("/runs")
    public List<Map<String, Object>> runs(@QueryParam("limit") @DefaultValue("50") int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SyncRun r : runs.recent(Math.max(1, Math.min(limit, MAX_RUNS)))) {
            out.add(view(r));
        }
        return out;
    }

    @GET
    @Path("/runs/{id}")
    public Map<String, Object> runDetail(@PathParam("id") long id) {
        return view(runs.get(id));
    }

    /** The run's result log (the manual's SYNC output), as text; ?download=1 to save it. */
    @GET
    @Path("/runs/{id}/log")
    @Produces("text/plain; charset=UTF-8")
    public Response log(@PathParam("id") long id, @QueryParam("download") @DefaultValue("false") boolean download) {
        SyncRun run = runs.get(id);
        java.nio.file.Path file = runs.resultFile(run).orElseThrow(() -> new jakarta.ws.rs.NotFoundException(
                run.finished() ? "Run " + id + " has no result log" : "Run " + id + " is not finished yet"));
        Response.ResponseBuilder r = Response.ok(file.toFile(), "text/plain; charset=UTF-8");
        if (download) {
            r.header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        }
        return r.build();
    }

    public record MailRequest(List<String> to) {
    }

    /** Mails a finished run's result log (as the text of the mail; a long one is cut, with a pointer to the download). */
    @POST
    @Path("/runs/{id}/mail")
    public Response mail(@PathParam("id") long id, MailRequest in) throws java.io.IOException {
        List<String> to = in == null || in.to() == null ? List.of() : in.to().stream().map(String::strip).filter(x -> !x.isEmpty()).toList();
        if (to.isEmpty() || to.size() > 20 || to.stream().anyMatch(a -> !a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw new org.ream.central.settings.ValidationException("to", "one to twenty email addresses");
        }
        SyncRun run = runs.get(id);
        java.nio.file.Path file = runs.resultFile(run).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("Run " + id + " has no result log"));
        String text = java.nio.file.Files.readString(file);
        if (text.length() > MAIL_MAX_CHARS) {
            text = text.substring(0, MAIL_MAX_CHARS) + "\n... (cut: download the whole log from Settings > User synchronization)";
        }
        String subject = "User synchronisation run " + id + ": " + run.status();
        mailQueue.send(new org.ream.central.mail.Mail(to, subject, "generic", Map.of("title", subject, "text", text)));
        return Response.accepted().build();
    }

    static final int MAIL_MAX_CHARS = 200_000;

    @Inject
    org.ream.central.mail.MailQueue mailQueue;

    private Map<String, Object> view(SyncRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("sources", r.sources());
        m.put("dryRun", r.dryRun());
        m.put("full", r.fullRun());
        m.put("status", r.status());
        m.put("phase", r.phase());
        m.put("done", r.done());
        m.put("total", r.total());
        m.put("added", r.added());
        m.put("updated", r.updated());
        m.put("deactivated", r.deactivated());
        m.put("unchanged", r.unchanged());
        m.put("failed", r.failed());
        m.put("startedAt", r.startedAt());
        m.put("finishedAt", r.finishedAt());
        m.put("summary", r.summary());
        m.put("triggeredBy", r.triggeredBy());
        m.put("hasLog", r.resultFile() != null);
        return m;
    }
}
