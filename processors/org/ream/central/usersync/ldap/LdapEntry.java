package org.ream.central.usersync.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry as the reader got it from the directory: its DN, its attributes (names compared
 * without case, as LDAP does) and the value of the source's id attribute (entryUUID, objectGUID
 * as text), null when the directory has none.
 */
public record LdapEntry(String dn, Map<String, List<String>> attributes, String externalId) {

    public LdapEntry {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        attributes.forEach((name, values) -> copy.merge(name, values == null ? List.of() : List.copyOf(values), (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        attributes = Collections.unmodifiableMap(copy);
    }

    public static LdapEntry of(String dn, Map<String, List<String>> attributes) {
        return new LdapEntry(dn, attributes, null);
    }

    /** The attribute's values; an empty list when the entry does not have it. */
    public List<String> values(String attribute) {
        return attributes.getOrDefault(attribute, List.of());
    }

    Entry toUnboundId() {
        List<Attribute> list = new ArrayList<>();
        attributes.forEach((name, values) -> list.add(new Attribute(name, values)));
        return new Entry(dn, list);
    }
}
