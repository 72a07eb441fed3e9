// The raw limit bench/usersync compares a full synchronisation with: a paged read of the same
// entries with the same attributes (UnboundID, as the server reads), then a plain JDBC batch
// insert of the same rows (users, groups, memberships) into a fresh database of the server's
// schema, committed every CHUNK rows. Prints "limit read_ms=<r> insert_ms=<i> total_ms=<t> users=<n>".
//
//   java -cp <server libs> RawLimit.java <port> <bindDn> <password> <baseDn> <groupBase> <db file>
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

public class RawLimit {

    static final String[] ATTRIBUTES = {"uid", "cn", "mail", "employeeNumber", "telephoneNumber", "preferredLanguage", "memberOf", "entryUUID",
        "modifyTimestamp"};
    static final int CHUNK = 1000;

    record Person(String uuid, String uid, String cn, String mail, String number, String phone, String lang, List<String> groups) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long t0 = System.nanoTime();
        List<Person> people = new ArrayList<>();
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", port, args[1], args[2])) {
            SearchRequest req = new SearchRequest(args[3], SearchScope.SUB, "(objectClass=inetOrgPerson)", ATTRIBUTES);
            com.unboundid.asn1.ASN1OctetString cookie = null;
            do {
                req.setControls(new SimplePagedResultsControl(1000, cookie));
                SearchResult r = c.search(req);
                for (SearchResultEntry e : r.getSearchEntries()) {
                    String[] memberOf = e.getAttributeValues("memberOf");
                    people.add(new Person(e.getAttributeValue("entryUUID"), e.getAttributeValue("uid"), e.getAttributeValue("cn"), e.getAttributeValue("mail"),
                            e.getAttributeValue("employeeNumber"), e.getAttributeValue("telephoneNumber"), e.getAttributeValue("preferredLanguage"),
                            memberOf == null ? List.of() : List.of(memberOf)));
                }
                SimplePagedResultsControl paged = SimplePagedResultsControl.get(r);
                cookie = paged == null || !paged.moreResultsToReturn() ? null : paged.getCookie();
            } while (cookie != null);
        }
        long readMs = (System.nanoTime() - t0) / 1_000_000;

        Properties p = new Properties();
        p.setProperty("user", "SYSDBA");
        p.setProperty("password", "masterkey");
        p.setProperty("charSet", "UTF-8");
        long t1 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:firebird:embedded:" + args[5], p)) {
            c.setAutoCommit(false);
            long id = 9_000_000_000L;
            Timestamp now = Timestamp.valueOf(LocalDateTime.now());
            Map<String, Long> groups = new HashMap<>();
            try (PreparedStatement g = c.prepareStatement("INSERT INTO USER_GROUPS (ID, PARENT_ID, NAME, FULL_PATH, IS_SYSTEM, CREATED_AT) VALUES (?, NULL, ?, ?, FALSE, ?)")) {
                int n = 0;
                for (Person person : people) {
                    for (String dn : person.groups()) {
                        if (!groups.containsKey(dn)) {
                            long gid = ++id;
                            groups.put(dn, gid);
                            String name = dn.substring(3, dn.indexOf(','));
                            g.setLong(1, gid);
                            g.setString(2, name);
                            g.setString(3, name);
                            g.setTimestamp(4, now);
                            g.addBatch();
                            if (++n % CHUNK == 0) {
                                g.executeBatch();
                                c.commit();
                            }
                        }
                    }
                }
                g.executeBatch();
                c.commit();
            }
            try (PreparedStatement u = c.prepareStatement("INSERT INTO USERS (ID, USERNAME, FULL_NAME, EMAIL, PHONE, PERSONAL_NUMBER, LANG, USE_AUTH_SERVER,"
                    + " SYNC_SOURCE_ID, SYNC_EXTERNAL_ID, IS_SYSTEM, FAILED_LOGINS, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, 1, ?, FALSE, 0, ?, ?)");
                    PreparedStatement m = c.prepareStatement("INSERT INTO GROUP_MEMBERS (GROUP_ID, USER_ID, IS_ACCOUNTING, IS_MANAGER) VALUES (?, ?, ?, FALSE)")) {
                int n = 0;
                for (Person person : people) {
                    long uid = ++id;
                    u.setLong(1, uid);
                    u.setString(2, person.uid());
                    u.setString(3, person.cn());
                    u.setString(4, person.mail());
                    u.setString(5, person.phone());
                    u.setString(6, person.number());
                    u.setString(7, person.lang());
                    u.setString(8, person.uuid());
                    u.setTimestamp(9, now);
                    u.setTimestamp(10, now);
                    u.addBatch();
                    boolean first = true;
                    for (String dn : person.groups()) {
                        m.setLong(1, groups.get(dn));
                        m.setLong(2, uid);
                        m.setBoolean(3, first);
                        m.addBatch();
                        first = false;
                    }
                    if (++n % CHUNK == 0) {
                        u.executeBatch();
                        m.executeBatch();
                        c.commit();
                    }
                }
                u.executeBatch();
                m.executeBatch();
                c.commit();
            }
        }
        long insertMs = (System.nanoTime() - t1) / 1_000_000;
        System.out.printf("limit read_ms=%d insert_ms=%d total_ms=%d users=%d%n", readMs, insertMs, readMs + insertMs, people.size());
    }
}
