package org.ream.central.usersync.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ream.central.usersync.GroupPath;

/**
 * The Groups tab of an LDAP synchronisation (manual 8.7.2). Each way of finding groups is optional
 * (null when unused); several can be used together. Every group found is placed under
 * {@code importUnder} when it is set.
 *
 * @param keepDefaultGroup "Do not change the default group"
 * @param importUnder      "Import groups under this group", null for the root
 * @param fromAttribute    "Group stored in user's attribute"
 * @param fromDn           "Group stored in user's DN"
 * @param treeFromDn       "Tree group stored in user's DN"
 * @param fromMemberOf     "Group stored in user's memberOf attribute"
 */
public record GroupRules(boolean keepDefaultGroup, GroupPath importUnder, AttributeGroup fromAttribute, DnGroup fromDn, DnTreeGroup treeFromDn,
        MemberOfGroups fromMemberOf) {

    /** No group import: users keep the groups they have. */
    public static GroupRules none() {
        return new GroupRules(false, null, null, null, null, null);
    }

    /**
     * The group named by an attribute or a template: {@code %a%_%b%} names one group
     * {@code valueA_valueB}, {@code %a%|%b%} a group {@code valueA} with a subgroup {@code valueB}.
     * A template gives no group for a user missing one of its attributes (no half-named groups).
     */
    public record AttributeGroup(AttributeTemplate attribute, boolean makeDefault) {

        public static AttributeGroup parse(String text, boolean makeDefault) {
            return new AttributeGroup(AttributeTemplate.parse("groupAttribute", text), makeDefault);
        }
    }

    /** The OU component of the user's DN with this index, counted from the right from 1. */
    public record DnGroup(int ouIndex, boolean makeDefault) {

        public DnGroup {
            if (ouIndex < 1) {
                throw new InvalidLdapSyncSettings("ouIndex", "the OU index counts from 1 (the rightmost OU)");
            }
        }
    }

    /**
     * The components of the user's DN as a group tree, the rightmost kept component as root, after
     * removing some from the left (at least the user's own CN) and from the right (at least the
     * rightmost DC).
     */
    public record DnTreeGroup(int removeFromLeft, int removeFromRight, boolean makeDefault) {

        public DnTreeGroup {
            if (removeFromLeft < 1) {
                throw new InvalidLdapSyncSettings("removeFromLeft", "at least one component (the user's CN) is removed from the left");
            }
            if (removeFromRight < 1) {
                throw new InvalidLdapSyncSettings("removeFromRight", "at least one component (the rightmost DC) is removed from the right");
            }
        }
    }

    /**
     * The groups of the user's memberOf attribute that are under {@code groupsBaseDn} and meet the
     * filter. With {@code importTree} a group keeps the OUs between the base DN and itself as parent
     * groups; otherwise every group is added by its own name. With {@code importEmptyGroups} every
     * group under the base DN meeting the filter is created, member or not.
     */
    public record MemberOfGroups(String groupsBaseDn, FilterLines filter, boolean importEmptyGroups, boolean importTree) {

        public MemberOfGroups {
            baseDn(groupsBaseDn);
            filter = filter == null ? FilterLines.none() : filter;
        }

        DN baseDn() {
            return baseDn(groupsBaseDn);
        }

        private static DN baseDn(String text) {
            if (text == null || text.isBlank()) {
                throw new InvalidLdapSyncSettings("groupsBaseDn", "the groups base DN is required");
            }
            try {
                return new DN(text);
            } catch (LDAPException e) {
                throw new InvalidLdapSyncSettings("groupsBaseDn", "'" + text + "' is not a DN: " + e.getExceptionMessage());
            }
        }
    }

    /** Every user attribute the rules read, for the search request. */
    public Set<String> userAttributes() {
        Set<String> names = new LinkedHashSet<>();
        if (fromAttribute != null) {
            names.addAll(fromAttribute.attribute().attributes());
        }
        if (fromMemberOf != null) {
            names.add("memberOf");
        }
        return names;
    }

    /** The user's groups by every rule in use. */
    public UserGroups groupsOf(LdapEntry user, LdapGroups groups) {
        List<GroupPath> found = new ArrayList<>();
        GroupPath defaultGroup = null;
        if (fromAttribute != null) {
            List<GroupPath> g = byAttribute(user);
            found.addAll(g);
            if (fromAttribute.makeDefault() && !g.isEmpty()) {
                defaultGroup = g.get(0);
            }
        }
        if (fromDn != null) {
            GroupPath g = byOuIndex(user.dn());
            if (g != null) {
                found.add(g);
                if (fromDn.makeDefault() && defaultGroup == null) {
                    defaultGroup = g;
                }
            }
        }
        List<String> dnNames = treeFromDn == null ? null : dnNames(user.dn());
        if (dnNames != null) {
            int from = treeFromDn.removeFromLeft();
            int to = dnNames.size() - treeFromDn.removeFromRight();
            if (from < to) {
                List<String> tree = new ArrayList<>(dnNames.subList(from, to));
                Collections.reverse(tree);
                GroupPath g = under(tree);
                if (g != null) {
                    found.add(g);
                    if (treeFromDn.makeDefault() && defaultGroup == null) {
                        defaultGroup = g;
                    }
                }
            }
        }
        if (fromMemberOf != null) {
            for (String memberOf : user.values("memberOf")) {
                GroupPath g = memberOfGroup(memberOf, groups);
                if (g != null) {
                    found.add(g);
                }
            }
        }
        Set<GroupPath> ordered = new LinkedHashSet<>();
        if (defaultGroup != null) {
            ordered.add(defaultGroup);
        }
        ordered.addAll(found);
        return new UserGroups(List.copyOf(ordered), defaultGroup, keepDefaultGroup);
    }

    /** "Import empty groups": every group under the groups base DN meeting the filter, to be created even without members. */
    public List<GroupPath> groupsToCreate(LdapGroups groups) {
        if (fromMemberOf == null || !fromMemberOf.importEmptyGroups()) {
            return List.of();
        }
        Set<GroupPath> out = new LinkedHashSet<>();
        for (LdapEntry e : groups.all()) {
            GroupPath g = memberOfGroup(e.dn(), groups);
            if (g != null) {
                out.add(g);
            }
        }
        return List.copyOf(out);
    }

    private List<GroupPath> byAttribute(LdapEntry user) {
        List<GroupPath> out = new ArrayList<>();
        for (String value : fromAttribute.attribute().valuesOfCompleteEntries(user)) {
            GroupPath g = under(Arrays.asList(value.split("\\|")));
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }

    private GroupPath byOuIndex(String dn) {
        RDN[] rdns = rdns(dn);
        if (rdns == null) {
            return null;
        }
        int index = 0;
        for (int i = rdns.length - 1; i >= 0; i--) {
            String ou = valueOf(rdns[i], "ou");
            if (ou != null && ++index == fromDn.ouIndex()) {
                return under(List.of(ou));
            }
        }
        return null;
    }

    private GroupPath memberOfGroup(String groupDn, LdapGroups groups) {
        DN base = fromMemberOf.baseDn();
        DN dn;
        try {
            dn = new DN(groupDn);
        } catch (LDAPException e) {
            return null;
        }
        if (!dn.isDescendantOf(base, false)) {
            return null;
        }
        if (!fromMemberOf.filter().isEmpty()) {
            // A group the reader did not list is judged on the attributes of its DN's first component (cn=...).
            LdapEntry entry = groups.find(dn).orElseGet(() -> rdnEntry(dn));
            if (!fromMemberOf.filter().matches(entry)) {
                return null;
            }
        }
        RDN[] rdns = dn.getRDNs();
        int below = rdns.length - base.getRDNs().length;
        List<String> names = new ArrayList<>();
        for (int i = fromMemberOf.importTree() ? below - 1 : 0; i >= 0; i--) {
            names.add(firstValue(rdns[i]));
        }
        return under(names);
    }

    private static LdapEntry rdnEntry(DN dn) {
        RDN rdn = dn.getRDN();
        Map<String, List<String>> attributes = new HashMap<>();
        if (rdn != null) {
            String[] names = rdn.getAttributeNames();
            String[] values = rdn.getAttributeValues();
            for (int i = 0; i < names.length; i++) {
                attributes.put(names[i], List.of(values[i]));
            }
        }
        return LdapEntry.of(dn.toString(), attributes);
    }

    /** The first value of every component of the DN, left to right; null when the DN does not parse. */
    private static List<String> dnNames(String dn) {
        RDN[] rdns = rdns(dn);
        return rdns == null ? null : Arrays.stream(rdns).map(GroupRules::firstValue).toList();
    }

    private static RDN[] rdns(String dn) {
        try {
            return new DN(dn).getRDNs();
        } catch (LDAPException e) {
            return null;
        }
    }

    private static String firstValue(RDN rdn) {
        return rdn.getAttributeValues()[0];
    }

    private static String valueOf(RDN rdn, String attribute) {
        String[] names = rdn.getAttributeNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(attribute)) {
                return rdn.getAttributeValues()[i];
            }
        }
        return null;
    }

    /** The path of these names under importUnder; blank names are left out, null when none is left. */
    private GroupPath under(List<String> names) {
        List<String> all = new ArrayList<>();
        if (importUnder != null) {
            all.addAll(importUnder.names());
        }
        int own = 0;
        for (String n : names) {
            if (n != null && !n.isBlank()) {
                all.add(n.trim());
                own++;
            }
        }
        return own == 0 ? null : new GroupPath(all);
    }
}
