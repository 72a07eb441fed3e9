package org.ream.central.usersync.source;

import java.util.List;

/**
 * What to read from Microsoft Graph (manual 8.7.3).
 *
 * @param properties        user properties to read ($select); id and userPrincipalName are always read
 * @param groupIds          "Users from selected groups": the groups' object ids; empty: all users
 * @param transitiveMembers with groups: members of nested groups too
 * @param userGroups        read each user's group names (for group import)
 * @param ignoredGroups     group names left out of {@link DirectoryEntry#groups()}
 * @param deltaLink         the deltaLink of the previous complete run (all users only); null: full read
 * @param pageSize          users per page (Graph allows up to 999)
 */
public record GraphQuery(List<String> properties, List<String> groupIds, boolean transitiveMembers, boolean userGroups, GroupNameFilter ignoredGroups,
        String deltaLink, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 999;

    public GraphQuery {
        properties = List.copyOf(properties);
        groupIds = List.copyOf(groupIds);
        ignoredGroups = ignoredGroups == null ? GroupNameFilter.NONE : ignoredGroups;
        if (pageSize < 1 || pageSize > 999) {
            throw new IllegalArgumentException("page size must be between 1 and 999");
        }
        for (String g : groupIds) {
            if (g == null || !g.matches("[A-Za-z0-9-]{1,64}")) {
                throw new InvalidSourceQuery("groups", "is not a group object id: " + g);
            }
        }
        for (String p : properties) {
            if (p == null || !p.matches("[A-Za-z][A-Za-z0-9_]{0,127}")) {
                throw new InvalidSourceQuery("properties", "is not a user property name: " + p);
            }
        }
    }

    public static GraphQuery allUsers(List<String> properties) {
        return new GraphQuery(properties, List.of(), true, false, GroupNameFilter.NONE, null, DEFAULT_PAGE_SIZE);
    }

    public static GraphQuery usersOfGroups(List<String> groupIds, List<String> properties) {
        return new GraphQuery(properties, groupIds, true, false, GroupNameFilter.NONE, null, DEFAULT_PAGE_SIZE);
    }

    public GraphQuery withUserGroups(GroupNameFilter ignored) {
        return new GraphQuery(properties, groupIds, transitiveMembers, true, ignored, deltaLink, pageSize);
    }

    public GraphQuery withDeltaLink(String link) {
        return new GraphQuery(properties, groupIds, transitiveMembers, userGroups, ignoredGroups, link, pageSize);
    }

    public GraphQuery withPageSize(int size) {
        return new GraphQuery(properties, groupIds, transitiveMembers, userGroups, ignoredGroups, deltaLink, size);
    }

    public GraphQuery withTransitiveMembers(boolean transitive) {
        return new GraphQuery(properties, groupIds, transitive, userGroups, ignoredGroups, deltaLink, pageSize);
    }
}
