package org.ream.central.usersync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;
import org.jboss.logging.Logger;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.platform.Bootstrap;
import org.ream.central.scheduling.tasks.DataDir;
import org.ream.central.security.Actor;
import org.ream.central.settings.ValidationException;

/**
 * Synchronisation runs (8.7.8): queued on usersync.runs (route usersync-run), carried out one
 * source after the other by {@link SyncEngine}, with live progress in SYNC_RUNS and a result
 * log file per run in data/usersync. The message is acknowledged once the run is recorded: a
 * server stopped mid-run gets it again and runs it again, which converges because each chunk
 * is applied whole or not at all and a run compares before it writes.
 */
@ApplicationScoped
@Named("userSyncRuns")
public class SyncRuns {

    public static final String ENQUEUE = "direct:usersync-enqueue";
    private static final Logger LOG = Logger.getLogger(SyncRuns.class);
    /** Progress is written at most this often: a run over 100,000 users does not become 100,000 updates. */
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

    @Inject
    Databases databases;

    @Inject
    SyncSources sources;

    @Inject
    SyncEngine engine;

    @Inject
    SystemLog log;

    @Inject
    DataDir dataDir;

    @Inject
    ProducerTemplate producer;

    @Inject
    UserSyncConfig config;

    private final Set<Long> inProgress = ConcurrentHashMap.newKeySet();

    /** Queues a run of the given sources (all enabled ones when empty). */
    public SyncRun queue(List<Long> sourceIds, boolean dryRun, boolean full, Actor actor) {
        long id = insert(sourceIds, dryRun, full, actor.username());
        producer.sendBody(ENQUEUE, Long.toString(id));
        return get(id);
    }

    /** A run carried out here and now (the task scheduler's User Synchronization, already on a queue of its own). */
    public SyncRun runNow(List<Long> sourceIds, boolean full, String triggeredBy) {
        long id = insert(sourceIds, false, full, triggeredBy);
        if (!inProgress.add(id)) {
            throw new IllegalStateException("run " + id + " is already in progress");
        }
        try {
            carryOut(get(id));
        } finally {
            inProgress.remove(id);
        }
        return get(id);
    }

    /** A QUEUED run of the sources (resolved and checked first: bad ids are refused before anything is written). */
    private long insert(List<Long> sourceIds, boolean dryRun, boolean full, String triggeredBy) {
        List<Long> ids = resolve(sourceIds);
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO SYNC_RUNS (ID, SOURCE_IDS, DRY_RUN, FULL_RUN, STATUS, PHASE, STARTED_AT, TRIGGERED_BY)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, join(ids), dryRun, full, SyncRun.QUEUED, "Queued", Instant.now(), triggeredBy);
        return id;
    }

    private List<Long> resolve(List<Long> sourceIds) {
        List<SyncSources.Source> all = sources.list();
        List<Long> ids = new ArrayList<>();
        if (sourceIds == null || sourceIds.isEmpty()) {
            all.stream().filter(SyncSources.Source::enabled).forEach(s -> ids.add(s.id()));
            if (ids.isEmpty()) {
                throw new ValidationException("sources", "no enabled synchronisation source");
            }
            return ids;
        }
        for (Long id : sourceIds) {
            if (id == null || all.stream().noneMatch(s -> s.id() == id)) {
                throw new ValidationException("sources", "no synchronisation source " + id);
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        // Several sources run in their configured order, whatever order they were picked in.
        ids.sort((a, b) -> Integer.compare(order(all, a), order(all, b)));
        return ids;
    }

    private static int order(List<SyncSources.Source> all, long id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id() == id) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    public Optional<SyncRun> find(long id) {
        return databases.mainJdbc().one("SELECT " + SyncRun.COLUMNS + " FROM SYNC_RUNS WHERE ID = ?", SyncRun::map, id);
    }

    public SyncRun get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("No synchronisation run " + id));
    }

    public List<SyncRun> recent(int limit) {
        List<SyncRun> all = databases.mainJdbc().query("SELECT " + SyncRun.COLUMNS + " FROM SYNC_RUNS ORDER BY STARTED_AT DESC, ID DESC",
                SyncRun::map);
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** The result log of a run, if written. */
    public Optional<Path> resultFile(SyncRun run) {
        if (run.resultFile() == null) {
            return Optional.empty();
        }
        Path p = folder().resolve(run.resultFile()).normalize();
        return p.startsWith(folder()) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    Path folder() {
        return dataDir.resolve("usersync");
    }

    /** Route usersync-run: takes a run id off the queue and carries the run out. */
    public void consume(String body, Exchange exchange) {
        long runId;
        try {
            runId = Long.parseLong(body == null ? "" : body.strip());
        } catch (NumberFormatException e) {
            LOG.warnf("Ignoring a message on usersync.runs that is not a run id: %s", body);
            return;
        }
        Optional<SyncRun> run = find(runId);
        if (run.isEmpty() || run.get().finished() || !inProgress.add(runId)) {
            return; // unknown, done, or a duplicate of a run going on here
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                inProgress.remove(runId);
            }
        });
        if (SyncRun.RUNNING.equals(run.get().status())) {
            log.warning(SyncSources.SUBSYSTEM, "run " + runId, "Synchronisation run " + runId
                    + " did not finish last time (the server stopped); running it again");
        }
        carryOut(run.get());
    }

    private void carryOut(SyncRun run) {
        Instant started = Instant.now();
        databases.mainJdbc().update("UPDATE SYNC_RUNS SET STATUS = ?, PHASE = ?, STARTED_AT = ?, DONE_COUNT = 0, TOTAL_COUNT = 0 WHERE ID = ?",
                SyncRun.RUNNING, "Starting", started, run.id());
        String fileName = "sync-" + run.id() + ".log";
        Path file = folder().resolve(fileName);
        SyncEngine.Totals totals = new SyncEngine.Totals();
        List<String> problems = new ArrayList<>();
        String status = SyncRun.OK;
        try {
            Files.createDirectories(folder());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                ResultLog result = new ResultLog(w);
                result.line("SYNC " + (run.dryRun() ? "(dry run, nothing written) " : "") + (run.fullRun() ? "full" : "delta") + " run " + run.id()
                        + " started " + started + " by " + run.triggeredBy());
                for (long sourceId : run.sources()) {
                    Optional<SyncSources.Source> source = sources.find(sourceId);
                    if (source.isEmpty()) {
                        result.line("Source " + sourceId + ": deleted since the run was queued, skipped");
                        status = worst(status, SyncRun.WARNING);
                        continue;
                    }
                    SyncSources.Source s = source.get();
                    Progress progress = new Progress(run.id(), s.name());
                    long t0 = System.nanoTime();
                    result.line("");
                    result.line("Source " + s.name() + " (" + s.kind() + ")");
                    try {
                        SyncEngine.Outcome outcome = engine.synchronise(s, new SyncEngine.RunContext(run.id(), run.dryRun(), run.fullRun(), progress, result));
                        totals.add(outcome.totals());
                        status = worst(status, outcome.status());
                        if (outcome.problem() != null) {
                            problems.add(s.name() + ": " + outcome.problem());
                        }
                        result.line(String.format("Source %s: %s in %d ms", s.name(), outcome.totals(), (System.nanoTime() - t0) / 1_000_000));
                    } catch (Exception e) {
                        status = SyncRun.ERROR;
                        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                        problems.add(s.name() + ": " + message);
                        result.line("Source " + s.name() + " failed, nothing more written for it: " + message);
                        log.error(SyncSources.SUBSYSTEM, s.name(), "Synchronisation of " + s.name() + " failed: " + message, null);
                    }
                    progress.flush();
                }
                result.line("");
                result.line("Total: " + totals + " in " + Duration.between(started, Instant.now()).toMillis() + " ms");
            }
        } catch (IOException e) {
            status = SyncRun.ERROR;
            problems.add("cannot write the result log " + file + ": " + e.getMessage());
        }
        String summary = totals + (problems.isEmpty() ? "" : ". " + String.join("; ", problems));
        if (summary.length() > 2000) {
            summary = summary.substring(0, 1997) + "...";
        }
        databases.mainJdbc().update("UPDATE SYNC_RUNS SET STATUS = ?, PHASE = ?, FINISHED_AT = ?, SUMMARY = ?, RESULT_FILE = ?, ADDED_COUNT = ?,"
                + " UPDATED_COUNT = ?, DEACTIVATED_COUNT = ?, UNCHANGED_COUNT = ?, FAILED_COUNT = ? WHERE ID = ?", status, "Finished", Instant.now(),
                summary, Files.isRegularFile(file) ? fileName : null, totals.added, totals.updated, totals.deactivated, totals.unchanged,
                totals.failed, run.id());
        pruneResultLogs();
        String line = "Synchronisation run " + run.id() + (run.dryRun() ? " (dry run)" : "") + " finished: " + summary;
        switch (status) {
            case SyncRun.OK -> log.notice(SyncSources.SUBSYSTEM, "run " + run.id(), line);
            case SyncRun.WARNING -> log.warning(SyncSources.SUBSYSTEM, "run " + run.id(), line);
            default -> log.error(SyncSources.SUBSYSTEM, "run " + run.id(), line, null);
        }
    }

    /** Keeps the newest result logs; the runs stay listed, without a log to open. */
    private void pruneResultLogs() {
        List<SyncRun> withLogs = databases.mainJdbc().query("SELECT " + SyncRun.COLUMNS + " FROM SYNC_RUNS WHERE RESULT_FILE IS NOT NULL"
                + " ORDER BY STARTED_AT DESC, ID DESC", SyncRun::map);
        for (SyncRun old : withLogs.subList(Math.min(withLogs.size(), config.resultLogsKept()), withLogs.size())) {
            try {
                Files.deleteIfExists(folder().resolve(old.resultFile()).normalize());
                databases.mainJdbc().update("UPDATE SYNC_RUNS SET RESULT_FILE = NULL WHERE ID = ?", old.id());
            } catch (IOException e) {
                LOG.warnf("Cannot remove the old synchronisation result %s: %s", old.resultFile(), e.getMessage());
            }
        }
    }

    private static String worst(String a, String b) {
        List<String> order = List.of(SyncRun.OK, SyncRun.WARNING, SyncRun.ERROR);
        return order.indexOf(b) > order.indexOf(a) ? b : a;
    }

    /** Runs queued when the server stopped are sent again once the routes run. */
    void requeue(@Observes Bootstrap.Ready ready) {
        List<Long> waiting = databases.mainJdbc().query("SELECT ID FROM SYNC_RUNS WHERE STATUS = ? ORDER BY STARTED_AT", rs -> rs.getLong(1),
                SyncRun.QUEUED);
        for (Long id : waiting) {
            producer.sendBody(ENQUEUE, Long.toString(id));
        }
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The live progress of a run, written to SYNC_RUNS at most every half second. */
    public final class Progress {
        private final long runId;
        private final String source;
        private String phase = "Reading";
        private int done;
        private int total;
        private Instant written = Instant.EPOCH;

        Progress(long runId, String source) {
            this.runId = runId;
            this.source = source;
        }

        public void phase(String phase, int total) {
            this.phase = phase;
            this.total = total;
            this.done = 0;
            flush();
        }

        public void done(int done) {
            this.done = done;
            if (Instant.now().isAfter(written.plus(PROGRESS_EVERY))) {
                flush();
            }
        }

        void flush() {
            written = Instant.now();
            String p = (source + ": " + phase);
            databases.mainJdbc().update("UPDATE SYNC_RUNS SET PHASE = ?, DONE_COUNT = ?, TOTAL_COUNT = ? WHERE ID = ?",
                    p.length() > 300 ? p.substring(0, 300) : p, done, total, runId);
        }
    }

    /** The manual's SYNC output: one line per user and the counts, as the run goes. */
    public static final class ResultLog {
        private final Writer out;

        ResultLog(Writer out) {
            this.out = out;
        }

        public void line(String text) {
            try {
                out.write(text);
                out.write('\n');
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
