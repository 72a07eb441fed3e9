package org.ream.central.usersync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ream.central.usersync.SyncApi.admin;
import static org.ream.central.usersync.SyncApi.log;
import static org.ream.central.usersync.SyncApi.unique;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.ream.central.usersync.SyncApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ream.central.authserver.AuthServers;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;

/**
 * Synchronisation runs end to end, through the API and the usersync.runs queue: an in-process
 * directory and CSV files in, users, groups and result logs out.
 */
@QuarkusTest
class UserSyncRunTest {

    static TestDirectory directory;

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

    @Inject
    org.ream.central.settings.SettingsStore settings;

    @Inject
    org.apache.camel.ProducerTemplate producer;

    @BeforeAll
    static void start() throws Exception {
        directory = new TestDirectory(0);
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    long server() {
        Map<String, Object> c = new HashMap<>();
        c.put("domain", "example.com");
        c.put("type", "OpenLDAP");
        c.put("security", "none");
        c.put("addresses", List.of("127.0.0.1:" + directory.port()));
        return authServers.create("LDAP", unique("Directory"), c, Actor.SYSTEM).id();
    }

    long ldapSource(String ou, Map<String, Object> options, Map<String, Object> groups) {
        Map<String, Object> config = new HashMap<>();
        config.put("serverId", server());
        config.put("bindUser", TestDirectory.READER);
        config.put("bindPassword", TestDirectory.READER_PASSWORD);
        config.put("baseDns", List.of(ou));
        config.put("mapping", Map.of("userName", "uid", "fullName", "cn", "email", "mail", "personalNumber", "employeeNumber"));
        config.put("options", options);
        config.put("groups", groups);
        return admin().body(Map.of("kind", "LDAP", "name", unique("LDAP"), "config", config)).post("/api/user-sync/sources").then().log().ifValidationFails().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    JsonPath run(long sourceId, boolean dryRun) {
        return SyncApi.run(sourceId, dryRun, true);
    }

    List<String> groupsOf(String username) {
        return SyncApi.groupsOf(databases, username);
    }

    @Test
    void anLdapSourceAddsUsersWithGroupsThenARenameFollowsTheDirectory() throws Exception {
        String ou = "ou=" + unique("unit") + "," + TestDirectory.PEOPLE;
        directory.server.add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + ou.substring(3, ou.indexOf(',')));
        String ada = unique("ada");
        String alan = unique("alan");
        directory.addUser(ou, ada, "mail", ada + "@example.com", "employeeNumber", "1001", "departmentNumber", "Research");
        directory.addUser(ou, alan, "mail", alan + "@example.com", "employeeNumber", "1002", "departmentNumber", "Sales");
        long source = ldapSource(ou, Map.of("deactivateMissing", true), Map.of("fromAttribute", "%departmentNumber%", "importUnder", "Synced"));

        JsonPath dry = run(source, true);
        assertThat(dry.getString("status")).as(log(dry)).isEqualTo("OK");
        assertThat(dry.getInt("added")).as(log(dry)).isEqualTo(2);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME IN (?, ?)", ada, alan)).isZero();
        String dryLog = log(dry);

        JsonPath first = run(source, false);
        assertThat(first.getString("status")).isEqualTo("OK");
        assertThat(first.getInt("added")).isEqualTo(2);
        // The dry run announced what the real run did, line for line.
        assertThat(lines(dryLog, "ADD")).isEqualTo(lines(log(first), "ADD"));
        assertThat(groupsOf(ada)).containsExactly("Synced|Research");
        assertThat(databases.mainJdbc().one("SELECT EMAIL FROM USERS WHERE USERNAME = ?", rs -> rs.getString(1), alan)).contains(alan + "@example.com");

        JsonPath again = run(source, false);
        assertThat(again.getInt("unchanged")).isEqualTo(2);
        assertThat(again.getInt("added") + again.getInt("updated")).isZero();

        // A rename in the directory (same entryUUID) renames the user instead of adding one.
        String grace = unique("grace");
        directory.server.modifyDN("uid=" + ada + "," + ou, "uid=" + grace, true);
        directory.server.modify("dn: uid=" + grace + "," + ou, "changetype: modify", "replace: mail", "mail: " + grace + "@example.com");
        long adaId = databases.mainJdbc().one("SELECT ID FROM USERS WHERE USERNAME = ?", rs -> rs.getLong(1), ada).orElseThrow();
        JsonPath renamed = run(source, false);
        assertThat(renamed.getInt("updated")).isEqualTo(1);
        assertThat(databases.mainJdbc().one("SELECT USERNAME FROM USERS WHERE ID = ?", rs -> rs.getString(1), adaId)).contains(grace);
        assertThat(log(renamed)).contains("RENAME " + grace + " (was " + ada + ")");
    }

    @Test
    void groupsFromMemberOfAndEmptyGroupsAreImported() throws Exception {
        String suffix = unique("g");
        String groupsOu = "ou=groups-" + suffix + "," + TestDirectory.BASE;
        directory.server.add("dn: " + groupsOu, "objectClass: organizationalUnit", "ou: groups-" + suffix);
        String painters = "painters-" + suffix;
        String writers = "writers-" + suffix;
        for (String g : List.of(painters, writers)) {
            directory.server.add("dn: cn=" + g + "," + groupsOu, "objectClass: groupOfNames", "cn: " + g, "member: " + TestDirectory.BASE);
        }
        String ou = "ou=" + unique("unit") + "," + TestDirectory.PEOPLE;
        directory.server.add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + ou.substring(3, ou.indexOf(',')));
        String monet = unique("monet");
        directory.addUser(ou, monet, "memberOf", "cn=" + painters + "," + groupsOu);
        long source = ldapSource(ou, Map.of(), Map.of("memberOfBase", groupsOu, "importEmpty", true));
        JsonPath run = run(source, false);
        assertThat(run.getInt("added")).as(log(run)).isEqualTo(1);
        assertThat(groupsOf(monet)).containsExactly(painters);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_GROUPS WHERE FULL_PATH = ?", writers)).as(log(run)).isEqualTo(1);
    }

    @Test
    void aRunThatWouldDeactivateTooManyStopsBeforeWritingAnything() throws Exception {
        String ou = "ou=" + unique("unit") + "," + TestDirectory.PEOPLE;
        directory.server.add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + ou.substring(3, ou.indexOf(',')));
        List<String> names = List.of(unique("u1"), unique("u2"), unique("u3"));
        for (String n : names) {
            directory.addUser(ou, n);
        }
        org.ream.central.mail.SmtpReceiver smtp = org.ream.central.mail.SmtpReceiver.smtp().start();
        Map<String, String> mailSettings = new HashMap<>(smtp.settings(org.ream.central.notification.SmtpSecurity.PREFER_STARTTLS, false));
        mailSettings.put("general.adminEmail", "admin@example.org");
        Map<String, String> before = swapSettings(mailSettings);
        long source = ldapSource(ou, Map.of("deactivateMissing", true, "maxDeactivations", 1), Map.of());
        JsonPath added = run(source, false);
        assertThat(added.getInt("added")).isEqualTo(3);
        directory.server.delete("uid=" + names.get(0) + "," + ou);
        directory.server.delete("uid=" + names.get(1) + "," + ou);

        JsonPath stopped = run(source, false);
        assertThat(stopped.getString("status")).isEqualTo("ERROR");
        assertThat(stopped.getString("summary")).containsIgnoringCase("deactivat");
        assertThat(log(stopped)).contains("STOPPED before writing anything");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME IN (?, ?, ?) AND DELETED_AT IS NULL", names.toArray()))
                .isEqualTo(3);
        try {
            // The administrator is told; any run's result log can be mailed too.
            await().atMost(Duration.ofSeconds(30)).until(() -> !smtp.receivedWithSubjectStarting("User synchronisation stopped").isEmpty());
            admin().body(Map.of("to", List.of("auditor@example.org"))).post("/api/user-sync/runs/" + added.getLong("id") + "/mail").then().statusCode(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> !smtp.receivedWithSubjectStarting("User synchronisation run " + added.getLong("id")).isEmpty());
            assertThat(org.ream.central.mail.SmtpReceiver.part(smtp.receivedWithSubjectStarting("User synchronisation run " + added.getLong("id")).get(0),
                    "text/plain")).contains("ADD " + names.get(0));
            admin().body(Map.of("to", List.of("not an address"))).post("/api/user-sync/runs/" + added.getLong("id") + "/mail").then().statusCode(400);
        } finally {
            settings.write(before, Actor.SYSTEM, "settings back after the test", null);
            smtp.stop();
        }
    }

    /** Writes test settings and answers what they were, to write back: the test classes share one database. */
    Map<String, String> swapSettings(Map<String, String> values) {
        Map<String, String> before = new HashMap<>();
        for (String key : values.keySet()) {
            before.put(key, settings.get(key));
        }
        settings.write(values, Actor.SYSTEM, "settings of the test", null);
        return before;
    }

    @Test
    void theManualsCsvSampleImportsAndAMalformedFileWritesNothing() throws Exception {
        Path dir = Files.createTempDirectory("ream-csv");
        Path good = dir.resolve("users.csv");
        try (var in = getClass().getResourceAsStream("/org/ream/central/usersync/csv/manual-example.csv")) {
            Files.write(good, in.readAllBytes());
        }
        long source = admin().body(Map.of("kind", "CSV", "name", unique("CSV"), "config", Map.of("file", good.toString(), "skipHeader", false,
                "exportCsv", Map.of("enabled", true, "file", dir.resolve("export/users-%datetime%.csv").toString()))))
                .post("/api/user-sync/sources").then().statusCode(201).extract().jsonPath().getLong("id");
        JsonPath ok = run(source, false);
        assertThat(ok.getString("status")).as(log(ok)).isIn("OK", "WARNING");
        assertThat(ok.getInt("added")).as(log(ok)).isEqualTo(1);
        assertThat(databases.mainJdbc().one("SELECT FULL_NAME FROM USERS WHERE USERNAME = ? AND DELETED_AT IS NULL", rs -> rs.getString(1), "Tom"))
                .contains("Thomas Pineapple");
        assertThat(groupsOf("Tom")).contains("Activities|Outdoor|Swimming", "Activities|Outdoor|Birdwatching", "Imported Users");
        // "Export to CSV after a successful import": the source's users, in the syntax a CSV sync reads back.
        try (var files = Files.list(dir.resolve("export"))) {
            List<Path> exported = files.toList();
            assertThat(exported).hasSize(1);
            assertThat(exported.get(0).getFileName().toString()).matches("users-\\d{8}_\\d{6}\\.csv");
            assertThat(Files.readString(exported.get(0))).contains("\"Tom,").contains("Thomas Pineapple");
        }

        Path bad = dir.resolve("bad.csv");
        String badName = unique("nobody");
        Files.writeString(bad, "\"Someone\";\"" + badName + "\";\"a@b.c\"\n\"Broken;\"unclosed;x\n", StandardCharsets.UTF_8);
        long badSource = admin().body(Map.of("kind", "CSV", "name", unique("CSV"), "config", Map.of("file", bad.toString(), "skipHeader", false)))
                .post("/api/user-sync/sources").then().statusCode(201).extract().jsonPath().getLong("id");
        JsonPath failed = run(badSource, false);
        assertThat(failed.getString("status")).isEqualTo("ERROR");
        assertThat(failed.getString("summary")).contains("Line 2");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME = ?", badName)).isZero();
    }

    @Test
    void newUsersWithAnEmailGetAPinMailedWhenThePinSettingsSaySo() throws Exception {
        org.ream.central.mail.SmtpReceiver smtp = org.ream.central.mail.SmtpReceiver.smtp().start();
        Map<String, String> values = new HashMap<>(smtp.settings(org.ream.central.notification.SmtpSecurity.PREFER_STARTTLS, false));
        values.put("pin.generateForNew", "true");
        Map<String, String> before = swapSettings(values);
        try {
            String ou = "ou=" + unique("unit") + "," + TestDirectory.PEOPLE;
            directory.server.add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + ou.substring(3, ou.indexOf(',')));
            String withMail = unique("katherine");
            String without = unique("dorothy");
            directory.addUser(ou, withMail, "mail", withMail + "@example.org");
            directory.addUser(ou, without);
            assertThat(run(ldapSource(ou, Map.of(), Map.of()), false).getInt("added")).isEqualTo(2);
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_PINS p JOIN USERS u ON u.ID = p.USER_ID WHERE u.USERNAME = ?", withMail))
                    .isEqualTo(1);
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_PINS p JOIN USERS u ON u.ID = p.USER_ID WHERE u.USERNAME = ?", without))
                    .isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.received().stream()
                    .anyMatch(m -> org.ream.central.mail.SmtpReceiver.part(m, "text/plain").contains(withMail)));
        } finally {
            settings.write(before, Actor.SYSTEM, "settings back after the test", null);
            smtp.stop();
        }
    }

    @Test
    void aRunCutShortByAStopIsRunAgainWhenItsMessageComesBack() throws Exception {
        String ou = "ou=" + unique("unit") + "," + TestDirectory.PEOPLE;
        directory.server.add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + ou.substring(3, ou.indexOf(',')));
        String hedy = unique("hedy");
        directory.addUser(ou, hedy);
        long source = ldapSource(ou, Map.of(), Map.of());
        JsonPath done = run(source, false);
        assertThat(done.getInt("added")).isEqualTo(1);
        // What a stop mid-run leaves: the row says RUNNING, the broker still holds the message.
        long runId = done.getLong("id");
        databases.mainJdbc().update("UPDATE SYNC_RUNS SET STATUS = 'RUNNING', FINISHED_AT = NULL WHERE ID = ?", runId);
        producer.sendBody(org.ream.central.usersync.SyncRuns.ENQUEUE, Long.toString(runId));
        await().atMost(Duration.ofSeconds(60)).until(() -> admin().get("/api/user-sync/runs/" + runId).jsonPath().get("finishedAt") != null);
        JsonPath again = admin().get("/api/user-sync/runs/" + runId).jsonPath();
        assertThat(again.getString("status")).isEqualTo("OK");
        assertThat(again.getInt("unchanged")).isEqualTo(1);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME = ?", hedy)).isEqualTo(1);
    }

    static List<String> lines(String log, String prefix) {
        return log.lines().filter(l -> l.startsWith(prefix + " ")).sorted().toList();
    }
}
