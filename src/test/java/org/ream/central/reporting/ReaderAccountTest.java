package org.ream.central.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ream.central.reporting.ReaderAccount.Database;
import org.ream.central.reporting.ReaderAccount.Place;
import org.ream.central.validation.InvalidField;

/** The read-only account's names, password rules and statements (SQL Server has no engine here: its SQL is checked as text). */
class ReaderAccountTest {

    static final String GOOD = "Reports-2026";

    @Test
    void theManualsNameExceptOnSqlServerWhereDbDatareaderIsAFixedRole() {
        assertThat(ReaderAccount.of(Database.FIREBIRD, Optional.empty()).name()).isEqualTo("DB_DATAREADER");
        assertThat(ReaderAccount.of(Database.POSTGRESQL, Optional.empty()).name()).isEqualTo("db_datareader");
        assertThat(ReaderAccount.of(Database.SQLSERVER, Optional.empty()).name()).isEqualTo("ream_datareader");
        // Stored as each database folds an unquoted name, so the existence checks compare like with like.
        assertThat(ReaderAccount.of(Database.FIREBIRD, Optional.of(" bi_reader ")).name()).isEqualTo("BI_READER");
        assertThat(ReaderAccount.of(Database.POSTGRESQL, Optional.of("BI_Reader")).name()).isEqualTo("bi_reader");
        assertThat(ReaderAccount.of(Database.POSTGRESQL, Optional.of("")).name()).isEqualTo("db_datareader");
    }

    @Test
    void namesThatWouldNeedQuotingOrClashWithSqlServerRolesAreRefused() {
        for (String bad : List.of("1reader", "bi reader", "bi-reader", "reader;DROP", "\"x\"", "a".repeat(32))) {
            assertThatThrownBy(() -> ReaderAccount.of(Database.POSTGRESQL, Optional.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ream.external-reports.account");
        }
        assertThatThrownBy(() -> ReaderAccount.of(Database.SQLSERVER, Optional.of("db_datareader")))
                .hasMessageContaining("fixed database roles");
    }

    @Test
    void aPasswordIsRequiredStrongEnoughAndConfirmed() {
        ReaderAccount.checkPassword(GOOD, GOOD);
        assertField(() -> ReaderAccount.checkPassword("", ""), "password", "is required");
        assertField(() -> ReaderAccount.checkPassword(null, null), "password", "is required");
        assertField(() -> ReaderAccount.checkPassword("Ab1", "Ab1"), "password", "at least 8 characters");
        assertField(() -> ReaderAccount.checkPassword("alllowercase", "alllowercase"), "password", "3 of these rules");
        assertField(() -> ReaderAccount.checkPassword("Tab\there1", "Tab\there1"), "password", "control characters");
        String tooLong = "Aa1-" + "x".repeat(61);
        assertField(() -> ReaderAccount.checkPassword(tooLong, tooLong), "password", "at most 64");
        assertField(() -> ReaderAccount.checkPassword(GOOD, GOOD + "x"), "confirmPassword", "does not match");
        assertField(() -> ReaderAccount.checkPassword(GOOD, null), "confirmPassword", "does not match");
    }

    private static void assertField(Runnable r, String field, String text) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidField.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).contains(text);
        });
    }

    @Test
    void firebirdCreatesTheUserWithAnEscapedPasswordAndGrantsEveryViewOnly() {
        ReaderAccount a = ReaderAccount.of(Database.FIREBIRD, Optional.empty());
        List<String> sql = a.create("It's-2026x", Place.NONE);
        assertThat(sql.get(0)).isEqualTo("CREATE USER DB_DATAREADER PASSWORD 'It''s-2026x'");
        assertThat(sql.subList(1, sql.size())).containsExactlyElementsOf(
                BiViews.names().stream().map(v -> "GRANT SELECT ON " + v + " TO USER DB_DATAREADER").toList());
        assertThat(a.update("N3w-secret", Place.NONE).get(0)).isEqualTo("ALTER USER DB_DATAREADER PASSWORD 'N3w-secret'");
        assertThat(a.drop(Place.NONE)).containsExactly("REVOKE ALL ON ALL FROM USER DB_DATAREADER", "DROP USER DB_DATAREADER");
        assertThat(a.placeQuery()).isEmpty();
    }

    @Test
    void postgresqlKeepsThePasswordOutOfTheStatements() {
        ReaderAccount a = ReaderAccount.of(Database.POSTGRESQL, Optional.empty());
        Place place = new Place("Ream \"prod\"", "public");
        List<String> sql = a.create(GOOD, place);
        assertThat(String.join("\n", sql)).doesNotContain(GOOD);
        assertThat(sql).startsWith("CREATE ROLE db_datareader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT",
                "GRANT CONNECT ON DATABASE \"Ream \"\"prod\"\"\" TO db_datareader", "GRANT USAGE ON SCHEMA \"public\" TO db_datareader");
        assertThat(sql).contains("GRANT SELECT ON \"public\".FACT_SESSION_ENV_IMPACT TO db_datareader").hasSize(3 + BiViews.names().size());
        assertThat(a.drop(place)).endsWith("DROP ROLE db_datareader");
    }

    @Test
    void sqlServerMakesALoginAndAUserOfTheDatabaseWithoutDbDatareadersRights() {
        ReaderAccount a = ReaderAccount.of(Database.SQLSERVER, Optional.empty());
        Place place = new Place("REAM", "dbo");
        List<String> sql = a.create("O'Neil-2026", place);
        assertThat(sql).startsWith("CREATE LOGIN [ream_datareader] WITH PASSWORD = N'O''Neil-2026', DEFAULT_DATABASE = [REAM],"
                + " CHECK_POLICY = ON, CHECK_EXPIRATION = OFF", "CREATE USER [ream_datareader] FOR LOGIN [ream_datareader]");
        assertThat(sql).contains("GRANT SELECT ON [dbo].[DIM_PRINTER_V2] TO [ream_datareader]").hasSize(2 + BiViews.names().size());
        assertThat(String.join("\n", sql)).doesNotContainIgnoringCase("sp_addrolemember").doesNotContain("db_datareader");
        assertThat(a.update("N3w-secret", place)).startsWith("ALTER LOGIN [ream_datareader] WITH PASSWORD = N'N3w-secret'");
        assertThat(a.drop(place)).containsExactly("IF USER_ID(N'ream_datareader') IS NOT NULL DROP USER [ream_datareader]",
                "DROP LOGIN [ream_datareader]");
        assertThat(a.grantedViewsQuery()).contains("OBJECT_ID(N'FACT_JOB')");
    }

    @Test
    void theGrantedViewsQueryNamesEveryViewAsTheDatabaseStoresIt() {
        assertThat(ReaderAccount.of(Database.POSTGRESQL, Optional.empty()).grantedViewsQuery()).contains("'dim_user'", "'fact_printerjob_env_impact'");
        assertThat(ReaderAccount.of(Database.FIREBIRD, Optional.empty()).grantedViewsQuery()).contains("'DIM_USER'", "'V_TONERS_INSTALLED'");
        assertThat(BiViews.names()).hasSize(11).allMatch(n -> n.length() <= 31 && n.matches("[A-Z][A-Z0-9_]*"));
    }
}
