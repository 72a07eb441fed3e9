package org.ream.central.usersync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ream.central.usersync.SyncApi.admin;
import static org.ream.central.usersync.SyncApi.log;
import static org.ream.central.usersync.SyncApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.ream.central.usersync.SyncApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.authserver.AuthServers;
import org.ream.central.authserver.FreePorts;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;

/**
 * Azure AD synchronisation end to end, through the API and the usersync.runs queue, against
 * the Graph stub: the server's Graph URL (ream.usersync.source.graph-url) points at the stub,
 * and so does the Azure AD server's authority for the app token. Graph pages hold 2 users, so
 * a read spans several pages.
 */
@QuarkusTest
@TestProfile(AzureSyncRunTest.StubbedGraph.class)
class AzureSyncRunTest {

    static final String PORT_PROPERTY = "azure-sync-run-test.graph-stub-port";

    /**
     * Graph at the stub's port. The port is chosen once per JVM and kept in a system property:
     * the profile and the test class may be loaded by different class loaders, statics are not shared.
     */
    public static class StubbedGraph implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ream.usersync.source.graph-url", "http://127.0.0.1:" + stubPort() + "/v1.0", "ream.usersync.source.graph-page-size", "2",
                    "ream.usersync.source.graph-max-retries", "1", "ream.usersync.source.graph-timeout", "10s");
        }
    }

    static synchronized int stubPort() {
        String p = System.getProperty(PORT_PROPERTY);
        if (p == null) {
            try {
                p = Integer.toString(FreePorts.tcp());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT_PROPERTY, p);
        }
        return Integer.parseInt(p);
    }

    static GraphStub graph;

    @Inject
    Databases databases;

    @Inject
    AuthServers authServers;

    @BeforeAll
    static void start() throws Exception {
        graph = new GraphStub(stubPort());
    }

    @AfterAll
    static void stop() {
        if (graph != null) {
            graph.close();
        }
    }

    @BeforeEach
    void emptyTenant() {
        graph.reset();
    }

    long source(Map<String, Object> options, List<String> ignoreGroupsContaining) {
        Map<String, Object> server = new HashMap<>();
        server.put("tenantId", GraphStub.TENANT);
        server.put("clientId", GraphStub.CLIENT_ID);
        server.put("clientSecret", GraphStub.SECRET);
        server.put("authority", graph.authority());
        server.put("signInWithMicrosoft", false);
        long serverId = authServers.create("AZURE", unique("Entra"), server, Actor.SYSTEM).id();
        Map<String, Object> config = new HashMap<>();
        config.put("serverId", serverId);
        config.put("allUsers", true);
        config.put("ignoreGroupsContaining", ignoreGroupsContaining);
        config.put("options", options);
        return admin().body(Map.of("kind", "AZURE", "name", unique("Azure"), "config", config)).post("/api/user-sync/sources").then().log()
                .ifValidationFails().statusCode(201).extract().jsonPath().getLong("id");
    }

    JsonPath run(long sourceId, boolean full) {
        return SyncApi.run(sourceId, false, full);
    }

    List<String> groupsOf(String username) {
        return SyncApi.groupsOf(databases, username);
    }

    String column(String column, String username) {
        return databases.mainJdbc().one("SELECT " + column + " FROM USERS WHERE USERNAME = ? AND DELETED_AT IS NULL", rs -> rs.getString(1), username)
                .orElse(null);
    }

    /** The user's object id in the stub: plain letters, digits and dashes, as Graph's GUIDs. */
    static String id(String upn) {
        return "id-" + upn.substring(0, upn.indexOf('@'));
    }

    long count(String... usernames) {
        String marks = String.join(", ", java.util.Collections.nCopies(usernames.length, "?"));
        return databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME IN (" + marks + ") AND DELETED_AT IS NULL", (Object[]) usernames);
    }

    @Test
    void allUsersWithTheirGroupsLeavingOutIgnoredOnes() {
        String alice = unique("alice") + "@contoso.com";
        String bob = unique("bob") + "@contoso.com";
        String carol = unique("carol") + "@contoso.com";
        String staff = unique("Staff");
        String research = unique("Research");
        String dynamic = unique("Dynamic Sales");
        graph.putUser(id(alice), alice, "displayName", "Alice Martin", "mail", alice, "employeeId", "1001");
        graph.putUser(id(bob), bob, "displayName", "Bob Durand", "mail", bob);
        graph.putUser(id(carol), carol, "displayName", "Carol Petit");
        graph.putGroup("g-staff", staff, id(alice), id(bob));
        graph.putGroup("g-research", research, id(alice));
        graph.putGroup("g-dynamic", dynamic, id(alice), id(carol));
        long source = source(Map.of(), List.of("Dynamic"));

        JsonPath first = run(source, true);
        String firstLog = log(first);
        assertThat(first.getString("status")).as(firstLog).isEqualTo("OK");
        assertThat(first.getInt("added")).as(firstLog).isEqualTo(3);
        assertThat(column("FULL_NAME", alice)).isEqualTo("Alice Martin");
        assertThat(column("EMAIL", bob)).isEqualTo(bob);
        assertThat(column("PERSONAL_NUMBER", alice)).isEqualTo("1001");
        assertThat(column("SYNC_EXTERNAL_ID", carol)).isEqualTo(id(carol));
        // Groups by name; "Dynamic" ones left out, and so is the directory role Graph lists in memberOf.
        assertThat(groupsOf(alice)).containsExactlyInAnyOrder(staff, research);
        assertThat(groupsOf(bob)).containsExactly(staff);
        assertThat(groupsOf(carol)).isEmpty();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_GROUPS WHERE FULL_PATH IN (?, ?)", dynamic, "Global Reader")).isZero();
        // Three users on two pages of /users/delta.
        assertThat(graph.requests.stream().filter(r -> r.startsWith("/v1.0/users/delta"))).hasSize(2);

        JsonPath again = run(source, true);
        assertThat(again.getString("status")).as(log(again)).isEqualTo("OK");
        assertThat(again.getInt("unchanged")).as(log(again)).isEqualTo(3);
        assertThat(again.getInt("added") + again.getInt("updated") + again.getInt("deactivated")).as(log(again)).isZero();
    }

    @Test
    void aDeltaRunReadsOnlyTheChangedUser() {
        String alice = unique("alice") + "@contoso.com";
        String bob = unique("bob") + "@contoso.com";
        String carol = unique("carol") + "@contoso.com";
        String staff = unique("Staff");
        graph.putUser(id(alice), alice, "displayName", "Alice Martin", "mail", alice);
        graph.putUser(id(bob), bob, "displayName", "Bob Durand", "mail", bob);
        graph.putUser(id(carol), carol, "displayName", "Carol Petit", "mail", carol);
        graph.putGroup("g-staff", staff, id(alice), id(bob), id(carol));
        long source = source(Map.of("deactivateMissing", true), List.of());
        JsonPath first = run(source, true);
        assertThat(first.getInt("added")).as(log(first)).isEqualTo(3);

        graph.putUser(id(bob), bob, "displayName", "Bob Durand-Moreau", "mail", "bob.moreau@contoso.com");
        graph.requests.clear();
        JsonPath delta = run(source, false);
        String deltaLog = log(delta);
        assertThat(delta.getString("status")).as(deltaLog).isEqualTo("OK");
        assertThat(delta.getBoolean("full")).isFalse();
        assertThat(deltaLog).contains("Read 1 user(s) changed since the last run");
        assertThat(delta.getInt("updated")).as(deltaLog).isEqualTo(1);
        assertThat(delta.getInt("added") + delta.getInt("deactivated") + delta.getInt("unchanged")).as(deltaLog).isZero();
        assertThat(column("FULL_NAME", bob)).isEqualTo("Bob Durand-Moreau");
        assertThat(column("EMAIL", bob)).isEqualTo("bob.moreau@contoso.com");
        assertThat(groupsOf(bob)).containsExactly(staff);
        // Only the delta link was followed, and only the changed user's groups were asked for.
        assertThat(graph.requests).filteredOn(r -> r.startsWith("/v1.0/users/delta")).hasSize(1).allMatch(r -> r.contains("$deltatoken="));
        assertThat(graph.requests).filteredOn(r -> r.endsWith("/memberOf") || r.contains("/memberOf?")).hasSize(1)
                .allMatch(r -> r.contains(id(bob)));
        // The users the delta did not read are not taken for gone, even with "deactivate missing".
        assertThat(count(alice, bob, carol)).isEqualTo(3);
        assertThat(column("FULL_NAME", alice)).isEqualTo("Alice Martin");
    }

    @Test
    void aMalformedGraphAnswerFailsTheRunWithNothingWritten() {
        String[] names = new String[4];
        for (int i = 0; i < 3; i++) {
            names[i] = unique("user" + i) + "@contoso.com";
            graph.putUser(id(names[i]), names[i], "displayName", "User " + i, "mail", names[i]);
        }
        // On the second page, after users were read already: a mail that is an object.
        names[3] = unique("zz-odd") + "@contoso.com";
        graph.putUser("zz" + id(names[3]), names[3], "displayName", "Odd", "mail", Map.of("address", names[3]));
        long source = source(Map.of("deactivateMissing", true), List.of());

        JsonPath failed = run(source, true);
        String failedLog = log(failed);
        assertThat(failed.getString("status")).as(failedLog).isEqualTo("ERROR");
        assertThat(failed.getString("summary")).as(failedLog).contains("is an object");
        assertThat(failed.getInt("added") + failed.getInt("updated")).isZero();
        assertThat(count(names)).as(failedLog).isZero();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE SYNC_SOURCE_ID = ?", source)).isZero();

        // Fixed in the tenant: the next run imports everyone.
        graph.putUser("zz" + id(names[3]), names[3], "displayName", "Odd", "mail", names[3]);
        JsonPath ok = run(source, true);
        assertThat(ok.getString("status")).as(log(ok)).isEqualTo("OK");
        assertThat(ok.getInt("added")).as(log(ok)).isEqualTo(4);

        // A page that is not JSON at all, in a delta run: nothing written, the watermark kept.
        graph.putUser(id(names[0]), names[0], "displayName", "User Zero Renamed", "mail", names[0]);
        graph.enqueue(200, "<html><body>Service unavailable</body></html>");
        JsonPath broken = run(source, false);
        String brokenLog = log(broken);
        assertThat(broken.getString("status")).as(brokenLog).isEqualTo("ERROR");
        assertThat(broken.getString("summary")).as(brokenLog).contains("not JSON");
        assertThat(column("FULL_NAME", names[0])).isEqualTo("User 0");
        assertThat(count(names)).isEqualTo(4);

        JsonPath retried = run(source, false);
        String retriedLog = log(retried);
        assertThat(retried.getString("status")).as(retriedLog).isEqualTo("OK");
        assertThat(retriedLog).contains("Read 1 user(s) changed since the last run");
        assertThat(column("FULL_NAME", names[0])).isEqualTo("User Zero Renamed");
    }
}
