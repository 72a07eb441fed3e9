package org.ream.central.usersync;

import java.util.List;

/**
 * One user as a synchronisation source delivers it, already mapped to Ream's properties
 * (manual 8.7.1). A null single value means "the source does not say" (not mapped, or an empty
 * CSV cell): the local value is kept. Lists are never null; whether an empty list clears the
 * local values is the field's {@link FieldMode}.
 *
 * @param externalId     the source's immutable id (LDAP entryUUID or objectGUID, Graph id); null for CSV
 * @param username       the user name, as the source spells it (before the lower-case and domain options)
 * @param aliases        other user names
 * @param cards          card numbers as the reader reads them
 * @param pinsMd5        PINs in the manual's MD5 form (hex, any case)
 * @param passwordMd5    the CSV PWD column (MD5 hex), null when absent
 * @param groups         group paths (root first); the first one is the accounting group of a new member
 * @param managedGroups  group paths the user manages
 * @param delegates      user names of the user's delegates
 * @param authServer     the authentication server's domain or name (CSV AUTHSERVER), null when absent
 */
public record SourceUser(String externalId, String username, String fullName, List<String> aliases, String email, List<String> cards,
        List<GroupPath> groups, String personalNumber, String userStorage, List<String> pinsMd5, List<GroupPath> managedGroups,
        String authServer, String phone, String language, String passwordMd5, List<String> delegates) {

    public SourceUser {
        aliases = List.copyOf(aliases);
        cards = List.copyOf(cards);
        groups = List.copyOf(groups);
        pinsMd5 = List.copyOf(pinsMd5);
        managedGroups = List.copyOf(managedGroups);
        delegates = List.copyOf(delegates);
    }

    /** A user with only a name, for tests and simple sources; the other fields are added with the with-ers of callers. */
    public static SourceUser named(String username) {
        return new SourceUser(null, username, null, List.of(), null, List.of(), List.of(), null, null, List.of(), List.of(), null, null, null, null,
                List.of());
    }
}
