package org.ream.central.usersync.apply;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ream.central.pins.Pins;
import org.ream.central.security.Actor;
import org.ream.central.usersync.SourceUser;
import org.ream.central.usersync.SyncOptions;
import org.ream.central.usersync.plan.SourceRead;
import org.ream.central.usersync.plan.SyncPlan;
import org.ream.central.usersync.plan.SyncPlanner;

/**
 * Match, rule, action and tally of one source's run, after its reader: loads the local
 * snapshot, plans in memory, writes (or, dry, rolls back) the plan. A plan over the delete
 * threshold writes nothing and comes back stopped, for the caller to tell the administrator.
 */
@ApplicationScoped
public class UserSynchroniser {

    @Inject
    SnapshotLoader snapshots;

    @Inject
    PlanApplier applier;

    @Inject
    Pins pins;

    public SyncPlan plan(long sourceId, SourceRead read, Iterable<SourceUser> users, SyncOptions options, Long sourceAuthServerId) {
        return SyncPlanner.plan(sourceId, read, users, options, snapshots.load(), pins::md5SyncKey, sourceAuthServerId);
    }

    public SyncResult run(long sourceId, SourceRead read, Iterable<SourceUser> users, SyncOptions options, Long sourceAuthServerId, boolean dryRun,
            SyncProgress progress) {
        return applier.apply(plan(sourceId, read, users, options, sourceAuthServerId), dryRun, PlanApplier.DEFAULT_CHUNK, Actor.SYSTEM, progress);
    }
}
