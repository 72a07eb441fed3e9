package org.ream.central.usersync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ream.central.usersync.SourceSettings.Kind;

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
    }

    /**
     * @param complete   every user the source selects was read (false: truncated; never deactivate)
     * @param delta      only changed users were read (never deactivate either)
     * @param deltaToken what the next delta run starts from (null: the next run reads everything)
     */
    public record ReadResult(boolean complete, boolean delta, String deltaToken, int count) {
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

    public Outcome synchronise(SyncSources.Source source, RunContext ctx) throws Exception {
        SourceReader reader = readers.stream().filter(r -> r.handles(source.kind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("this server cannot read " + source.kind() + " sources yet"));
        ctx.progress().phase("Reading", 0);
        List<SourceUser> users = new ArrayList<>();
        ReadResult read = reader.read(source, ctx.full(), u -> {
            users.add(u);
            if (users.size() % 500 == 0) {
                ctx.progress().done(users.size());
            }
        });
        ctx.result().line("Read " + users.size() + " user(s)" + (read.delta() ? " changed since the last run" : "")
                + (read.complete() ? "" : " (incomplete read: nobody is deactivated)"));
        throw new IllegalStateException("planning and applying are not wired yet");
    }
}
