package org.ream.central.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole server on PostgreSQL, chosen by configuration only (ream.db.url, ream.db.user):
 * the same changelogs create the schema, and a login and a saved setting make the round
 * trip through the REST API into PostgreSQL tables. The database is created for the run
 * and dropped after it.
 */
@QuarkusTest
@TestProfile(PostgresSystemTest.OnPostgres.class)
@ExtendWith(PostgresServer.Required.class)
class PostgresSystemTest {

    public static final class OnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresServer.FreshDatabase.class, Map.of("prefix", "ream_it")));
        }
    }

    @Inject
    Databases databases;

    @Test
    void theServerRunsOnPostgresAndASavedSettingMakesTheRoundTrip() throws Exception {
        assertThat(databases.mainDialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(databases.mainTarget().embedded()).isFalse();
        assertThat(databases.logTarget().url()).isEqualTo(databases.mainTarget().url());
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        String cookie = given().contentType(ContentType.JSON).header("X-Requested-With", "test")
                .body("{\"username\":\"*admin\",\"password\":\"1234\"}")
                .when().post("/api/auth/login")
                .then().statusCode(200).body("rights", hasItem("ADMINISTRATOR"))
                .extract().cookie("REAM_SESSION");
        String title = "Aide à l'impression – Příručka";
        given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body(Map.of("personalization.helpTitle", title))
                .when().put("/api/settings/personalization")
                .then().statusCode(200).body("changed", hasItem("personalization.helpTitle"));
        List<Map<String, Object>> fields = given().cookie("REAM_SESSION", cookie).when().get("/api/settings/personalization")
                .then().statusCode(200).extract().jsonPath().getList("fields");
        assertThat(fields).filteredOn(f -> "personalization.helpTitle".equals(f.get("key"))).extracting(f -> f.get("value")).containsExactly(title);

        // Read back with a connection of our own: the rows are in PostgreSQL, not in a cache.
        Properties login = new Properties();
        login.setProperty("user", databases.mainTarget().user());
        try (Connection c = TestDatabases.connect(Dialect.POSTGRESQL.driverClass(), databases.mainTarget().url(), login)) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(string(c, "SELECT SETTING_VALUE FROM SETTINGS WHERE SETTING_KEY = 'personalization.helpTitle'")).isEqualTo(title);
            assertThat(string(c, "SELECT UPDATED_BY FROM SETTINGS WHERE SETTING_KEY = 'personalization.helpTitle'")).isEqualTo("*admin");
            assertThat(string(c, "SELECT COUNT(*) FROM AUDIT_LOG WHERE EVENT_TYPE = 'SETTINGS_CHANGED' AND USER_NAME = '*admin'")).isNotEqualTo("0");
            assertThat(string(c, "SELECT APP_ID FROM REAM_INFO WHERE COMPONENT = 'main'")).isEqualTo(SchemaGuard.APP_ID);
            assertThat(string(c, "SELECT APP_ID FROM REAM_INFO WHERE COMPONENT = 'log'")).isEqualTo(SchemaGuard.APP_ID);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    string(c, "SELECT COUNT(*) FROM LOG_ENTRIES WHERE MSG_TEXT LIKE 'Ream Central booted%database postgresql%'")).isEqualTo("1"));
        }
    }

    @Inject
    org.ream.central.replication.load.ReplicationBatches batches;

    @Inject
    org.ream.central.replication.load.PayloadLoader loader;

    /** Replication's load phase on PostgreSQL: a simulated site's day loads whole, and again without a change. */
    @Test
    void aReplicatedPayloadLoadsOnPostgresAndAgainWithoutChange() throws Exception {
        org.ream.central.sitesim.SiteSpec spec = org.ream.central.sitesim.SiteSpec.of(4242, 7, 5, 20, 1);
        long siteId = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                siteId, spec.name(), "127.0.0.1", 8093, false, true, "READY", java.time.Instant.now());
        java.nio.file.Path file = java.nio.file.Files.createTempFile("sim-", ".ndjson.gz");
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            new org.ream.central.sitesim.ActivityGenerator(spec).writeBatch(1, org.ream.central.sitesim.RecordTypes.ALL,
                    new org.ream.central.sitesim.NdjsonPayloadOut(out));
        }
        int records = org.ream.central.replication.payload.PayloadReader.verify(file).records();
        java.util.Set<org.ream.central.replication.payload.RecordType> all = java.util.EnumSet.allOf(org.ream.central.replication.payload.RecordType.class);
        long batch = batches.recordDownloaded(siteId, file).id();
        org.ream.central.replication.load.LoadResult first = loader.load(batch, all);
        assertThat(first.loaded()).as(String.valueOf(first.reason())).isTrue();
        assertThat(first.inserted()).isEqualTo(records);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM PRINTERS WHERE SITE_ID = ?", siteId)).isEqualTo(5);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", siteId)).isPositive();
        org.ream.central.replication.load.LoadResult again = loader.load(batch, all);
        assertThat(again.loaded()).isTrue();
        assertThat(again.inserted() + again.updated()).isZero();
        java.nio.file.Files.deleteIfExists(file);
    }

    private static String string(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
