package org.ream.central.usersync.plan;

import java.util.Collection;

/** The tally of a run; renames and undeletes count as updates. */
public record SyncCounts(int added, int updated, int deactivated, int unchanged, int skipped, int failed) {

    public static SyncCounts of(Collection<UserPlan> users) {
        int a = 0, u = 0, d = 0, n = 0, s = 0, f = 0;
        for (UserPlan p : users) {
            switch (p.action()) {
                case ADD -> a++;
                case UPDATE, RENAME, UNDELETE -> u++;
                case DEACTIVATE -> d++;
                case UNCHANGED -> n++;
                case SKIPPED -> s++;
                case FAILED -> f++;
            }
        }
        return new SyncCounts(a, u, d, n, s, f);
    }

    @Override
    public String toString() {
        return "added " + added + ", updated " + updated + ", deactivated " + deactivated + ", unchanged " + unchanged + ", skipped " + skipped
                + ", failed " + failed;
    }
}
