package org.ream.central.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dialect contract on the local PostgreSQL server (skipped when there is none). */
@ExtendWith(PostgresServer.Required.class)
class DialectOnPostgresTest extends DialectContract {

    static String database;
    static String foreignDatabase;
    static DatabaseTarget target;

    @BeforeAll
    static void createAndMigrate() {
        database = PostgresServer.createDatabase("ream_it_dialect");
        target = TestDatabases.postgres(database);
        migrate(target);
    }

    @AfterAll
    static void drop() {
        PostgresServer.dropDatabase(database);
        PostgresServer.dropDatabase(foreignDatabase);
    }

    @Override
    DatabaseTarget target() {
        return target;
    }

    @Override
    DatabaseTarget foreignTarget() throws Exception {
        foreignDatabase = PostgresServer.createDatabase("ream_it_foreign");
        DatabaseTarget foreign = TestDatabases.postgres(foreignDatabase);
        TestDatabases.execute(TestDatabases.dataSource(foreign), "CREATE TABLE CUSTOMERS (ID INTEGER NOT NULL PRIMARY KEY, NAME VARCHAR(80))");
        return foreign;
    }
}
