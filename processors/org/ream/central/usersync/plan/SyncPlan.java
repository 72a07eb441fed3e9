package org.ream.central.usersync.plan;

import java.util.List;
import org.ream.central.usersync.GroupPath;

/**
 * What a run will do: one entry per source user plus one per user to deactivate, the groups to
 * create (parents before children) and the tally. A plan with a {@code stopReason} exceeded the
 * delete threshold and must not be applied.
 */
public record SyncPlan(long sourceId, SourceRead read, List<UserPlan> users, List<GroupPath> groupsToCreate, SyncCounts counts, String stopReason,
        List<String> notes) {

    public SyncPlan {
        users = List.copyOf(users);
        groupsToCreate = List.copyOf(groupsToCreate);
        notes = List.copyOf(notes);
    }

    public boolean stopped() {
        return stopReason != null;
    }

    public List<String> lines() {
        return users.stream().map(UserPlan::line).toList();
    }
}
