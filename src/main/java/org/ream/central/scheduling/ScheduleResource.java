package org.ream.central.scheduling;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.settings.ValidationException;

/** The task scheduler (6.3): schedules, their runs, and "Run". */
@Path("/api/schedules")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.MANAGE_SETTINGS)
public class ScheduleResource {

    static final int UPCOMING = 3;
    static final int MAX_RUNS_PAGE = 500;

    @Inject
    ScheduleStore store;

    @Inject
    SchedulerDispatch dispatch;

    @Inject
    TaskRegistry tasks;

    @Inject
    CurrentUser current;

    @GET
    public List<Map<String, Object>> list() {
        Map<Long, ScheduleRun> running = store.unfinishedRuns();
        List<Map<String, Object>> out = new ArrayList<>();
        List<Schedule> schedules = new ArrayList<>(store.list());
        // Built-ins first, in the manual's order, then the others as they were added.
        schedules.sort(Comparator.comparingInt(ScheduleResource::builtInRank).thenComparingLong(Schedule::id));
        for (Schedule s : schedules) {
            out.add(summary(s, running.get(s.id())));
        }
        return out;
    }

    /** Task types, for the "Add" menu (addable ones) and the action column. */
    @GET
    @Path("/tasks")
    public List<Map<String, Object>> taskTypes() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ScheduledTask t : tasks.all()) {
            out.add(Map.of("key", t.key(), "label", t.label(), "addable", t.addable(), "available", !t.placeholder()));
        }
        return out;
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") long id) {
        return detail(store.get(id));
    }

    @POST
    public Response create(ScheduleInput input) {
        Schedule s = store.create(input, current.actor());
        return Response.status(Response.Status.CREATED).entity(detail(s)).build();
    }

    @PUT
    @Path("/{id}")
    public Map<String, Object> update(@PathParam("id") long id, ScheduleInput input) {
        return detail(store.update(id, input, current.actor()));
    }

    @POST
    @Path("/{id}/enable")
    public Map<String, Object> enable(@PathParam("id") long id) {
        return detail(store.setEnabled(id, true, current.actor()));
    }

    @POST
    @Path("/{id}/disable")
    public Map<String, Object> disable(@PathParam("id") long id) {
        return detail(store.setEnabled(id, false, current.actor()));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        store.delete(id, current.actor());
        return Response.noContent().build();
    }

    /** "Run": 202 with the queued run, or 200 with the run already queued or running. */
    @POST
    @Path("/{id}/run")
    public Response run(@PathParam("id") long id) {
        SchedulerDispatch.RunRequest r = dispatch.runNow(id, current.actor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", r.runId());
        body.put("status", r.status());
        body.put("alreadyQueued", r.alreadyQueued());
        return Response.status(r.alreadyQueued() ? Response.Status.OK : Response.Status.ACCEPTED).entity(body).build();
    }

    /** Run history, newest first. */
    @GET
    @Path("/{id}/runs")
    public List<Map<String, Object>> runs(@PathParam("id") long id, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (offset < 0) {
            throw new ValidationException("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_RUNS_PAGE) {
            throw new ValidationException("limit", "must be 1 to " + MAX_RUNS_PAGE);
        }
        return store.runs(id, offset, limit).stream().map(ScheduleResource::run).toList();
    }

    @GET
    @Path("/{id}/runs/{runId}")
    public Map<String, Object> oneRun(@PathParam("id") long id, @PathParam("runId") long runId) {
        return store.run(runId).filter(r -> r.scheduleId() == id).map(ScheduleResource::run)
                .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("Schedule " + id + " has no run " + runId));
    }

    private static int builtInRank(Schedule s) {
        if (s.builtin()) {
            for (int i = 0; i < BuiltInSchedules.ALL.size(); i++) {
                if (BuiltInSchedules.ALL.get(i).task().equals(s.task())) {
                    return i;
                }
            }
        }
        return BuiltInSchedules.ALL.size();
    }

    private Map<String, Object> summary(Schedule s, ScheduleRun open) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("task", s.task());
        m.put("taskLabel", tasks.label(s.task()));
        m.put("name", s.name());
        m.put("enabled", s.enabled());
        m.put("builtin", s.builtin());
        m.put("repetition", s.timing().repetition().name());
        m.put("repetitionLabel", s.timing().repetition().label());
        m.put("schedule", s.timing().toString());
        m.put("lastRunAt", s.lastRunAt());
        m.put("lastStatus", s.lastStatus());
        m.put("lastMessage", s.lastMessage());
        m.put("nextRunAt", s.enabled() ? s.nextRunAt() : null);
        m.put("currentRun", open == null ? null : run(open));
        return m;
    }

    private Map<String, Object> detail(Schedule s) {
        ScheduleRun open = store.unfinishedRuns().get(s.id());
        Map<String, Object> m = summary(s, open);
        ScheduleTiming t = s.timing();
        m.put("description", s.description());
        m.put("interval", t.interval());
        m.put("weekdays", t.weekdays().stream().map(Enum::name).toList());
        m.put("dayOfMonth", t.dayOfMonth() == 0 ? null : t.dayOfMonth());
        m.put("hours", HoursOfRun.format(t.hours()));
        m.put("anchorDate", t.anchorDate() == null ? null : t.anchorDate().toString());
        m.put("notifyTo", s.notifyTo());
        m.put("notifyOnlyProblems", s.notifyOnlyProblems());
        m.put("taskConfig", store.config(s.taskConfig()));
        m.put("timeZone", store.zone().getId());
        m.put("upcoming", store.upcoming(s, UPCOMING));
        m.put("createdAt", s.createdAt());
        return m;
    }

    static Map<String, Object> run(ScheduleRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("scheduleId", r.scheduleId());
        m.put("triggeredBy", r.triggeredBy());
        m.put("status", r.status());
        m.put("startedAt", r.startedAt());
        m.put("finishedAt", r.finishedAt());
        m.put("message", r.message());
        return m;
    }
}
