package org.ream.central.usersync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ream.central.usersync.SyncApi.admin;
import static org.ream.central.usersync.SyncApi.log;
import static org.ream.central.usersync.SyncApi.unique;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.ream.central.usersync.SyncApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ream.central.authserver.AuthServers;
import org.ream.central.authserver.ExternalProcess;
import org.ream.central.authserver.FreePorts;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;

/**
 * User synchronisation against a real OpenLDAP slapd (Debian package slapd), through the API
 * and the usersync.runs queue: memberOf kept by slapd's memberof overlay, entryUUID and
 * modifyTimestamp kept by slapd, and a search account limited to 5 entries to see what a
 * truncated read does. Skipped when slapd is not installed.
 */
@QuarkusTest
class OpenLdapSyncSystemTest {

    static final Path SLAPD = Path.of("/usr/sbin/slapd");
    static final String BASE = "dc=example,dc=com";
    static final String ROOT_DN = "cn=admin," + BASE;
    static final String ROOT_PW = "admin-Secret9";
    static final String READER = "cn=reader," + BASE;
    static final String READER_PW = "reader-Secret7";
    /** A search account slapd stops after 5 entries ({@code limits ... size=5}). */
    static final String LIMITED = "cn=limited," + BASE;
    static final String LIMITED_PW = "limited-Secret3";
    static final String PEOPLE = "ou=people," + BASE;
    static final String GROUPS = "ou=groups," + BASE;

    static ExternalProcess slapd;
    static int port;

    @Inject
    Databases databases;

    @Inject
    org.ream.central.usersync.SyncSources syncSources;

    /** The server allows five LDAP sources (manual 8.7.2), and the test classes share one database. */
    @org.junit.jupiter.api.AfterEach
    void removeLdapSources() {
        SyncApi.removeLdapSources(syncSources);
    }

    @Inject
    AuthServers authServers;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(SLAPD), "OpenLDAP system test skipped: /usr/sbin/slapd not installed (apt-get install slapd)");
        slapd = new ExternalProcess("ream-slapd-sync");
        Path dir = slapd.dir;
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("slapd.conf"), String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "pidfile " + dir.resolve("slapd.pid"),
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "moduleload memberof",
                "database mdb",
                "maxsize 10485760",
                "suffix \"" + BASE + "\"",
                "rootdn \"" + ROOT_DN + "\"",
                "rootpw " + ROOT_PW,
                "directory " + dir.resolve("data"),
                "limits dn.exact=\"" + LIMITED + "\" size=5",
                // memberOf on the users follows groupOfNames members; a rename of a user follows into its groups.
                "overlay memberof",
                "memberof-refint TRUE",
                "access to attrs=userPassword by anonymous auth by * none",
                "access to * by users read by * none", ""));
        port = FreePorts.tcp();
        slapd.start(List.of(SLAPD.toString(), "-f", dir.resolve("slapd.conf").toString(), "-h", "ldap://127.0.0.1:" + port + "/", "-d", "0"),
                () -> ExternalProcess.listening(port), Duration.ofSeconds(20));
        try (LDAPConnection c = root()) {
            c.add("dn: " + BASE, "objectClass: dcObject", "objectClass: organization", "dc: example", "o: Example");
            c.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
            c.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
            c.add("dn: " + READER, "objectClass: person", "cn: reader", "sn: reader", "userPassword: " + READER_PW);
            c.add("dn: " + LIMITED, "objectClass: person", "cn: limited", "sn: limited", "userPassword: " + LIMITED_PW);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    static LDAPConnection root() throws Exception {
        return new LDAPConnection("127.0.0.1", port, ROOT_DN, ROOT_PW);
    }

    /** A new OU under {@code parent}, so that each test reads only its own entries. */
    static String ou(String parent) throws Exception {
        String name = unique("unit");
        try (LDAPConnection c = root()) {
            c.add("dn: ou=" + name + "," + parent, "objectClass: organizationalUnit", "ou: " + name);
        }
        return "ou=" + name + "," + parent;
    }

    static void addUser(String ou, String uid, String mail, String employeeNumber) throws Exception {
        try (LDAPConnection c = root()) {
            c.add("dn: uid=" + uid + "," + ou, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid + " Test", "sn: Test", "mail: " + mail,
                    "employeeNumber: " + employeeNumber);
        }
    }

    long source(String ou, String bindUser, String bindPassword, Map<String, Object> options, Map<String, Object> groups) {
        Map<String, Object> server = new HashMap<>();
        server.put("domain", "example.com");
        server.put("type", "OpenLDAP");
        server.put("security", "none");
        server.put("addresses", List.of("127.0.0.1:" + port));
        long serverId = authServers.create("LDAP", unique("OpenLDAP"), server, Actor.SYSTEM).id();
        Map<String, Object> config = new HashMap<>();
        config.put("serverId", serverId);
        config.put("bindUser", bindUser);
        config.put("bindPassword", bindPassword);
        config.put("baseDns", List.of(ou));
        config.put("mapping", Map.of("userName", "uid", "fullName", "cn", "email", "mail", "personalNumber", "employeeNumber"));
        config.put("options", options);
        config.put("groups", groups);
        return admin().body(Map.of("kind", "LDAP", "name", unique("OpenLDAP"), "config", config)).post("/api/user-sync/sources").then().log()
                .ifValidationFails().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A run through the API as the scheduler would queue it ({@code full} false: a delta when the source has a watermark). */
    JsonPath run(long sourceId, boolean full) {
        return SyncApi.run(sourceId, false, full);
    }

    /** The "Read N user(s)" count of the result log. */
    static int readCount(String log) {
        Matcher m = Pattern.compile("^Read (\\d+) user\\(s\\)", Pattern.MULTILINE).matcher(log);
        assertThat(m.find()).as(log).isTrue();
        return Integer.parseInt(m.group(1));
    }

    List<String> groupsOf(String username) {
        return SyncApi.groupsOf(databases, username);
    }

    String email(String username) {
        return databases.mainJdbc().one("SELECT EMAIL FROM USERS WHERE USERNAME = ? AND DELETED_AT IS NULL", rs -> rs.getString(1), username).orElse(null);
    }

    @Test
    void memberOfGroupsThenAnUnchangedRunThenARenameThenADeltaRun() throws Exception {
        String ou = ou(PEOPLE);
        String groups = ou(GROUPS);
        String ada = unique("ada");
        String alan = unique("alan");
        String edsger = unique("edsger");
        addUser(ou, ada, ada + "@example.com", "2001");
        addUser(ou, alan, alan + "@example.com", "2002");
        addUser(ou, edsger, edsger + "@example.com", "2003");
        try (LDAPConnection c = root()) {
            c.add("dn: cn=Research," + groups, "objectClass: groupOfNames", "cn: Research", "member: uid=" + ada + "," + ou, "member: uid=" + alan + "," + ou);
            c.add("dn: cn=Sales," + groups, "objectClass: groupOfNames", "cn: Sales", "member: uid=" + alan + "," + ou);
            // A group outside the memberOf base DN: not imported.
            c.add("dn: cn=" + unique("Elsewhere") + "," + ou, "objectClass: groupOfNames", "cn: Elsewhere", "member: uid=" + edsger + "," + ou);
        }
        long source = source(ou, READER, READER_PW, Map.of("deactivateMissing", true), Map.of("memberOfBase", groups, "importUnder", "Directory"));

        JsonPath first = run(source, true);
        assertThat(first.getString("status")).as(log(first)).isEqualTo("OK");
        assertThat(first.getInt("added")).as(log(first)).isEqualTo(3);
        assertThat(groupsOf(ada)).containsExactly("Directory|Research");
        assertThat(groupsOf(alan)).containsExactly("Directory|Research", "Directory|Sales");
        assertThat(groupsOf(edsger)).isEmpty();
        assertThat(email(alan)).isEqualTo(alan + "@example.com");
        assertThat(databases.mainJdbc().one("SELECT PERSONAL_NUMBER FROM USERS WHERE USERNAME = ?", rs -> rs.getString(1), edsger)).contains("2003");
        // The user is tied to its entryUUID, as slapd gives it.
        String adaUuid;
        try (LDAPConnection c = root()) {
            adaUuid = c.getEntry("uid=" + ada + "," + ou, "entryUUID").getAttributeValue("entryUUID");
        }
        assertThat(databases.mainJdbc().one("SELECT SYNC_EXTERNAL_ID FROM USERS WHERE USERNAME = ?", rs -> rs.getString(1), ada))
                .hasValueSatisfying(id -> assertThat(id).isEqualToIgnoringCase(adaUuid));

        JsonPath again = run(source, true);
        assertThat(again.getString("status")).as(log(again)).isEqualTo("OK");
        assertThat(again.getInt("unchanged")).as(log(again)).isEqualTo(3);
        assertThat(again.getInt("added") + again.getInt("updated") + again.getInt("deactivated")).as(log(again)).isZero();

        // modrdn keeps the entryUUID: the user is renamed, not added, and keeps its groups (memberof-refint follows the rename).
        String grace = unique("grace");
        long adaId = databases.mainJdbc().one("SELECT ID FROM USERS WHERE USERNAME = ?", rs -> rs.getLong(1), ada).orElseThrow();
        // A second later than the entries' creation (modifyTimestamp has whole seconds), so the delta
        // run below can tell the renamed entry from the untouched ones whatever the machine's speed.
        Thread.sleep(1100);
        try (LDAPConnection c = root()) {
            c.modifyDN("uid=" + ada + "," + ou, "uid=" + grace, true);
        }
        JsonPath renamed = run(source, true);
        assertThat(renamed.getString("status")).as(log(renamed)).isEqualTo("OK");
        assertThat(renamed.getInt("updated")).as(log(renamed)).isEqualTo(1);
        assertThat(renamed.getInt("added") + renamed.getInt("deactivated")).as(log(renamed)).isZero();
        assertThat(log(renamed)).contains("RENAME " + grace + " (was " + ada + ")");
        assertThat(databases.mainJdbc().one("SELECT USERNAME FROM USERS WHERE ID = ?", rs -> rs.getString(1), adaId)).contains(grace);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME = ?", ada)).isZero();
        assertThat(groupsOf(grace)).containsExactly("Directory|Research");

        // A scheduled-like run after the full one reads only what changed since (modifyTimestamp has whole seconds).
        Thread.sleep(1100);
        try (LDAPConnection c = root()) {
            c.modify("dn: uid=" + edsger + "," + ou, "changetype: modify", "replace: mail", "mail: dijkstra@example.com");
        }
        JsonPath delta = run(source, false);
        String deltaLog = log(delta);
        assertThat(delta.getString("status")).as(deltaLog).isEqualTo("OK");
        assertThat(delta.getBoolean("full")).isFalse();
        assertThat(deltaLog).contains("changed since the last run");
        assertThat(readCount(deltaLog)).as(deltaLog).isLessThan(3).isGreaterThanOrEqualTo(1);
        assertThat(delta.getInt("updated")).as(deltaLog).isEqualTo(1);
        assertThat(delta.getInt("deactivated") + delta.getInt("added")).as(deltaLog).isZero();
        assertThat(email(edsger)).isEqualTo("dijkstra@example.com");
        // Users the delta did not read are not taken for gone.
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME IN (?, ?, ?) AND DELETED_AT IS NULL", grace, alan, edsger))
                .isEqualTo(3);

        // Nothing changed since: the next delta reads (almost) nothing and writes nothing.
        JsonPath quiet = run(source, false);
        assertThat(quiet.getString("status")).as(log(quiet)).isEqualTo("OK");
        assertThat(quiet.getInt("added") + quiet.getInt("updated") + quiet.getInt("deactivated")).as(log(quiet)).isZero();

        // Group members change: slapd stamps the groups, not the users (memberOf is kept by the overlay
        // without touching the users' modifyTimestamp), so the scheduled run reads everyone again.
        Thread.sleep(1100);
        try (LDAPConnection c = root()) {
            c.modify("dn: cn=Sales," + groups, "changetype: modify", "add: member", "member: uid=" + edsger + "," + ou);
            c.modify("dn: cn=Research," + groups, "changetype: modify", "delete: member", "member: uid=" + alan + "," + ou);
        }
        JsonPath regrouped = run(source, false);
        String regroupedLog = log(regrouped);
        assertThat(regrouped.getString("status")).as(regroupedLog).isEqualTo("OK");
        assertThat(regroupedLog).contains("changed since the last run, which the users' change stamps do not show: full read");
        assertThat(readCount(regroupedLog)).as(regroupedLog).isEqualTo(3);
        assertThat(regrouped.getInt("updated")).as(regroupedLog).isEqualTo(2);
        assertThat(groupsOf(edsger)).containsExactly("Directory|Sales");
        assertThat(groupsOf(alan)).containsExactly("Directory|Sales");
        assertThat(groupsOf(grace)).containsExactly("Directory|Research");

        // Those group changes are now behind the watermark: the next scheduled run is a delta again.
        JsonPath calm = run(source, false);
        String calmLog = log(calm);
        assertThat(calmLog).contains("changed since the last run").doesNotContain("change stamps do not show");
        assertThat(calm.getInt("added") + calm.getInt("updated") + calm.getInt("deactivated")).as(calmLog).isZero();
    }

    @Test
    void aReadCutAtTheSizeLimitNeverDeactivatesAnyone() throws Exception {
        String ou = ou(PEOPLE);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String n = unique("u" + i);
            names.add(n);
            addUser(ou, n, n + "@example.com", Integer.toString(3000 + i));
        }
        long source = source(ou, READER, READER_PW, Map.of("deactivateMissing", true), Map.of());
        JsonPath first = run(source, true);
        assertThat(first.getString("status")).as(log(first)).isEqualTo("OK");
        assertThat(first.getInt("added")).as(log(first)).isEqualTo(7);

        // One user really leaves; then the source reads through an account slapd stops after 5 entries.
        try (LDAPConnection c = root()) {
            c.delete("uid=" + names.get(0) + "," + ou);
        }
        Map<String, Object> config = admin().get("/api/user-sync/sources/" + source).then().statusCode(200).extract().jsonPath().getMap("config");
        config.put("bindUser", LIMITED);
        config.put("bindPassword", LIMITED_PW);
        admin().body(Map.of("config", config)).put("/api/user-sync/sources/" + source).then().log().ifValidationFails().statusCode(200);

        JsonPath cut = run(source, true);
        String cutLog = log(cut);
        assertThat(cut.getString("status")).as(cutLog).isEqualTo("WARNING");
        assertThat(cut.getString("summary")).as(cutLog).contains("incomplete");
        assertThat(cutLog).contains("incomplete read: nobody is deactivated").contains("size limit");
        assertThat(readCount(cutLog)).isEqualTo(5);
        assertThat(cut.getInt("deactivated")).as(cutLog).isZero();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME IN (?, ?, ?, ?, ?, ?, ?) AND DELETED_AT IS NULL",
                names.toArray())).as(cutLog).isEqualTo(7);

        // A truncated read leaves no watermark: a following scheduled run reads everything again (and is cut again).
        JsonPath next = run(source, false);
        String nextLog = log(next);
        assertThat(nextLog).doesNotContain("changed since the last run");
        assertThat(next.getInt("deactivated")).as(nextLog).isZero();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME IN (?, ?, ?, ?, ?, ?, ?) AND DELETED_AT IS NULL",
                names.toArray())).isEqualTo(7);
    }
}
