package org.ream.central.usersync.apply;

import java.util.List;
import org.ream.central.usersync.plan.SyncCounts;
import org.ream.central.usersync.plan.UserPlan;

/**
 * What a run did (or, dry, would do): one result per user with its line, the tally, and the
 * number of rows the statements touched. A stopped run wrote nothing; its users are what it would have done.
 *
 * @param rowsWritten rows sent to the database (rolled back again in a dry run); 0 when nothing changed
 */
public record SyncResult(boolean dryRun, String stopReason, List<UserPlan> users, SyncCounts counts, List<String> notes, int rowsWritten) {

    public SyncResult {
        users = List.copyOf(users);
        notes = List.copyOf(notes);
    }

    public boolean stopped() {
        return stopReason != null;
    }

    public List<String> lines() {
        return users.stream().map(UserPlan::line).toList();
    }
}
