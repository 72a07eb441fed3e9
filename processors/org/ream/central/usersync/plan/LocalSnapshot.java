package org.ream.central.usersync.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ream.central.usersync.GroupPath;

/**
 * Everything the planner needs of the local database: all users (deleted and system ones
 * included, as their names stay taken), the existing groups, and the authentication servers by
 * name (for the CSV AUTHSERVER column).
 */
public record LocalSnapshot(List<LocalUser> users, Set<GroupPath> groups, Map<String, Long> authServers) {

    public LocalSnapshot {
        users = List.copyOf(users);
        groups = Set.copyOf(groups);
        authServers = Map.copyOf(authServers);
    }

    public static LocalSnapshot of(List<LocalUser> users) {
        java.util.Set<GroupPath> groups = new java.util.HashSet<>();
        for (LocalUser u : users) {
            for (LocalMembership m : u.groups()) {
                groups.add(m.group());
            }
        }
        return new LocalSnapshot(users, groups, Map.of());
    }
}
