package org.ream.central.usersync.ldap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.SourceUser;

/**
 * Turns a directory entry into the user the synchronisation plans with: the Users tab's filter
 * decides whether the entry is a user to import, the property mapping fills the properties and
 * the Groups tab's rules give the groups. Knows nothing of connections: the reader hands it entries.
 */
public final class LdapUserMapper {

    private final PropertyMapping mapping;
    private final FilterLines userFilter;
    private final GroupRules groupRules;
    private final LdapGroups groups;

    /**
     * @param userFilter the Users tab's filter lines ({@link FilterLines#none()} for none)
     * @param groups     the group entries read under the memberOf option's base DN ({@link LdapGroups#none()} without it)
     */
    public LdapUserMapper(PropertyMapping mapping, FilterLines userFilter, GroupRules groupRules, LdapGroups groups) {
        this.mapping = mapping;
        this.userFilter = userFilter == null ? FilterLines.none() : userFilter;
        this.groupRules = groupRules == null ? GroupRules.none() : groupRules;
        this.groups = groups == null ? LdapGroups.none() : groups;
    }

    /** What became of one entry. */
    public sealed interface Result permits Mapped, Skipped {
        String dn();
    }

    /** The entry is a user; {@code groups} carries the default-group choices the plan needs besides the user's group list. */
    public record Mapped(String dn, SourceUser user, UserGroups groups) implements Result {
    }

    /** The entry is not imported, and why (for the run's log). */
    public record Skipped(String dn, String reason) implements Result {
    }

    public Result map(LdapEntry entry) {
        if (!userFilter.matches(entry)) {
            return new Skipped(entry.dn(), "meets none of the filter lines " + userFilter.lines());
        }
        String username = mapping.value(UserProperty.USER_NAME, entry);
        if (username == null) {
            return new Skipped(entry.dn(), "no user name: '" + mapping.template(UserProperty.USER_NAME).orElseThrow() + "' is empty for this entry");
        }
        Set<String> aliases = new LinkedHashSet<>(mapping.values(UserProperty.ALIASES, entry));
        aliases.remove(username);
        UserGroups userGroups = groupRules.groupsOf(entry, groups);
        SourceUser user = new SourceUser(entry.externalId(), username, mapping.value(UserProperty.FULL_NAME, entry), List.copyOf(aliases),
                mapping.value(UserProperty.EMAIL, entry), mapping.values(UserProperty.CARDS, entry), userGroups.groups(),
                mapping.value(UserProperty.PERSONAL_NUMBER, entry), mapping.value(UserProperty.USER_STORAGE, entry),
                md5(mapping.values(UserProperty.PIN, entry)), List.of(), null, mapping.value(UserProperty.PHONE, entry),
                mapping.value(UserProperty.LANGUAGE, entry), null, List.of());
        return new Mapped(entry.dn(), user, userGroups);
    }

    /** "Import empty groups": the groups to create whatever the users' memberships. */
    public List<GroupPath> groupsToCreate() {
        return groupRules.groupsToCreate(groups);
    }

    /** Every user attribute the mapping, the filter and the group rules read, for the search request. */
    public Set<String> attributes() {
        Set<String> names = new LinkedHashSet<>(mapping.attributes());
        names.addAll(groupRules.userAttributes());
        return names;
    }

    /** A directory holds PINs as users type them; Ream keeps the manual's MD5 form, as CSV files give it. */
    static List<String> md5(List<String> pins) {
        List<String> out = new ArrayList<>();
        try {
            for (String pin : pins) {
                MessageDigest md = MessageDigest.getInstance("MD5");
                out.add(HexFormat.of().formatHex(md.digest(pin.getBytes(StandardCharsets.UTF_8))));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
