package org.ream.central.usersync;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;

/** The user synchronisation API as the tests drive it: as *admin, runs awaited to their end. */
public final class SyncApi {

    private SyncApi() {
    }

    public static RequestSpecification admin() {
        return given().cookie("REAM_SESSION", TestAccounts.admin()).header("X-Requested-With", "test").contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Adds a source through the API and returns its id (the answer is logged when it is not 201). */
    public static long addSource(String kind, Map<String, Object> config) {
        return admin().body(Map.of("kind", kind, "name", unique(kind), "config", config)).post("/api/user-sync/sources").then().log().ifValidationFails()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Queues a run of one source and waits for its end; {@code full} false is a delta when the source has a watermark. */
    public static JsonPath run(long sourceId, boolean dryRun, boolean full) {
        long runId = admin().body(Map.of("sources", List.of(sourceId), "dryRun", dryRun, "full", full)).post("/api/user-sync/runs").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> admin().get("/api/user-sync/runs/" + runId).jsonPath().get("finishedAt") != null);
        return admin().get("/api/user-sync/runs/" + runId).then().statusCode(200).extract().jsonPath();
    }

    /** The run's result log. */
    public static String log(JsonPath run) {
        return admin().get("/api/user-sync/runs/" + run.getLong("id") + "/log").then().statusCode(200).extract().asString();
    }

    public static List<String> groupsOf(Databases databases, String username) {
        return databases.mainJdbc().query("SELECT g.FULL_PATH FROM GROUP_MEMBERS m JOIN USER_GROUPS g ON g.ID = m.GROUP_ID JOIN USERS u ON u.ID = m.USER_ID"
                + " WHERE u.USERNAME = ? ORDER BY g.FULL_PATH", rs -> rs.getString(1), username);
    }

    /** The server allows five LDAP sources (manual 8.7.2) and the test classes share one database: each test removes its own. */
    public static void removeLdapSources(SyncSources sources) {
        for (SyncSources.Source s : sources.list()) {
            if (s.kind() == SourceSettings.Kind.LDAP) {
                sources.delete(s.id(), Actor.SYSTEM);
            }
        }
    }
}
