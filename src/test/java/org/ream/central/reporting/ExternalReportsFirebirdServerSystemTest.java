package org.ream.central.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Dialect;
import org.ream.central.replication.load.PayloadLoader;
import org.ream.central.replication.load.ReplicationBatches;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

/**
 * External reports on Firebird served by a Firebird server (the set-up docs/bi-views.md gives for
 * Firebird): Ream Central runs on a database of the server, the views hold the loaded data, and
 * isql-fb, logged in over TCP as DB_DATAREADER with the administrator's password, reads the views
 * and is refused every other table and every write; a wrong or old password is refused, and once
 * disabled the account is gone.
 */
@QuarkusTest
@TestProfile(ExternalReportsFirebirdServerSystemTest.OnFirebirdServer.class)
@ExtendWith(FirebirdServer.Required.class)
class ExternalReportsFirebirdServerSystemTest {

    static final String FIRST = "First-pass1";
    static final String SECOND = "Second'pass2";

    public static final class OnFirebirdServer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FirebirdServer.Instance.class));
        }
    }

    @Inject
    Databases databases;

    @Inject
    ReplicationBatches batches;

    @Inject
    PayloadLoader loader;

    @Inject
    SettingsStore settings;

    @Inject
    ExternalReports reports;

    @Test
    void isqlLoggedInAsTheAccountReadsTheViewsOnlyAndTheAccountFollowsTheSetting() throws Exception {
        assertThat(databases.mainDialect()).isEqualTo(Dialect.FIREBIRD);
        assertThat(databases.mainTarget().embedded()).isFalse();
        BiScenario scenario = new BiScenario();
        scenario.load(databases, batches, loader);
        long s1;
        try (Connection c = databases.main().getConnection()) {
            BiScenario.checkColumns(c);
            scenario.checkHandMade(c);
            scenario.checkSimulated(c);
            s1 = scenario.id(c, "USER_SESSIONS", "s-1");
        }
        String admin = TestAccounts.admin();
        try {
            given().cookie("REAM_SESSION", admin).when().get("/api/external-reports").then().statusCode(200)
                    .body("available", equalTo(true)).body("account", equalTo("DB_DATAREADER")).body("enabled", equalTo(false));
            assertThat(FirebirdServer.isql("DB_DATAREADER", FIRST, "SELECT 1 FROM RDB$DATABASE;\n").output())
                    .as("no such login before it is enabled").contains("Your user name and password are not defined");

            change(admin, Map.of("enabled", true, "password", FIRST, "confirmPassword", FIRST)).statusCode(200)
                    .body("status.enabled", equalTo(true)).body("message", containsString("DB_DATAREADER created"));

            // Every view, named as the manual writes it (unquoted: Firebird folds it to upper case).
            StringBuilder views = new StringBuilder();
            BiViews.names().forEach(v -> views.append("SELECT COUNT(*) FROM ").append(v.replace("DIM_USER", "dim_User")).append(";\n"));
            ExternalClient read = FirebirdServer.isql("DB_DATAREADER", FIRST, views + "SELECT TOTAL_A4, TOTAL_CO2_GRAMS, TOTAL_ENERGY_WH"
                    + " FROM fact_SESSION_ENV_IMPACT WHERE ID = " + s1 + ";\nSELECT COUNT(*) FROM dim_PRINTER_V2 WHERE SITE_ID = " + scenario.siteId + ";\n");
            assertThat(read.output()).as(read.output()).doesNotContain("Statement failed").containsPattern("25\\s+317\\.5\\s+1200");
            assertThat(read.output().split("COUNT").length - 1).isEqualTo(BiViews.names().size() + 1);

            for (String sql : List.of("SELECT COUNT(*) FROM USERS", "SELECT COUNT(*) FROM USER_SESSIONS", "SELECT COUNT(*) FROM SETTINGS",
                    "SELECT COUNT(*) FROM AUDIT_LOG", "INSERT INTO SETTINGS (SETTING_KEY, SETTING_VALUE, UPDATED_AT) VALUES ('bi', 'x', CURRENT_TIMESTAMP)",
                    "UPDATE USERS SET NOTES = 'x'", "DELETE FROM USER_SESSIONS", "UPDATE dim_User SET NOTES = 'x'", "DELETE FROM dim_User",
                    "INSERT INTO dim_User (ID, USERNAME) VALUES (1, 'x')", "DROP VIEW FACT_JOB", "CREATE TABLE BI_OWN (X INT)")) {
                ExternalClient r = FirebirdServer.isql("DB_DATAREADER", FIRST, sql + ";\nCOMMIT;\n");
                assertThat(r.output()).as(sql + " must be refused").contains("Statement failed").containsAnyOf("no permission", "unsuccessful metadata update");
            }
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM SETTINGS WHERE SETTING_KEY = 'bi'")).isZero();
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", scenario.siteId)).isEqualTo(2);
            assertThat(FirebirdServer.isql("DB_DATAREADER", "Wrong-pass9", "SELECT 1 FROM RDB$DATABASE;\n").output())
                    .contains("Your user name and password are not defined");

            // A new password: the old one no longer logs in.
            change(admin, Map.of("enabled", true, "password", SECOND, "confirmPassword", SECOND)).statusCode(200);
            assertThat(FirebirdServer.isql("DB_DATAREADER", FIRST, "SELECT 1 FROM RDB$DATABASE;\n").output())
                    .contains("Your user name and password are not defined");
            assertThat(FirebirdServer.isql("DB_DATAREADER", SECOND, "SELECT COUNT(*) FROM FACT_JOB;\n").output()).doesNotContain("Statement failed");

            // A grant lost (a restored database) comes back when the server starts.
            databases.mainJdbc().update("REVOKE SELECT ON FACT_JOB FROM USER DB_DATAREADER");
            assertThat(FirebirdServer.isql("DB_DATAREADER", SECOND, "SELECT COUNT(*) FROM FACT_JOB;\n").output()).contains("no permission");
            reports.reconcile();
            assertThat(FirebirdServer.isql("DB_DATAREADER", SECOND, "SELECT COUNT(*) FROM FACT_JOB;\n").output()).doesNotContain("Statement failed");

            change(admin, Map.of("enabled", false)).statusCode(200).body("message", containsString("dropped"));
            assertThat(FirebirdServer.isql("DB_DATAREADER", SECOND, "SELECT 1 FROM RDB$DATABASE;\n").output())
                    .contains("Your user name and password are not defined");
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM RDB$USER_PRIVILEGES WHERE RDB$USER = 'DB_DATAREADER'")).isZero();
        } finally {
            settings.write(Map.of(ExternalReports.ENABLED, "false", ExternalReports.PASSWORD, ""), Actor.SYSTEM, "test clean-up", "test");
        }
    }

    private ValidatableResponse change(String cookie, Map<String, Object> body) {
        return given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(ContentType.JSON).body(body)
                .when().put("/api/external-reports").then();
    }
}
