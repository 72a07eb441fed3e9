package org.ream.central.usersync.plan;

import org.ream.central.usersync.GroupPath;

/** A user's membership of a group, with the accounting-group and manager flags of GROUP_MEMBERS. */
public record LocalMembership(GroupPath group, boolean accounting, boolean manager) {
}
