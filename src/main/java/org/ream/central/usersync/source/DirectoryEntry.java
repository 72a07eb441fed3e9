package org.ream.central.usersync.source;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One user as a directory delivers it, before any mapping to Ream's properties.
 *
 * @param id         the source's immutable id (entryUUID, objectGUID as a UUID string, Graph id);
 *                   null when the entry has none, so it can only be matched by name
 * @param name       the LDAP DN, or the Graph userPrincipalName (may be null in a Graph delta)
 * @param attributes the attributes or Graph properties read, keys case-insensitive; a key that is
 *                   absent was not delivered (in a delta: unchanged), an empty list means empty
 * @param groups     Graph only: the names of the user's groups, ignored groups left out
 *                   (LDAP gives memberOf as an attribute)
 * @param removed    Graph delta only: the user was deleted or left the scope of the read
 */
public record DirectoryEntry(String id, String name, Map<String, List<String>> attributes, List<String> groups, boolean removed) {

    public DirectoryEntry {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        attributes.forEach((k, v) -> copy.merge(k, List.copyOf(v), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        attributes = Collections.unmodifiableMap(copy);
        groups = List.copyOf(groups);
    }

    /** The first value of an attribute, null when it has none. */
    public String first(String attribute) {
        List<String> v = attributes.get(attribute);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** All values of an attribute, empty when it has none or was not delivered. */
    public List<String> values(String attribute) {
        return attributes.getOrDefault(attribute, List.of());
    }
}
