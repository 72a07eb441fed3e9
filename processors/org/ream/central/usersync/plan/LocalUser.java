package org.ream.central.usersync.plan;

import java.util.List;

/** A user as stored in Ream, with what the synchronisation compares (the planner's view of USERS and its child tables). */
public record LocalUser(long id, String username, String fullName, String email, String phone, String personalNumber, String language,
        String userStorage, boolean useAuthServer, Long authServerId, Long syncSourceId, String externalId, boolean deleted, boolean system,
        List<String> aliases, List<String> cards, List<LocalPin> pins, List<LocalMembership> groups, List<String> delegates) {

    public LocalUser {
        aliases = List.copyOf(aliases);
        cards = List.copyOf(cards);
        pins = List.copyOf(pins);
        groups = List.copyOf(groups);
        delegates = List.copyOf(delegates);
    }

    /** An active user with only a name, for tests. */
    public static LocalUser named(long id, String username) {
        return new LocalUser(id, username, username, null, null, null, null, null, false, null, null, null, false, false, List.of(), List.of(),
                List.of(), List.of(), List.of());
    }
}
