package org.ream.central.usersync.source;

import java.util.List;

/**
 * What to read from an LDAP directory.
 *
 * @param baseDns     where to search (subtree each); none may lie inside another
 * @param filter      the LDAP filter selecting the users, e.g. (objectClass=person)
 * @param attributes  the attributes to read (memberOf included if groups are wanted)
 * @param idAttribute where the immutable id is; null: by the server's type
 * @param watermark   the watermark of the previous complete run for a delta read; null: full read
 * @param pageSize    entries per page (SimplePagedResultsControl)
 */
public record LdapQuery(List<String> baseDns, String filter, List<String> attributes, LdapIdAttribute idAttribute, String watermark, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 1000;

    public LdapQuery {
        baseDns = List.copyOf(baseDns);
        attributes = List.copyOf(attributes);
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
    }

    public static LdapQuery full(List<String> baseDns, String filter, List<String> attributes) {
        return new LdapQuery(baseDns, filter, attributes, null, null, DEFAULT_PAGE_SIZE);
    }

    public LdapQuery withWatermark(String w) {
        return new LdapQuery(baseDns, filter, attributes, idAttribute, w, pageSize);
    }

    public LdapQuery withPageSize(int size) {
        return new LdapQuery(baseDns, filter, attributes, idAttribute, watermark, size);
    }

    public LdapQuery withIdAttribute(LdapIdAttribute id) {
        return new LdapQuery(baseDns, filter, attributes, id, watermark, pageSize);
    }
}
