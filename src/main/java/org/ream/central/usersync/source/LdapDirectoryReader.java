package org.ream.central.usersync.source;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.util.StaticUtils;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.ream.central.authserver.LdapConnections;
import org.ream.central.authserver.LdapSettings;
import org.ream.central.authserver.LdapSettings.LdapType;
import org.ream.central.authserver.ServerAddress;

/**
 * Reads the users of an LDAP directory (manual 8.7.2, 8.7.5, 8.7.6) page by page
 * (SimplePagedResultsControl), handing each entry to a consumer as it arrives: one page at most
 * is held in memory. The addresses of the server are tried in order until one connects and
 * accepts the search account; the read then stays on that server.
 *
 * <p>Anything but a clean end of every page of every base DN (a size or time limit such as
 * OpenLDAP's default 500 entries, a base DN that does not exist, a lost connection) makes the
 * result incomplete: an incomplete read must never deactivate users.
 *
 * <p>Delta reads: Active Directory by uSNChanged against the highestCommittedUSN of the same
 * domain controller (USNs are per DC: a watermark from another DC means a full read); the
 * others by modifyTimestamp, inclusive, so entries stamped at the watermark itself are read
 * again. Deletions are not seen by a delta: only a full read finds users that are gone.
 */
public final class LdapDirectoryReader {

    static final String USN_PREFIX = "usn:";
    static final String TIMESTAMP_PREFIX = "ts:";
    private static final int MIN_PAGE_TIMEOUT_MS = 120_000;

    private final LdapConnections connections;
    private final String bindUser;
    private final String bindPassword;

    /**
     * @param connections  how to reach the server (its stored authentication-server settings)
     * @param bindUser     the account that reads the directory (empty: anonymous, or the client certificate alone)
     * @param bindPassword its password
     */
    public LdapDirectoryReader(LdapConnections connections, String bindUser, String bindPassword) {
        this.connections = connections;
        this.bindUser = bindUser == null ? "" : bindUser;
        this.bindPassword = bindPassword == null ? "" : bindPassword;
    }

    /** With the search account of the server's settings. */
    public LdapDirectoryReader(LdapSettings settings) {
        this(new LdapConnections(settings), settings.bindUser(), settings.bindPassword());
    }

    /** Refuses base DNs and a filter the directory could not use, naming the field (for the source's settings form). */
    public static void validate(List<String> baseDns, String filter) {
        if (baseDns == null || baseDns.isEmpty()) {
            throw new InvalidSourceQuery("baseDns", "at least one base DN is required");
        }
        List<DN> parsed = new ArrayList<>();
        for (String text : baseDns) {
            DN dn;
            try {
                dn = new DN(text == null ? "" : text.strip());
            } catch (LDAPException e) {
                throw new InvalidSourceQuery("baseDns", "is not a DN: " + text + " (" + e.getExceptionMessage() + ")");
            }
            if (dn.isNullDN()) {
                throw new InvalidSourceQuery("baseDns", "a base DN is empty");
            }
            for (DN other : parsed) {
                if (dn.equals(other) || dn.isDescendantOf(other, false) || other.isDescendantOf(dn, false)) {
                    // Each entry would be read twice; one base DN already covers the other.
                    throw new InvalidSourceQuery("baseDns", text + " overlaps " + other + ": keep only the higher one");
                }
            }
            parsed.add(dn);
        }
        parseFilter(filter);
    }

    /**
     * Whether an entry changed after the watermark of a previous read: its modifyTimestamp (read
     * with every entry but on Active Directory) later than the watermark's, or its uSNChanged
     * (Active Directory, when asked for) past the watermark's USN. Unlike the users' delta filter
     * this is not inclusive: a watermark that took this entry's stamp (see {@link #later}) must
     * not find it changed again at every run. True when it cannot be told.
     */
    static boolean changedAfter(DirectoryEntry e, String watermark) {
        if (watermark == null) {
            return true;
        }
        if (watermark.startsWith(TIMESTAMP_PREFIX)) {
            String ts = e.first("modifyTimestamp");
            try {
                return ts == null || StaticUtils.decodeGeneralizedTime(ts).after(StaticUtils.decodeGeneralizedTime(watermark.substring(TIMESTAMP_PREFIX.length())));
            } catch (ParseException ex) {
                return true;
            }
        }
        Usn previous = Usn.parse(watermark);
        String usn = e.first("uSNChanged");
        if (previous == null || usn == null) {
            return true;
        }
        try {
            return Long.parseLong(usn.strip()) >= previous.next();
        } catch (NumberFormatException ex) {
            return true;
        }
    }

    /** The later of two modifyTimestamp watermarks; {@code watermark} itself when either is of another kind. */
    static String later(String watermark, String other) {
        if (watermark == null || other == null || !watermark.startsWith(TIMESTAMP_PREFIX) || !other.startsWith(TIMESTAMP_PREFIX)) {
            return watermark;
        }
        try {
            return StaticUtils.decodeGeneralizedTime(other.substring(TIMESTAMP_PREFIX.length()))
                    .after(StaticUtils.decodeGeneralizedTime(watermark.substring(TIMESTAMP_PREFIX.length()))) ? other : watermark;
        } catch (ParseException e) {
            return watermark;
        }
    }

    static Filter parseFilter(String filter) {
        if (filter == null || filter.isBlank()) {
            throw new InvalidSourceQuery("filter", "is required, e.g. (objectClass=person)");
        }
        try {
            return Filter.create(filter.strip());
        } catch (LDAPException e) {
            throw new InvalidSourceQuery("filter", "is not an LDAP filter: " + filter + " (" + e.getExceptionMessage() + ")");
        }
    }

    /**
     * Reads the users and gives each to {@code consumer} in the order the server sends them. An
     * exception of the consumer stops the read and comes out of this method unchanged.
     *
     * @throws InvalidSourceQuery     the base DNs or filter cannot be used
     * @throws DirectoryReadException no address answered, the search account was refused, or
     *                                the server lacks what a delta read needs
     */
    public ReadResult read(LdapQuery query, Consumer<DirectoryEntry> consumer) throws DirectoryReadException {
        validate(query.baseDns(), query.filter());
        List<String> problems = new ArrayList<>();
        for (ServerAddress a : connections.addresses(problems)) {
            LDAPConnection c;
            try {
                c = connections.connect(a);
            } catch (LDAPException e) {
                if (!LdapConnections.unreachable(e)) {
                    throw new DirectoryReadException("LDAP server " + a + " answered " + LdapConnections.describe(e));
                }
                problems.add(a + " (" + LdapConnections.describe(e) + ")");
                continue;
            } catch (GeneralSecurityException e) {
                throw new DirectoryReadException("The TLS settings of the LDAP server cannot be used: " + e.getMessage(), e);
            }
            try (c) {
                if (!bindUser.isEmpty()) {
                    try {
                        c.bind(new SimpleBindRequest(bindUser, bindPassword));
                    } catch (LDAPException e) {
                        if (LdapConnections.unreachable(e)) {
                            problems.add(a + " (" + LdapConnections.describe(e) + ")");
                            continue;
                        }
                        throw new DirectoryReadException("LDAP server " + a + " refused the account " + bindUser + " (" + e.getResultCode().getName() + ")");
                    }
                }
                return readFrom(c, a, query, consumer);
            }
        }
        throw new DirectoryReadException("No LDAP server of " + connections.settings().domain() + " could be reached: tried "
                + (problems.isEmpty() ? "no address" : String.join(", ", problems)));
    }

    private ReadResult readFrom(LDAPConnection c, ServerAddress address, LdapQuery q, Consumer<DirectoryEntry> consumer) throws DirectoryReadException {
        LdapIdAttribute id = q.idAttribute() != null ? q.idAttribute() : LdapIdAttribute.forType(connections.settings().type());
        Filter users = parseFilter(q.filter());
        Set<String> attributes = new LinkedHashSet<>(q.attributes());
        attributes.add(id.attribute());
        Filter filter = users;
        boolean delta = false;
        String note = null;
        String usnMark = null;
        if (connections.settings().type() == LdapType.ACTIVE_DIRECTORY) {
            // Read before the search: what changes while it runs is read again next time, never lost.
            Usn now = rootUsn(c, address);
            usnMark = now.mark();
            Usn previous = Usn.parse(q.watermark());
            if (previous != null && previous.server().equalsIgnoreCase(now.server())) {
                filter = Filter.createANDFilter(users, Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(previous.next())));
                delta = true;
            } else if (q.watermark() != null) {
                note = "The watermark is from another domain controller than " + now.server() + ": full read";
            }
        } else {
            attributes.add("modifyTimestamp");
            String since = q.watermark() != null && q.watermark().startsWith(TIMESTAMP_PREFIX) ? q.watermark().substring(TIMESTAMP_PREFIX.length()) : null;
            if (since != null && !since.isEmpty()) {
                filter = Filter.createANDFilter(users, Filter.createGreaterOrEqualFilter("modifyTimestamp", since));
                delta = true;
            } else if (q.watermark() != null) {
                note = "The watermark " + q.watermark() + " is not a modifyTimestamp one: full read";
            }
        }
        Page page = new Page(id, consumer);
        for (String base : q.baseDns()) {
            ASN1OctetString cookie = null;
            do {
                SearchRequest request = new SearchRequest(base.strip(), SearchScope.SUB, filter, attributes.toArray(new String[0]));
                request.setControls(new SimplePagedResultsControl(q.pageSize(), cookie, false));
                request.setResponseTimeoutMillis(Math.max(MIN_PAGE_TIMEOUT_MS, connections.settings().timeoutSeconds() * 1000L));
                SearchResult result;
                try {
                    result = c.search(request);
                } catch (LDAPSearchException e) {
                    result = e.getSearchResult();
                }
                page.deliver(result.getSearchEntries());
                if (result.getResultCode() != ResultCode.SUCCESS) {
                    String why = result.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED
                            ? "the server stopped at its size limit after " + page.count + " entries (OpenLDAP allows 500 by default: raise it for the search account)"
                            : result.getResultCode().getName() + (result.getDiagnosticMessage() == null ? "" : ": " + result.getDiagnosticMessage());
                    return new ReadResult(false, delta, page.count, 0, null, "Read of " + base + " on " + address + " incomplete: " + why);
                }
                SimplePagedResultsControl response;
                try {
                    response = SimplePagedResultsControl.get(result);
                } catch (LDAPException e) {
                    return new ReadResult(false, delta, page.count, 0, null, "Read of " + base + " on " + address + " incomplete: bad paging answer: "
                            + e.getExceptionMessage());
                }
                cookie = response == null || response.getCookie() == null || response.getCookie().getValueLength() == 0 ? null : response.getCookie();
            } while (cookie != null);
        }
        String watermark;
        if (usnMark != null) {
            watermark = usnMark;
        } else if (page.latest != null) {
            watermark = TIMESTAMP_PREFIX + page.latestText;
        } else {
            watermark = delta ? q.watermark() : null;
        }
        return new ReadResult(true, delta, page.count, 0, watermark, note);
    }

    /** Turns the entries of one page into {@link DirectoryEntry}s, tracking the latest modifyTimestamp. */
    private static final class Page {
        final LdapIdAttribute id;
        final Consumer<DirectoryEntry> consumer;
        long count;
        Date latest;
        String latestText;

        Page(LdapIdAttribute id, Consumer<DirectoryEntry> consumer) {
            this.id = id;
            this.consumer = consumer;
        }

        void deliver(List<SearchResultEntry> entries) {
            for (SearchResultEntry e : entries) {
                consumer.accept(toEntry(e));
                count++;
                String ts = e.getAttributeValue("modifyTimestamp");
                if (ts != null) {
                    try {
                        Date d = StaticUtils.decodeGeneralizedTime(ts);
                        if (latest == null || d.after(latest)) {
                            latest = d;
                            latestText = ts;
                        }
                    } catch (ParseException ignored) {
                        // not a time: cannot be a watermark
                    }
                }
            }
        }

        DirectoryEntry toEntry(SearchResultEntry e) {
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            for (Attribute a : e.getAttributes()) {
                List<String> values;
                if (a.getBaseName().equalsIgnoreCase("objectGUID")) {
                    values = new ArrayList<>();
                    for (byte[] b : a.getValueByteArrays()) {
                        String s = LdapIdAttribute.guidToString(b);
                        if (s != null) {
                            values.add(s);
                        }
                    }
                } else {
                    values = List.of(a.getValues());
                }
                attributes.merge(a.getName(), values, (x, y) -> {
                    List<String> all = new ArrayList<>(x);
                    all.addAll(y);
                    return all;
                });
            }
            String externalId = switch (id) {
                case OBJECT_GUID -> LdapIdAttribute.guidToString(e.getAttributeValueBytes("objectGUID"));
                case ENTRY_UUID -> {
                    String v = e.getAttributeValue("entryUUID");
                    yield v == null ? null : v.toLowerCase(Locale.ROOT);
                }
            };
            return new DirectoryEntry(externalId, e.getDN(), attributes, List.of(), false);
        }
    }

    /** An Active Directory high-water mark: the next USN to read from, on the DC that gave it. */
    record Usn(long next, String server) {

        String mark() {
            return USN_PREFIX + next + "@" + server;
        }

        static Usn parse(String mark) {
            if (mark == null || !mark.startsWith(USN_PREFIX)) {
                return null;
            }
            int at = mark.indexOf('@');
            if (at < 0) {
                return null;
            }
            try {
                return new Usn(Long.parseLong(mark.substring(USN_PREFIX.length(), at)), mark.substring(at + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private static Usn rootUsn(LDAPConnection c, ServerAddress address) throws DirectoryReadException {
        try {
            com.unboundid.ldap.sdk.Entry root = c.getEntry("", "highestCommittedUSN", "dsServiceName");
            String usn = root == null ? null : root.getAttributeValue("highestCommittedUSN");
            if (usn == null) {
                throw new DirectoryReadException("LDAP server " + address + " shows no highestCommittedUSN: is it Active Directory? Check the server type");
            }
            String server = root.getAttributeValue("dsServiceName");
            return new Usn(Long.parseLong(usn.strip()) + 1, server == null ? address.toString() : server);
        } catch (LDAPException e) {
            throw new DirectoryReadException("LDAP server " + address + " did not give its rootDSE: " + LdapConnections.describe(e));
        } catch (NumberFormatException e) {
            throw new DirectoryReadException("LDAP server " + address + " gave a highestCommittedUSN that is not a number");
        }
    }
}
