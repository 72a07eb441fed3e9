package org.ream.central.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statement reuse below the pool, on embedded Firebird: same results, failures not reused, nothing kept past a connection. */
class StatementCacheTest {

    @TempDir
    static Path dir;

    static AgroalDataSource pool;
    static Jdbc jdbc;

    @BeforeAll
    static void open() throws Exception {
        DatabaseTarget target = TestDatabases.createFirebird(dir.resolve("cache.fdb"));
        TestDatabases.execute(TestDatabases.dataSource(target), "CREATE TABLE T (ID INTEGER NOT NULL PRIMARY KEY, NAME VARCHAR(20))");
        pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(cp -> cp.maxSize(2)
                .connectionFactoryConfiguration(cf -> cf.jdbcUrl(target.url()).connectionProviderClassName(target.dialect().driverClass())
                        .autoCommit(true).principal(new NamePrincipal(target.user())).credential(new SimplePassword(target.password()))
                        .jdbcProperty("charSet", "UTF-8"))), StatementCache.POOL_LISTENER);
        jdbc = new Jdbc(pool);
    }

    @AfterAll
    static void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void aStatementIsPreparedOnceAndRunsWithEachCallsParameters() throws Exception {
        for (int i = 1; i <= 3; i++) {
            jdbc.update("INSERT INTO T (ID, NAME) VALUES (?, ?)", 100 + i, i == 2 ? null : "n" + i);
        }
        assertThat(jdbc.one("SELECT NAME FROM T WHERE ID = ?", rs -> rs.getString(1), 101)).contains("n1");
        assertThat(jdbc.query("SELECT NAME FROM T WHERE ID = ?", rs -> rs.getString(1), 102)).containsExactly((String) null);
        assertThat(jdbc.one("SELECT NAME FROM T WHERE ID = ?", rs -> rs.getString(1), 103)).contains("n3");

        try (Connection c = pool.getConnection()) {
            String sql = "SELECT COUNT(*) FROM T WHERE ID > ?";
            PreparedStatement first = StatementCache.prepare(c, sql);
            StatementCache.release(c, sql, first, true);
            PreparedStatement second = StatementCache.prepare(c, sql);
            assertThat(second).isSameAs(first);
            StatementCache.release(c, sql, second, true);
        }
    }

    @Test
    void aFailedStatementIsNotHandedOutAgainAndTheNextCallWorks() throws Exception {
        jdbc.update("INSERT INTO T (ID, NAME) VALUES (?, ?)", 200, "a");
        String sql = "INSERT INTO T (ID, NAME) VALUES (?, ?)";
        assertThatThrownBy(() -> jdbc.update(sql, 200, "duplicate")).isInstanceOf(DataAccessException.class);
        assertThat(jdbc.update(sql, 201, "b")).isEqualTo(1);
        try (Connection c = pool.getConnection()) {
            PreparedStatement ps = StatementCache.prepare(c, sql);
            StatementCache.release(c, sql, ps, false);
            assertThat(ps.isClosed()).isTrue();
            PreparedStatement fresh = StatementCache.prepare(c, sql);
            assertThat(fresh).isNotSameAs(ps);
            StatementCache.release(c, sql, fresh, true);
        }
    }

    @Test
    void cachedStatementsFollowTheCallersTransaction() {
        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO T (ID, NAME) VALUES (?, ?)", 300, "rolled back");
            throw new IllegalStateException("fail after the insert");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.count("SELECT COUNT(*) FROM T WHERE ID = ?", 300)).isZero();
        jdbc.inTransaction(c -> Jdbc.update(c, "INSERT INTO T (ID, NAME) VALUES (?, ?)", 300, "kept"));
        assertThat(jdbc.one("SELECT NAME FROM T WHERE ID = ?", rs -> rs.getString(1), 300)).contains("kept");
    }

    @Test
    void aConnectionTheCallerOpenedItselfIsNotCached() throws Exception {
        DatabaseTarget target = TestDatabases.firebird("main", dir.resolve("cache.fdb"));
        try (Connection raw = TestDatabases.dataSource(target).getConnection()) {
            String sql = "SELECT COUNT(*) FROM T";
            PreparedStatement ps = StatementCache.prepare(raw, sql);
            StatementCache.release(raw, sql, ps, true);
            assertThat(ps.isClosed()).isTrue();
        }
    }

    @Test
    void statementsGoWithTheirConnectionWhenThePoolClosesIt() throws Exception {
        DatabaseTarget target = TestDatabases.firebird("main", dir.resolve("cache.fdb"));
        int before = StatementCache.connections();
        AgroalDataSource other = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(cp -> cp.maxSize(1)
                .connectionFactoryConfiguration(cf -> cf.jdbcUrl(target.url()).connectionProviderClassName(target.dialect().driverClass())
                        .autoCommit(true).principal(new NamePrincipal(target.user())).credential(new SimplePassword(target.password())))),
                StatementCache.POOL_LISTENER);
        new Jdbc(other).count("SELECT COUNT(*) FROM T");
        assertThat(StatementCache.connections()).isEqualTo(before + 1);
        other.close();
        assertThat(StatementCache.connections()).isEqualTo(before);
    }

    @Test
    void afterASchemaChangeStatementsArePreparedAgainAndSeeIt() throws Exception {
        TestDatabases.execute(pool, "CREATE TABLE T2 (ID INTEGER NOT NULL PRIMARY KEY, NAME VARCHAR(20))");
        jdbc.update("INSERT INTO T2 (ID, NAME) VALUES (?, ?)", 1, "plain");
        TestDatabases.execute(pool, "CREATE TRIGGER T2_MARK FOR T2 ACTIVE BEFORE INSERT POSITION 0 AS BEGIN NEW.NAME = 'marked'; END");
        StatementCache.schemaChanged();
        jdbc.update("INSERT INTO T2 (ID, NAME) VALUES (?, ?)", 2, "plain");
        assertThat(jdbc.query("SELECT NAME FROM T2 ORDER BY ID", rs -> rs.getString(1))).containsExactly("plain", "marked");
    }
}
