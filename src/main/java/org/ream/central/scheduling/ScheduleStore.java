package org.ream.central.scheduling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.ream.central.audit.AuditLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/**
 * The schedules of the task scheduler (6.3): validation, storage with the audit entry in the
 * same transaction, and the next run, kept in NEXT_RUN_AT as UTC and computed in the general
 * time-zone setting.
 */
@ApplicationScoped
public class ScheduleStore {

    public static final String SUBSYSTEM = "Scheduler";
    private static final Logger LOG = Logger.getLogger(ScheduleStore.class);
    private static final TypeReference<Map<String, Object>> CONFIG = new TypeReference<>() {
    };

    /** A built-in schedule of the manual's task scheduler list. */
    public record BuiltIn(String task, String name, String description, ScheduleTiming timing, boolean enabled) {
    }

    /** What is stored once a panel has been checked. */
    record Fields(String name, String description, boolean enabled, ScheduleTiming timing, List<String> notifyTo,
            boolean notifyOnlyProblems, String taskConfig) {

        Map<String, String> describe() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("description", description == null ? "" : description);
            out.put("enabled", Boolean.toString(enabled));
            out.put("schedule", timing.toString());
            out.put("notifyTo", notifyTo.isEmpty() ? "" : String.join(", ", notifyTo));
            out.put("notifyOnlyProblems", Boolean.toString(notifyOnlyProblems));
            out.put("taskConfig", taskConfig == null ? "" : taskConfig);
            return out;
        }
    }

    @Inject
    Databases databases;

    @Inject
    AuditLog audit;

    @Inject
    SettingsStore settings;

    @Inject
    TaskRegistry tasks;

    @Inject
    ObjectMapper json;

    public List<Schedule> list() {
        return databases.mainJdbc().query("SELECT " + Schedule.COLUMNS + " FROM SCHEDULES ORDER BY ID", Schedule::map);
    }

    public Optional<Schedule> find(long id) {
        return databases.mainJdbc().one("SELECT " + Schedule.COLUMNS + " FROM SCHEDULES WHERE ID = ?", Schedule::map, id);
    }

    public Schedule get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("There is no schedule with id " + id));
    }

    /** The queued or running run of each schedule that has one. */
    public Map<Long, ScheduleRun> unfinishedRuns() {
        Map<Long, ScheduleRun> out = new LinkedHashMap<>();
        databases.mainJdbc().query("SELECT " + ScheduleRun.COLUMNS + " FROM SCHEDULE_RUNS WHERE STATUS IN (?, ?) ORDER BY STARTED_AT",
                ScheduleRun::map, ScheduleRun.QUEUED, ScheduleRun.RUNNING).forEach(r -> out.putIfAbsent(r.scheduleId(), r));
        return out;
    }

    public List<ScheduleRun> runs(long scheduleId, int offset, int limit) {
        get(scheduleId);
        return databases.mainJdbc().query("SELECT " + ScheduleRun.COLUMNS + " FROM SCHEDULE_RUNS WHERE SCHEDULE_ID = ?"
                + " ORDER BY STARTED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ScheduleRun::map, scheduleId, offset, limit);
    }

    public Optional<ScheduleRun> run(long runId) {
        return databases.mainJdbc().one("SELECT " + ScheduleRun.COLUMNS + " FROM SCHEDULE_RUNS WHERE ID = ?", ScheduleRun::map, runId);
    }

    public ZoneId zone() {
        return settings.timeZone();
    }

    /** The first run after {@code from}, as stored in NEXT_RUN_AT. */
    public Instant nextRunAfter(ScheduleTiming timing, Instant from) {
        ZoneId zone = zone();
        return NextRun.after(timing, ZonedDateTime.ofInstant(from, zone), zone).toInstant();
    }

    public List<Instant> upcoming(Schedule s, int count) {
        if (!s.enabled() || s.nextRunAt() == null) {
            return List.of();
        }
        ZoneId zone = zone();
        List<Instant> out = new ArrayList<>();
        out.add(s.nextRunAt());
        NextRun.upcoming(s.timing(), ZonedDateTime.ofInstant(s.nextRunAt(), zone), zone, count - 1).forEach(z -> out.add(z.toInstant()));
        return out;
    }

    public Schedule create(ScheduleInput in, Actor actor) {
        if (in == null) {
            throw new ValidationException("body", "expected a JSON object describing the schedule");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ScheduledTask task = null;
        if (in.task() == null || in.task().isBlank()) {
            errors.put("task", "Task: choose what the schedule runs");
        } else {
            task = tasks.find(in.task().strip()).orElse(null);
            if (task == null) {
                errors.put("task", "Task: '" + in.task().strip() + "' is not a task type of this server");
            } else if (!task.addable()) {
                errors.put("task", "Task: " + task.label() + " schedules cannot be added; edit the built-in one instead");
            }
        }
        Fields f = check(in, null, task, errors);
        ScheduledTask chosen = task;
        long id = databases.newId();
        Instant now = Instant.now();
        Instant next = f.enabled() ? nextRunAfter(f.timing(), now) : null;
        databases.mainJdbc().inTransaction(c -> {
            insert(c, id, chosen.key(), f, false, next, now);
            audit.record(c, actor, SUBSYSTEM, "SCHEDULE_CREATED", "Task schedule " + f.name() + " was created.", f.name(),
                    details(Map.of(), Map.of("task", chosen.key()), f.describe()));
            return null;
        });
        return get(id);
    }

    public Schedule update(long id, ScheduleInput in, Actor actor) {
        if (in == null) {
            throw new ValidationException("body", "expected a JSON object describing the schedule");
        }
        Schedule current = get(id);
        Map<String, String> errors = new LinkedHashMap<>();
        if (in.task() != null && !in.task().strip().equals(current.task())) {
            errors.put("task", "Task: a schedule keeps its task; add a new schedule for another task");
        }
        ScheduledTask task = tasks.find(current.task()).orElse(null);
        Fields before = fieldsOf(current);
        Fields f = check(in, current, task, errors);
        Map<String, String> oldValues = before.describe();
        Map<String, String> newValues = f.describe();
        if (oldValues.equals(newValues)) {
            return current;
        }
        boolean timingKept = f.timing().equals(current.timing()) && f.enabled() && current.enabled() && current.nextRunAt() != null;
        Instant next = f.enabled() ? nextRunAfter(f.timing(), Instant.now()) : null;
        databases.mainJdbc().inTransaction(c -> {
            List<Object> params = new ArrayList<>(Arrays.asList(f.name(), nullable(f.description()), f.enabled(), f.timing().repetition(),
                    f.timing().interval(), Schedule.weekdaysText(f.timing().weekdays()), monthDay(f.timing()), f.timing().anchorDate(),
                    nullable(HoursOfRun.format(f.timing().hours())), NotifyRecipients.join(f.notifyTo()), f.notifyOnlyProblems(), f.taskConfig()));
            // A tick may have moved NEXT_RUN_AT since we read it: leave it alone unless the timing changed.
            String nextSql = timingKept ? "" : ", NEXT_RUN_AT = ?";
            if (!timingKept) {
                params.add(next);
            }
            params.add(id);
            Jdbc.update(c, "UPDATE SCHEDULES SET NAME = ?, DESCRIPTION = ?, ENABLED = ?, REPETITION = ?, REP_INTERVAL = ?, WEEKDAYS = ?,"
                    + " MONTH_DAY = ?, ANCHOR_DATE = ?, HOURS_OF_RUN = ?, NOTIFY_TO = ?, NOTIFY_ONLY_PROBLEMS = ?, TASK_CONFIG = ?" + nextSql
                    + " WHERE ID = ?", params.toArray());
            audit.record(c, actor, SUBSYSTEM, "SCHEDULE_CHANGED", "Task schedule " + f.name() + " was edited.", f.name(),
                    details(oldValues, Map.of(), newValues));
            return null;
        });
        return get(id);
    }

    public Schedule setEnabled(long id, boolean enabled, Actor actor) {
        Schedule current = get(id);
        if (current.enabled() == enabled) {
            return current;
        }
        Instant next = enabled ? nextRunAfter(current.timing(), Instant.now()) : null;
        databases.mainJdbc().inTransaction(c -> {
            Jdbc.update(c, "UPDATE SCHEDULES SET ENABLED = ?, NEXT_RUN_AT = ? WHERE ID = ?", enabled, next, id);
            audit.record(c, actor, SUBSYSTEM, enabled ? "SCHEDULE_ENABLED" : "SCHEDULE_DISABLED",
                    "Task schedule " + current.name() + " was " + (enabled ? "enabled." : "disabled."), current.name(),
                    "enabled: '" + !enabled + "' -> '" + enabled + "'");
            return null;
        });
        return get(id);
    }

    public void delete(long id, Actor actor) {
        Schedule current = get(id);
        if (current.builtin()) {
            throw new ClientErrorException(current.name() + " is a built-in schedule: it can be disabled, not deleted.", Response.Status.CONFLICT);
        }
        databases.mainJdbc().inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM SCHEDULE_RUNS WHERE SCHEDULE_ID = ?", id);
            Jdbc.update(c, "DELETE FROM SCHEDULES WHERE ID = ?", id);
            audit.record(c, actor, SUBSYSTEM, "SCHEDULE_DELETED", "Task schedule " + current.name() + " was deleted.", current.name(),
                    details(fieldsOf(current).describe(), Map.of("task", current.task()), Map.of()));
            return null;
        });
    }

    /**
     * Adds a built-in schedule unless one for its task exists: a schedule an administrator edited
     * keeps its timing, name and state across restarts.
     */
    public boolean registerBuiltIn(BuiltIn b) {
        return databases.mainJdbc().inTransaction(c -> {
            long found = Jdbc.query(c, "SELECT COUNT(*) FROM SCHEDULES WHERE BUILTIN = ? AND TASK = ?", rs -> rs.getLong(1), true, b.task()).get(0);
            if (found > 0) {
                return false;
            }
            Fields f = new Fields(b.name(), b.description(), b.enabled(), b.timing(), List.of(), false, null);
            Instant now = Instant.now();
            insert(c, databases.newId(), b.task(), f, true, b.enabled() ? nextRunAfter(b.timing(), now) : null, now);
            audit.record(c, Actor.SYSTEM, SUBSYSTEM, "SCHEDULE_CREATED", "Task schedule " + b.name() + " was created.", b.name(),
                    details(Map.of(), Map.of("task", b.task(), "builtin", "true"), f.describe()));
            return true;
        });
    }

    /**
     * Enabled schedules without a next run get one (a schedule written by an older version or
     * whose time zone changed); with {@code all}, every enabled schedule is recomputed from now.
     */
    public int recomputeNextRuns(boolean all) {
        int n = 0;
        Instant now = Instant.now();
        for (Schedule s : list()) {
            if (!s.enabled() || (!all && s.nextRunAt() != null)) {
                continue;
            }
            Instant next = nextRunAfter(s.timing(), now);
            n += databases.mainJdbc().update("UPDATE SCHEDULES SET NEXT_RUN_AT = ? WHERE ID = ? AND ENABLED = ?", next, s.id(), true);
        }
        return n;
    }

    /** Hours of run are wall-clock times of the general time zone: when it changes, they mean other instants. */
    void onSettingsChanged(@Observes SettingsStore.Changed changed) {
        if (changed.keys().contains("general.timeZone")) {
            try {
                recomputeNextRuns(true);
            } catch (RuntimeException e) {
                LOG.warn("Could not recompute the next runs after the time zone changed; they are recomputed after each run", e);
            }
        }
    }

    Fields fieldsOf(Schedule s) {
        return new Fields(s.name(), s.description(), s.enabled(), s.timing(), s.notifyTo(), s.notifyOnlyProblems(), s.taskConfig());
    }

    public Map<String, Object> config(String taskConfig) {
        if (taskConfig == null || taskConfig.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> m = json.readValue(taskConfig, CONFIG);
            return m == null ? Map.of() : m;
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable task settings %s: %s", taskConfig, e.getMessage());
            return Map.of();
        }
    }

    private Fields check(ScheduleInput in, Schedule current, ScheduledTask task, Map<String, String> errors) {
        String name = in.name() != null ? in.name().strip() : current == null ? null : current.name();
        if (name == null || name.isEmpty()) {
            errors.put("name", "Name: required");
        } else if (name.length() > 255) {
            errors.put("name", "Name: at most 255 characters");
        }
        String description = in.description() != null ? in.description().strip() : current == null ? null : current.description();
        if (description != null && description.length() > 1000) {
            errors.put("description", "Description: at most 1000 characters");
        }
        boolean enabled = in.enabled() != null ? in.enabled() : current == null || current.enabled();

        ScheduleTiming timing = current == null ? null : current.timing();
        if (current == null || in.hasTiming()) {
            timing = timing(in, current, errors);
        }

        List<String> notifyTo = in.notifyTo() != null ? NotifyRecipients.normalise(in.notifyTo()) : current == null ? List.of() : current.notifyTo();
        List<String> unknown = new ArrayList<>();
        for (String entry : notifyTo) {
            if (NotifyRecipients.looksLikeAddress(entry) ? !NotifyRecipients.isAddress(entry) : !userExists(entry)) {
                unknown.add(entry);
            }
        }
        if (!unknown.isEmpty()) {
            errors.put("notifyTo", NotifyRecipients.LABEL + ": " + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
                    + " neither an e-mail address nor a user");
        } else if (Objects.requireNonNullElse(NotifyRecipients.join(notifyTo), "").length() > 2000) {
            errors.put("notifyTo", NotifyRecipients.LABEL + ": too many recipients (at most 2000 characters)");
        }
        boolean onlyProblems = in.notifyOnlyProblems() != null ? in.notifyOnlyProblems() : current != null && current.notifyOnlyProblems();

        String config = current == null ? null : current.taskConfig();
        if (in.taskConfig() != null && task != null) {
            try {
                Map<String, Object> checked = task.checkConfig(in.taskConfig());
                config = checked == null || checked.isEmpty() ? null : json.writeValueAsString(checked);
            } catch (ValidationException e) {
                errors.putAll(e.fields());
            } catch (JsonProcessingException e) {
                errors.put("taskConfig", "Task settings: " + e.getOriginalMessage());
            }
        }

        if (!errors.isEmpty()) {
            String message = errors.size() == 1 ? errors.values().iterator().next()
                    : "Schedule not saved: " + errors.size() + " fields need attention";
            throw new ValidationException(message, errors);
        }
        return new Fields(name, description == null || description.isEmpty() ? null : description, enabled, timing, notifyTo, onlyProblems, config);
    }

    private ScheduleTiming timing(ScheduleInput in, Schedule current, Map<String, String> errors) {
        int before = errors.size();
        Repetition repetition = current == null ? null : current.timing().repetition();
        if (in.repetition() != null) {
            repetition = repetition(in.repetition());
            if (repetition == null) {
                errors.put("repetition", "Repetition: '" + in.repetition() + "' is not one of " + Arrays.toString(Repetition.values()));
            }
        }
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        if (in.weekdays() != null) {
            for (String day : in.weekdays()) {
                try {
                    weekdays.add(DayOfWeek.valueOf(String.valueOf(day).strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    errors.put("weekdays", "Day: '" + day + "' is not a weekday (MONDAY to SUNDAY)");
                }
            }
        }
        List<LocalTime> hours = List.of();
        try {
            hours = HoursOfRun.parse(in.hours());
        } catch (InvalidScheduleException e) {
            errors.put(e.field(), e.getMessage());
        }
        LocalDate anchor = null;
        if (in.anchorDate() != null && !in.anchorDate().isBlank()) {
            try {
                anchor = LocalDate.parse(in.anchorDate().strip());
            } catch (DateTimeException e) {
                errors.put("anchorDate", "Start date: '" + in.anchorDate() + "' is not a date (yyyy-mm-dd)");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        try {
            return ScheduleTiming.of(repetition, in.interval(), weekdays, in.dayOfMonth(), hours, anchor);
        } catch (InvalidScheduleException e) {
            errors.put(e.field(), e.getMessage());
            return null;
        }
    }

    /** By name (DAILY) or by the label the manual uses (Daily, Every N-th day). */
    static Repetition repetition(String text) {
        String t = text.strip();
        for (Repetition r : Repetition.values()) {
            if (r.name().equalsIgnoreCase(t) || r.label().equalsIgnoreCase(t)) {
                return r;
            }
        }
        return null;
    }

    private boolean userExists(String username) {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME = ? AND DELETED_AT IS NULL", username) > 0;
    }

    private void insert(Connection c, long id, String task, Fields f, boolean builtin, Instant next, Instant now) throws SQLException {
        Jdbc.update(c, "INSERT INTO SCHEDULES (ID, TASK, NAME, DESCRIPTION, ENABLED, BUILTIN, REPETITION, REP_INTERVAL, WEEKDAYS, MONTH_DAY,"
                + " ANCHOR_DATE, HOURS_OF_RUN, NOTIFY_TO, NOTIFY_ONLY_PROBLEMS, TASK_CONFIG, NEXT_RUN_AT, CREATED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, task, f.name(), nullable(f.description()), f.enabled(), builtin, f.timing().repetition(), f.timing().interval(),
                Schedule.weekdaysText(f.timing().weekdays()), monthDay(f.timing()), f.timing().anchorDate(),
                nullable(HoursOfRun.format(f.timing().hours())), NotifyRecipients.join(f.notifyTo()), f.notifyOnlyProblems(), f.taskConfig(),
                next, now);
    }

    private static Integer monthDay(ScheduleTiming t) {
        return t.dayOfMonth() == 0 ? null : t.dayOfMonth();
    }

    private static String nullable(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** "field: 'old' -> 'new'" for each changed field, as the settings audit entries read. */
    static String details(Map<String, String> before, Map<String, String> fixed, Map<String, String> after) {
        List<String> lines = new ArrayList<>();
        fixed.forEach((k, v) -> lines.add(k + ": " + v));
        Set<String> keys = new java.util.LinkedHashSet<>(after.keySet());
        keys.addAll(before.keySet());
        for (String k : keys) {
            String o = before.get(k);
            String n = after.get(k);
            if (Objects.equals(o, n)) {
                continue;
            }
            if (o == null) {
                lines.add(k + ": '" + n + "'");
            } else if (n == null) {
                lines.add(k + ": '" + o + "'");
            } else {
                lines.add(k + ": '" + o + "' -> '" + n + "'");
            }
        }
        return String.join("\n", lines);
    }
}
