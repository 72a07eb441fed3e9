package org.ream.central.usersync.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The group entries the reader found under the groups base DN (memberOf option), by DN; the
 * group filter is tested on them. Entries with a DN that does not parse are left out.
 */
public final class LdapGroups {

    private static final LdapGroups NONE = new LdapGroups(Map.of());

    private final Map<DN, LdapEntry> byDn;

    private LdapGroups(Map<DN, LdapEntry> byDn) {
        this.byDn = byDn;
    }

    public static LdapGroups none() {
        return NONE;
    }

    /** The entries in the order the reader found them (groups to create follow it). */
    public static LdapGroups of(Collection<LdapEntry> entries) {
        Map<DN, LdapEntry> m = new LinkedHashMap<>();
        for (LdapEntry e : entries) {
            try {
                m.putIfAbsent(new DN(e.dn()), e);
            } catch (LDAPException ex) {
                // not a group we could ever match by DN
            }
        }
        return new LdapGroups(java.util.Collections.unmodifiableMap(m));
    }

    public Optional<LdapEntry> find(DN dn) {
        return Optional.ofNullable(byDn.get(dn));
    }

    public List<LdapEntry> all() {
        return List.copyOf(byDn.values());
    }
}
