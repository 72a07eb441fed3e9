package org.ream.central.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.ream.central.platform.StartupRefused;

/**
 * What the code relies on from every supported database, run against a real one: the
 * changelogs apply (once), ids come from the sequences, and the portable SQL of the
 * architecture notes (booleans, UTC instants, paging, case-insensitive search, Unicode,
 * long text) behaves the same. Subclasses supply the database.
 */
abstract class DialectContract {

    /** A database with both changelogs applied (main and log in one, as with an external database). */
    abstract DatabaseTarget target();

    /** An empty database of the same kind holding one table of another application. */
    abstract DatabaseTarget foreignTarget() throws Exception;

    DataSource ds() {
        return TestDatabases.dataSource(target());
    }

    static void migrate(DatabaseTarget target) {
        DataSource ds = TestDatabases.dataSource(target);
        Migrations.apply(ds, target, "db/main-changelog.yaml", "main");
        Migrations.apply(ds, target, "db/log-changelog.yaml", "log");
    }

    @Test
    void theChangelogsApplyAndASecondStartLeavesTheSchemaAlone() throws Exception {
        try (Connection c = ds().getConnection()) {
            assertThat(SchemaGuard.userTables(c)).contains("REAM_INFO", "SETTINGS", "USERS", "DELEGATES", "AUDIT_LOG", "LOG_ENTRIES", "LOG_HIGHLIGHTS");
            SchemaGuard.checkOwnership(c, target());
        }
        long changesets = count("SELECT COUNT(*) FROM DATABASECHANGELOG");
        Jdbc jdbc = new Jdbc(ds());
        List<Instant> recorded = jdbc.query("SELECT UPDATED_AT FROM REAM_INFO ORDER BY COMPONENT", rs -> Jdbc.instant(rs, "UPDATED_AT"));
        migrate(target());
        assertThat(count("SELECT COUNT(*) FROM DATABASECHANGELOG")).isEqualTo(changesets);
        assertThat(count("SELECT COUNT(*) FROM REAM_INFO WHERE APP_ID = 'ream-central'")).isEqualTo(2);
        // Skipped on the recorded hash without running Liquibase, which would record the hash again.
        assertThat(jdbc.query("SELECT UPDATED_AT FROM REAM_INFO ORDER BY COMPONENT", rs -> Jdbc.instant(rs, "UPDATED_AT"))).isEqualTo(recorded);
    }

    @Test
    void sequencesHandOutPositiveIncreasingIdsInBlocks() throws Exception {
        Dialect d = target().dialect();
        long first = count(d.nextValueSql("REAM_ID_SEQ"));
        long second = count(d.nextValueSql("REAM_ID_SEQ"));
        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
        assertThat(count(d.nextValueSql("LOG_ID_SEQ"))).isPositive();

        IdAllocator ids = new IdAllocator(ds(), d, "REAM_ID_SEQ");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 3 * IdAllocator.BLOCK + 7; i++) {
            long id = ids.next();
            assertThat(id).isPositive();
            assertThat(seen.add(id)).as("id %d handed out twice", id).isTrue();
        }
    }

    @Test
    void portableSqlBehavesTheSameEverywhere() throws Exception {
        Jdbc jdbc = new Jdbc(ds());
        IdAllocator ids = new IdAllocator(ds(), target().dialect(), "REAM_ID_SEQ");
        Instant at = Instant.parse("2026-03-29T01:30:00.123456Z"); // a DST change night in Europe: UTC must not shift
        List<String> names = List.of("alice", "Bob", "ŘEHOŘ Dvořák", "élodie Martin", "Zoë", "Łukasz", "mallory");
        for (String n : names) {
            jdbc.update("INSERT INTO USERS (ID, USERNAME, FULL_NAME, IS_SYSTEM, USE_AUTH_SERVER, FAILED_LOGINS, CREATED_AT, UPDATED_AT, CHANGE_NO)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ids.next(), "dlg-" + n, n, n.equals("mallory"), false, 0, at, at, 1L);
        }
        // Booleans bound with setBoolean.
        assertThat(jdbc.count("SELECT COUNT(*) FROM USERS WHERE USERNAME LIKE 'dlg-%' AND IS_SYSTEM = ?", true)).isEqualTo(1);
        // Instants are UTC wall-clock TIMESTAMPs (microseconds may be cut to 100 µs by Firebird).
        Instant back = jdbc.one("SELECT CREATED_AT FROM USERS WHERE USERNAME = ?", rs -> Jdbc.instant(rs, "CREATED_AT"), "dlg-alice").orElseThrow();
        assertThat(back.truncatedTo(ChronoUnit.MILLIS)).isEqualTo(at.truncatedTo(ChronoUnit.MILLIS));
        assertThat(jdbc.count("SELECT COUNT(*) FROM USERS WHERE USERNAME LIKE 'dlg-%' AND CREATED_AT >= ?", at.minusMillis(1))).isEqualTo(names.size());
        // A null bound without a type (Types.NULL), as the services do for optional instants.
        jdbc.update("UPDATE USERS SET LOCKED_AT = ?, FULL_NAME = ? WHERE USERNAME = ?", null, null, "dlg-mallory");
        assertThat(jdbc.one("SELECT LOCKED_AT FROM USERS WHERE USERNAME = ?", rs -> Jdbc.instant(rs, "LOCKED_AT"), "dlg-mallory")).isEmpty();
        // Paging with OFFSET/FETCH, ordered.
        List<String> page = jdbc.query("SELECT USERNAME FROM USERS WHERE USERNAME LIKE 'dlg-%' ORDER BY ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                rs -> rs.getString(1), 2, 3);
        assertThat(page).containsExactly("dlg-" + names.get(2), "dlg-" + names.get(3), "dlg-" + names.get(4));
        // Case-insensitive search, Unicode included, through the dialect.
        String like = target().dialect().likeIgnoreCase("FULL_NAME");
        assertThat(jdbc.query("SELECT FULL_NAME FROM USERS WHERE " + like + " ORDER BY ID", rs -> rs.getString(1), "%dvořák%"))
                .containsExactly("ŘEHOŘ Dvořák");
        assertThat(jdbc.query("SELECT FULL_NAME FROM USERS WHERE " + like + " ORDER BY ID", rs -> rs.getString(1), "ÉLODIE%"))
                .containsExactly("élodie Martin");
        assertThat(jdbc.query("SELECT FULL_NAME FROM USERS WHERE " + like + " ORDER BY ID", rs -> rs.getString(1), "b%")).containsExactly("Bob");
        // Dates, long text (CLOB) and a 4000-character VARCHAR with non-ASCII characters.
        String details = "ž".repeat(50_000) + "\n" + "x".repeat(50_000);
        String message = "é".repeat(4000);
        long auditId = ids.next();
        jdbc.update("INSERT INTO AUDIT_LOG (ID, CREATED_AT, SUBSYSTEM, EVENT_TYPE, DESCRIPTION, DETAILS) VALUES (?, ?, ?, ?, ?, ?)",
                auditId, at, "Test", "T", "x", details);
        assertThat(jdbc.one("SELECT DETAILS FROM AUDIT_LOG WHERE ID = ?", rs -> rs.getString(1), auditId)).contains(details);
        jdbc.update("INSERT INTO LOG_ENTRIES (ID, CREATED_AT, SEVERITY, SUBSYSTEM, MSG_TEXT) VALUES (?, ?, ?, ?, ?)", auditId, at, 4, "Test", message);
        assertThat(jdbc.one("SELECT MSG_TEXT FROM LOG_ENTRIES WHERE ID = ?", rs -> rs.getString(1), auditId)).contains(message);
        jdbc.update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?)", auditId, "dlg-site", "h", 8090, "OK", at);
        jdbc.update("INSERT INTO DAILY_PAGE_TOTALS (SITE_ID, PAGE_DAY, PRINTED) VALUES (?, ?, ?)", auditId, LocalDate.of(2026, 2, 28), 12L);
        assertThat(jdbc.count("SELECT COALESCE(SUM(PRINTED), 0) FROM DAILY_PAGE_TOTALS WHERE PAGE_DAY >= ? AND PAGE_DAY <= ?",
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28))).isEqualTo(12);
        // A transaction that fails leaves nothing behind.
        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            Jdbc.update(c, "UPDATE USERS SET FAILED_LOGINS = 3 WHERE USERNAME = ?", "dlg-alice");
            Jdbc.update(c, "INSERT INTO USERS (ID, USERNAME, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, ?)", ids.next(), "dlg-alice", at, at);
            return null;
        })).isInstanceOf(DataAccessException.class);
        assertThat(jdbc.count("SELECT FAILED_LOGINS FROM USERS WHERE USERNAME = ?", "dlg-alice")).isZero();
    }

    @Test
    void deletingAUserCascadesToItsRowsButNotPastADelegation() throws Exception {
        Jdbc jdbc = new Jdbc(ds());
        IdAllocator ids = new IdAllocator(ds(), target().dialect(), "REAM_ID_SEQ");
        Instant now = Instant.now();
        long owner = ids.next();
        long delegate = ids.next();
        for (long id : new long[] {owner, delegate}) {
            jdbc.update("INSERT INTO USERS (ID, USERNAME, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, ?)", id, "cascade-" + id, now, now);
            jdbc.update("INSERT INTO USER_CARDS (ID, USER_ID, CARD, CREATED_AT) VALUES (?, ?, ?, ?)", ids.next(), id, "card-" + id, now);
        }
        jdbc.update("INSERT INTO DELEGATES (ID, OWNER_USER_ID, DELEGATE_USER_ID) VALUES (?, ?, ?)", ids.next(), owner, delegate);

        assertThatThrownBy(() -> jdbc.update("DELETE FROM USERS WHERE ID = ?", delegate)).isInstanceOf(DataAccessException.class);
        jdbc.update("DELETE FROM USERS WHERE ID = ?", owner);
        assertThat(jdbc.count("SELECT COUNT(*) FROM DELEGATES WHERE DELEGATE_USER_ID = ?", delegate)).isZero();
        assertThat(jdbc.count("SELECT COUNT(*) FROM USER_CARDS WHERE USER_ID = ?", owner)).isZero();
        jdbc.update("DELETE FROM USERS WHERE ID = ?", delegate);
    }

    @Test
    void aDatabaseOfAnotherApplicationIsRefusedAndLeftAlone() throws Exception {
        DatabaseTarget foreign = foreignTarget();
        try (Connection c = TestDatabases.dataSource(foreign).getConnection()) {
            assertThatThrownBy(() -> SchemaGuard.checkOwnership(c, foreign)).isInstanceOf(StartupRefused.class)
                    .hasMessageContaining("CUSTOMERS").hasMessageContaining("another application");
        }
        assertThatThrownBy(() -> migrateOnlyIfOurs(foreign)).isInstanceOf(StartupRefused.class);
        try (Connection c = TestDatabases.dataSource(foreign).getConnection()) {
            assertThat(SchemaGuard.userTables(c)).containsExactly("CUSTOMERS");
        }
    }

    private static void migrateOnlyIfOurs(DatabaseTarget target) throws SQLException {
        try (Connection c = TestDatabases.dataSource(target).getConnection()) {
            SchemaGuard.checkOwnership(c, target);
        }
        migrate(target);
    }

    long count(String sql) throws SQLException {
        try (Connection c = ds().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Long> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            assertThat(values).as(sql).hasSize(1);
            return values.get(0);
        }
    }
}
