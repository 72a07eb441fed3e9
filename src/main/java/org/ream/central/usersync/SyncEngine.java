package org.ream.central.usersync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.pins.Pins;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;
import org.ream.central.usersync.SourceSettings.Kind;
import org.ream.central.usersync.apply.PlanApplier;
import org.ream.central.usersync.apply.SyncResult;
import org.ream.central.usersync.apply.UserSynchroniser;
import org.ream.central.usersync.plan.SourceRead;
import org.ream.central.usersync.plan.SyncPlan;
import org.ream.central.usersync.plan.UserAction;
import org.ream.central.usersync.plan.UserPlan;

/**
 * One source's part of a run: read (the source's {@link SourceReader}), plan (compare with
 * the local users), check the safety limits, apply in chunks, tally. The reading adapters
 * are CDI beans, one per kind of source.
 */
@ApplicationScoped
public class SyncEngine {

    /** What a source's adapter delivers: users one by one, then whether the read was whole. */
    public interface SourceReader {
        boolean handles(Kind kind);

        /**
         * Reads the source's users (all of them for a full run, the changed ones for a delta
         * run when the source keeps a delta token) and passes each to {@code sink}.
         */
        ReadResult read(SyncSources.Source source, boolean full, Consumer<SourceUser> sink) throws Exception;

        /**
         * The options the plan runs with: a field the source does not deliver at all (no group
         * rule, no card attribute mapped...) is not synchronised, so it never clears local values.
         */
        default SyncOptions options(SyncSources.Source source) {
            return source.options();
        }
    }

    /**
     * @param complete   every user the source selects was read (false: truncated; never deactivate)
     * @param delta      only changed users were read (never deactivate either)
     * @param deltaToken what the next delta run starts from (null: the next run reads everything)
     */
    public record ReadResult(boolean complete, boolean delta, String deltaToken, int count, List<String> notes, List<GroupPath> emptyGroups) {

        public ReadResult {
            notes = notes == null ? List.of() : List.copyOf(notes);
            emptyGroups = emptyGroups == null ? List.of() : List.copyOf(emptyGroups);
        }

        public ReadResult(boolean complete, boolean delta, String deltaToken, int count, List<String> notes) {
            this(complete, delta, deltaToken, count, notes, List.of());
        }
    }

    public record RunContext(long runId, boolean dryRun, boolean full, SyncRuns.Progress progress, SyncRuns.ResultLog result) {
    }

    public record Outcome(Totals totals, String status, String problem) {
    }

    /** The counts of the manual's SYNC result. */
    public static final class Totals {
        public int added;
        public int updated;
        public int deactivated;
        public int unchanged;
        public int failed;

        public void add(Totals o) {
            added += o.added;
            updated += o.updated;
            deactivated += o.deactivated;
            unchanged += o.unchanged;
            failed += o.failed;
        }

        @Override
        public String toString() {
            return "added " + added + ", updated " + updated + ", deactivated " + deactivated + ", unchanged " + unchanged + ", failed " + failed;
        }
    }

    @Inject
    Instance<SourceReader> readers;

    @Inject
    SyncSources sources;

    @Inject
    UserSynchroniser synchroniser;

    @Inject
    UserSyncConfig config;

    @Inject
    Databases databases;

    @Inject
    Pins pins;

    @Inject
    SettingsStore settings;

    @Inject
    SystemLog log;

    public Outcome synchronise(SyncSources.Source source, RunContext ctx) throws Exception {
        SourceReader reader = readers.stream().filter(r -> r.handles(source.kind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("this server cannot read " + source.kind() + " sources yet"));
        long t0 = System.nanoTime();
        ctx.progress().phase("Reading", 0);
        List<SourceUser> users = new ArrayList<>();
        ReadResult read = reader.read(source, ctx.full(), u -> {
            users.add(u);
            if (users.size() % 500 == 0) {
                ctx.progress().done(users.size());
            }
        });
        long t1 = System.nanoTime();
        ctx.result().line("Read " + users.size() + " user(s)" + (read.delta() ? " changed since the last run" : "")
                + (read.complete() ? "" : " (incomplete read: nobody is deactivated)") + " in " + (t1 - t0) / 1_000_000 + " ms");
        for (String note : read.notes()) {
            ctx.result().line(note);
        }
        SourceRead kind = !read.complete() ? SourceRead.TRUNCATED : read.delta() ? SourceRead.DELTA : SourceRead.FULL;
        ctx.progress().phase("Comparing", users.size());
        SyncPlan plan = synchroniser.plan(source.id(), kind, users, reader.options(source), authServerOf(source));
        users.clear(); // the plan holds what is needed from here on
        long t2 = System.nanoTime();
        ctx.result().line("Compared with the local users in " + (t2 - t1) / 1_000_000 + " ms");
        int writes = (int) plan.users().stream().filter(UserPlan::writes).count();
        ctx.progress().phase(ctx.dryRun() ? "Checking (dry run)" : "Writing", writes);
        SyncResult result = applier.apply(plan, ctx.dryRun(), config.chunkSize(), Actor.SYSTEM, (done, total) -> ctx.progress().done(done));
        ctx.result().line((ctx.dryRun() ? "Checked " : "Wrote ") + writes + " user(s) in " + (System.nanoTime() - t2) / 1_000_000 + " ms");
        for (String note : result.notes()) {
            ctx.result().line("Note: " + note);
        }
        for (String line : result.lines()) {
            ctx.result().line(line);
        }
        Totals totals = new Totals();
        totals.added = result.counts().added();
        totals.updated = result.counts().updated();
        totals.deactivated = result.counts().deactivated();
        totals.unchanged = result.counts().unchanged() + result.counts().skipped();
        totals.failed = result.counts().failed();
        if (result.stopped()) {
            // Over the deactivation limit: nothing was written; the administrator is told (log
            // notification rules mail ERROR entries of this subsystem).
            ctx.result().line("STOPPED before writing anything: " + result.stopReason());
            String text = "Synchronisation of " + source.name() + " stopped before writing anything: " + result.stopReason()
                    + ". Check the source, then raise the limit in its options if the deactivations are wanted.";
            log.error(SyncSources.SUBSYSTEM, source.name(), text, null);
            mailAdministrator("User synchronisation stopped: " + source.name(), text + "\n\nRun " + ctx.runId() + ", result log in the web UI"
                    + " (Settings > User synchronization).");
            return new Outcome(totals, SyncRun.ERROR, result.stopReason());
        }
        String exportProblem = null;
        if (!ctx.dryRun()) {
            sources.recordRun(source.id(), read.complete() ? read.deltaToken() : null, kind == SourceRead.FULL, java.time.Instant.now());
            generatePins(result);
            createEmptyGroups(read.emptyGroups(), ctx);
            exportProblem = exportCsv(source, ctx);
        }
        String status = totals.failed > 0 || !read.complete() || exportProblem != null ? SyncRun.WARNING : SyncRun.OK;
        return new Outcome(totals, status, !read.complete() ? "the source returned an incomplete result" : exportProblem);
    }

    @Inject
    PlanApplier applier;

    /** "Generate PIN for users created by synchronization" (8.8): new users with an email get one, mailed. */
    private void generatePins(SyncResult result) {
        if (!settings.getBool("pin.generateForNew")) {
            return;
        }
        for (UserPlan u : result.users()) {
            if (u.action() == UserAction.ADD && u.row() != null && u.row().email() != null && !u.row().email().isBlank()) {
                databases.mainJdbc().one("SELECT ID FROM USERS WHERE USERNAME = ? AND DELETED_AT IS NULL", rs -> rs.getLong(1), u.username())
                        .ifPresent(id -> pins.generateForNewUser(id, Actor.SYSTEM));
            }
        }
    }

    /**
     * "Export to CSV after a successful import" (8.7.2): the source's users in the CSV sync
     * syntax, to a file whose path may hold %app% (the data folder) and %datetime%. Written to a
     * temporary file first, so a reader never sees half a file.
     */
    private String exportCsv(SyncSources.Source source, RunContext ctx) {
        if (!(source.config().get("exportCsv") instanceof java.util.Map<?, ?> export) || !Boolean.TRUE.equals(export.get("enabled"))) {
            return null;
        }
        String path = String.valueOf(export.get("file")).replace("%app%", dataDir.root().toString())
                .replace("%datetime%", java.time.LocalDateTime.now(settings.timeZone()).format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")));
        java.nio.file.Path file = java.nio.file.Path.of(path).toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".part");
            long n;
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(tmp)) {
                n = export.get("file") == null ? 0 : userExport.write(out, null, source.id(), settings.get("general.csvDelimiter"));
            }
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            ctx.result().line("Exported " + n + " user(s) to " + file);
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            ctx.result().line("The export to " + file + " failed: " + e.getMessage());
            return "the export to " + file + " failed: " + e.getMessage();
        }
    }

    @Inject
    org.ream.central.users.UserExport userExport;

    @Inject
    org.ream.central.mail.MailQueue mail;

    @Inject
    org.ream.central.users.GroupDirectory groupDirectory;

    /** "Import empty groups" (8.7.2): the source's groups that have no member here yet, parents first. */
    private void createEmptyGroups(List<GroupPath> paths, RunContext ctx) {
        int created = 0;
        for (GroupPath path : paths) {
            Long parent = null;
            for (int i = 1; i <= path.names().size(); i++) {
                String full = String.join("|", path.names().subList(0, i));
                java.util.Optional<Long> id = databases.mainJdbc().one("SELECT ID FROM USER_GROUPS WHERE FULL_PATH = ?", rs -> rs.getLong(1), full);
                if (id.isPresent()) {
                    parent = id.get();
                } else {
                    parent = groupDirectory.create(new org.ream.central.users.GroupInput(path.names().get(i - 1), null, parent), Actor.SYSTEM);
                    created++;
                }
            }
        }
        if (created > 0) {
            ctx.result().line("Created " + created + " empty group(s)");
        }
    }

    /** Mails the administrator's address of the general settings, when there is one. */
    private void mailAdministrator(String subject, String text) {
        String to = settings.get("general.adminEmail");
        if (to == null || to.isBlank()) {
            return;
        }
        try {
            mail.send(new org.ream.central.mail.Mail(List.of(to), subject, "generic", java.util.Map.of("title", subject, "text", text)));
        } catch (RuntimeException e) {
            log.warning(SyncSources.SUBSYSTEM, null, "Cannot mail the administrator about the stopped synchronisation: " + e.getMessage());
        }
    }

    @Inject
    org.ream.central.scheduling.tasks.DataDir dataDir;

    /** The authentication server the source's users log in through: the LDAP/Azure server read, or the CSV source's choice. */
    static Long authServerOf(SyncSources.Source source) {
        Object id = source.kind() == Kind.CSV ? source.config().get("authServerId") : source.config().get("serverId");
        if (id == null || id.toString().isBlank()) {
            return null;
        }
        return Long.valueOf(id.toString());
    }
}
