package org.ream.central.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.load.PayloadLoader;
import org.ream.central.replication.load.ReplicationBatches;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingsStore;

/**
 * The BI views (manual 11.2.4) on the built-in database, over data loaded by the real loader,
 * and the External reports tab (6.10) there: the built-in database cannot have the read-only
 * account, and the server says so without changing anything.
 */
@QuarkusTest
class BiViewsTest {

    @Inject
    Databases databases;

    @Inject
    ReplicationBatches batches;

    @Inject
    PayloadLoader loader;

    @Inject
    SettingsStore settings;

    @Test
    void theViewsShowTheLoadedDataWithTheManualsFieldsAndFigures() throws Exception {
        BiScenario scenario = new BiScenario();
        scenario.load(databases, batches, loader);
        try (Connection c = databases.main().getConnection()) {
            BiScenario.checkColumns(c);
            scenario.checkHandMade(c);
            scenario.checkSimulated(c);
        }
    }

    @Test
    void theBuiltInDatabaseCannotHaveTheReadOnlyAccountAndNothingChanges() {
        String admin = TestAccounts.admin();
        given().cookie("REAM_SESSION", admin).when().get("/api/external-reports").then().statusCode(200)
                .body("enabled", equalTo(false)).body("available", equalTo(false)).body("account", equalTo("DB_DATAREADER"))
                .body("database", equalTo("firebird")).body("unavailableReason", containsString("opened by Ream Central alone"))
                .body("views", hasItem("FACT_SESSION_ENV_IMPACT")).body("views.size()", equalTo(BiViews.names().size()));
        long audits = databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE AUDIT_CONTEXT = 'externalReports'");

        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body(Map.of("enabled", true, "password", BiScenario.class.getSimpleName() + "-1x", "confirmPassword", BiScenario.class.getSimpleName() + "-1x"))
                .when().put("/api/external-reports").then().statusCode(409)
                .body("error", containsString("Firebird server"));
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body(Map.of("password", "x")).when().put("/api/external-reports").then().statusCode(400)
                .body("fields.enabled", containsString("required"));
        // The generic settings form cannot switch it on behind the database's back.
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body(Map.of("externalReports.enabled", "true")).when().put("/api/settings/externalReports").then().statusCode(200)
                .body("changed", equalTo(List.of()));

        assertThat(settings.getBool(ExternalReports.ENABLED)).isFalse();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE AUDIT_CONTEXT = 'externalReports'")).isEqualTo(audits);
    }

    @Test
    void onlyAdministratorsReachTheTab() {
        String manager = TestAccounts.login(TestAccounts.user(databases, "settings-manager", Right.MANAGE_SETTINGS), TestAccounts.PASSWORD);
        given().cookie("REAM_SESSION", manager).when().get("/api/external-reports").then().statusCode(403);
        given().cookie("REAM_SESSION", manager).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body(Map.of("enabled", false)).when().put("/api/external-reports").then().statusCode(403);
    }
}
