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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.PostgresServer;
import org.ream.central.replication.load.PayloadLoader;
import org.ream.central.replication.load.ReplicationBatches;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

/**
 * External reports on PostgreSQL, end to end: the BI views over loaded data, then the read-only
 * account's life (created, password changed, dropped, brought back in line at start) through the
 * REST API, and psql, logged in as that account the way a BI tool would, reading the views and
 * refused everything else. The account gets a name of its own: roles belong to the whole server.
 */
@QuarkusTest
@TestProfile(ExternalReportsPostgresSystemTest.OnPostgres.class)
@ExtendWith(PostgresServer.Required.class)
class ExternalReportsPostgresSystemTest {

    static final String ACCOUNT = "ream_bi_" + UUID.randomUUID().toString().substring(0, 8);
    static final String FIRST = "First-pass1";
    static final String SECOND = "Second;pass'2";

    public static final class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ream.external-reports.account", ACCOUNT);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresServer.FreshDatabase.class, Map.of("prefix", "ream_bi")));
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

    String database() {
        String url = databases.mainTarget().url();
        return url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    }

    @Test
    void theViewsShowTheLoadedDataOnPostgresql() throws Exception {
        BiScenario scenario = new BiScenario();
        scenario.load(databases, batches, loader);
        try (Connection c = databases.main().getConnection()) {
            BiScenario.checkColumns(c);
            scenario.checkHandMade(c);
            scenario.checkSimulated(c);
        }
    }

    @Test
    void theReadOnlyAccountLivesAndDiesWithTheSettingAndPsqlReadsTheViewsOnly() throws Exception {
        BiScenario scenario = new BiScenario();
        scenario.load(databases, batches, loader);
        String admin = TestAccounts.admin();
        try {
            // Refusals first: nothing may change.
            change(admin, Map.of("enabled", true, "password", "weak", "confirmPassword", "weak")).statusCode(400)
                    .body("fields.password", containsString("at least 8 characters"));
            change(admin, Map.of("enabled", true, "password", FIRST, "confirmPassword", FIRST + "!")).statusCode(400)
                    .body("fields.confirmPassword", containsString("does not match"));
            change(admin, Map.of("enabled", true)).statusCode(400).body("fields.password", containsString("required"));
            superuser("CREATE ROLE " + ACCOUNT + " CREATEDB");
            change(admin, Map.of("enabled", true, "password", FIRST, "confirmPassword", FIRST)).statusCode(409)
                    .body("error", containsString("more than read rights"));
            superuser("DROP ROLE " + ACCOUNT);
            assertThat(settings.getBool(ExternalReports.ENABLED)).isFalse();
            assertThat(role()).isEmpty();

            // Enabled: the role exists with the password as a SCRAM verifier; the setting is saved sealed and audited.
            long audited = databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE AUDIT_CONTEXT = 'externalReports'"
                    + " AND DESCRIPTION LIKE 'External reports were enabled%'");
            change(admin, Map.of("enabled", true, "password", FIRST, "confirmPassword", FIRST)).statusCode(200)
                    .body("changed", equalTo(true)).body("status.enabled", equalTo(true)).body("status.account", equalTo(ACCOUNT))
                    .body("message", containsString("created"));
            assertThat(scramMatches(role().orElseThrow(), FIRST)).isTrue();
            assertThat(databases.mainJdbc().one("SELECT SETTING_VALUE FROM SETTINGS WHERE SETTING_KEY = ?", rs -> rs.getString(1),
                    ExternalReports.PASSWORD).orElseThrow()).startsWith("enc:").doesNotContain(FIRST);
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE AUDIT_CONTEXT = 'externalReports'"
                    + " AND DESCRIPTION LIKE 'External reports were enabled%'")).isEqualTo(audited + 1);

            // A new password replaces the old one; saving again without one changes nothing.
            change(admin, Map.of("enabled", true, "password", SECOND, "confirmPassword", SECOND)).statusCode(200)
                    .body("message", containsString("password"));
            assertThat(scramMatches(role().orElseThrow(), SECOND)).isTrue();
            assertThat(scramMatches(role().orElseThrow(), FIRST)).isFalse();
            assertThat(settings.get(ExternalReports.PASSWORD)).isEqualTo(SECOND);
            change(admin, Map.of("enabled", true)).statusCode(200).body("changed", equalTo(false));

            // At start the account is put back in line: a lost grant (a restored database) comes back.
            superuser("REVOKE SELECT ON dim_user FROM " + ACCOUNT);
            assertThat(grantedViews()).isEqualTo(BiViews.names().size() - 1);
            reports.reconcile();
            assertThat(grantedViews()).isEqualTo(BiViews.names().size());

            // Disabled: the role is gone and nobody logs in with it.
            change(admin, Map.of("enabled", false)).statusCode(200).body("status.enabled", equalTo(false))
                    .body("message", containsString("dropped"));
            assertThat(role()).isEmpty();
            assertThat(settings.get(ExternalReports.PASSWORD)).isEmpty();

            // Disabled at start: an account of that name reading this database's views is dropped, any other is left alone.
            superuser("CREATE ROLE " + ACCOUNT + " LOGIN", "GRANT SELECT ON fact_job TO " + ACCOUNT);
            reports.reconcile();
            assertThat(role()).isEmpty();
            superuser("CREATE ROLE " + ACCOUNT + " LOGIN");
            reports.reconcile();
            assertThat(role()).isPresent();
            superuser("DROP ROLE " + ACCOUNT);
        } finally {
            settings.write(Map.of(ExternalReports.ENABLED, "false", ExternalReports.PASSWORD, ""), Actor.SYSTEM, "test clean-up", "test");
            dropRoleIfAny();
        }
    }

    @Test
    void psqlLoggedInAsTheAccountReadsTheViewsAndNothingElse() throws Exception {
        Assumptions.assumeTrue(psqlPath().isPresent(),
                "psql system test skipped: the PostgreSQL client psql is not on the PATH (apt-get install postgresql-client)");
        BiScenario scenario = new BiScenario();
        scenario.load(databases, batches, loader);
        String admin = TestAccounts.admin();
        try {
            change(admin, Map.of("enabled", true, "password", FIRST, "confirmPassword", FIRST)).statusCode(200);
            psqlReadsTheViewsAndNothingElse(scenario, FIRST);
            change(admin, Map.of("enabled", false)).statusCode(200);
            ExternalClient gone = psql(FIRST, "SELECT 1");
            assertThat(gone.exit()).isNotZero();
            assertThat(gone.output()).contains(ACCOUNT).contains("does not exist");
        } finally {
            settings.write(Map.of(ExternalReports.ENABLED, "false", ExternalReports.PASSWORD, ""), Actor.SYSTEM, "test clean-up", "test");
            dropRoleIfAny();
        }
    }

    private void psqlReadsTheViewsAndNothingElse(BiScenario scenario, String password) throws Exception {
        long s1;
        try (Connection c = databases.main().getConnection()) {
            s1 = scenario.id(c, "USER_SESSIONS", "s-1");
        }
        // Names as the manual writes them, unquoted: PostgreSQL folds them to its lower-case names.
        for (String view : BiViews.names()) {
            ExternalClient r = psql(password, "SELECT COUNT(*) FROM " + view);
            assertThat(r.exit()).as(view + ": " + r.output()).isZero();
        }
        assertThat(psql(password, "SELECT COUNT(*) FROM dim_PRINTER_V2 WHERE SITE_ID = " + scenario.siteId).output()).isEqualTo("2");
        assertThat(psql(password, "SELECT TOTAL_A4 || ' ' || TOTAL_TREES || ' ' || TOTAL_CO2_GRAMS || ' ' || TOTAL_ENERGY_WH || ' '"
                + " || TOTAL_ENERGY_WH_RECYCLED FROM fact_SESSION_ENV_IMPACT WHERE ID = " + s1).output()).isEqualTo("25 0.003000 317.5 1200 800");
        assertThat(psql(password, "SELECT current_user").output()).isEqualTo(ACCOUNT);

        List<String> refused = new ArrayList<>();
        for (String sql : List.of("SELECT COUNT(*) FROM USERS", "SELECT COUNT(*) FROM USER_SESSIONS", "SELECT COUNT(*) FROM SETTINGS",
                "SELECT COUNT(*) FROM AUDIT_LOG", "INSERT INTO SETTINGS (SETTING_KEY, SETTING_VALUE, UPDATED_AT) VALUES ('bi', 'x', now())",
                "UPDATE USERS SET NOTES = 'x'", "DELETE FROM USER_SESSIONS", "UPDATE dim_User SET NOTES = 'x'", "DELETE FROM dim_User",
                "INSERT INTO dim_User (ID, USERNAME) VALUES (1, 'x')", "DROP VIEW fact_job", "TRUNCATE PRINTERS")) {
            ExternalClient r = psql(password, sql);
            assertThat(r.exit()).as(sql + " must be refused: " + r.output()).isNotZero();
            assertThat(r.output()).as(sql).containsAnyOf("permission denied", "must be owner");
            refused.add(sql);
        }
        assertThat(refused).hasSize(12);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM SETTINGS WHERE SETTING_KEY = 'bi'")).isZero();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", scenario.siteId)).isEqualTo(2);
    }

    static Optional<Path> psqlPath() {
        return ExternalClient.find("psql");
    }

    /** psql as the account. This server trusts local connections, so the password is checked on the verifier instead (scramMatches). */
    ExternalClient psql(String password, String sql) throws Exception {
        return ExternalClient.run(List.of(psqlPath().orElseThrow().toString(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-h", PostgresServer.HOST, "-p", String.valueOf(PostgresServer.PORT), "-U", ACCOUNT, "-d", database(), "-c", sql),
                Map.of("PGPASSWORD", password, "PGCONNECT_TIMEOUT", "5"), "");
    }

    private ValidatableResponse change(String cookie, Map<String, Object> body) {
        return given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(ContentType.JSON).body(body)
                .when().put("/api/external-reports").then();
    }

    /** The role's stored password (its SCRAM verifier), if the role exists; read as the superuser. */
    private Optional<String> role() throws Exception {
        try (Connection c = PostgresServer.connect(database());
                PreparedStatement ps = c.prepareStatement("SELECT COALESCE(rolpassword, '') FROM pg_authid WHERE rolname = ?")) {
            ps.setString(1, ACCOUNT);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** How many of the views the account may read, as the superuser sees it. */
    private long grantedViews() throws Exception {
        try (Connection c = PostgresServer.connect(database()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.table_privileges WHERE grantee = '" + ACCOUNT
                        + "' AND privilege_type = 'SELECT'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void superuser(String... sql) throws Exception {
        try (Connection c = PostgresServer.connect(database()); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private void dropRoleIfAny() throws Exception {
        if (role().isPresent()) {
            superuser("DROP OWNED BY " + ACCOUNT, "DROP ROLE " + ACCOUNT);
        }
    }

    /** Whether a PostgreSQL SCRAM-SHA-256 verifier (RFC 5802/7677) was made from this password. */
    static boolean scramMatches(String verifier, String password) throws Exception {
        assertThat(verifier).startsWith("SCRAM-SHA-256$");
        String[] parts = verifier.substring("SCRAM-SHA-256$".length()).split("[$:]");
        int iterations = Integer.parseInt(parts[0]);
        byte[] salt = Base64.getDecoder().decode(parts[1]);
        byte[] storedKey = Base64.getDecoder().decode(parts[2]);
        SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salted, "HmacSHA256"));
        byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(clientKey), storedKey);
    }
}
