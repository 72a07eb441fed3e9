package org.ream.central.usersync.ldap;

import java.util.List;
import org.ream.central.usersync.GroupPath;

/**
 * A user's groups as the Groups tab's rules give them.
 *
 * @param groups           the groups, without repeats; the default group, when a rule gives one, comes first
 * @param defaultGroup     the group of the first rule with "Make default" that gave one; null when none did
 * @param keepDefaultGroup "Do not change the default group": an existing user's accounting group stays as it is
 */
public record UserGroups(List<GroupPath> groups, GroupPath defaultGroup, boolean keepDefaultGroup) {

    public UserGroups {
        groups = List.copyOf(groups);
    }
}
