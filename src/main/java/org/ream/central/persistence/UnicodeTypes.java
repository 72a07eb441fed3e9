package org.ream.central.persistence;

import liquibase.database.Database;
import liquibase.database.core.MSSQLDatabase;
import liquibase.datatype.DataTypeFactory;
import liquibase.datatype.DataTypeInfo;
import liquibase.datatype.DatabaseDataType;
import liquibase.datatype.LiquibaseDataType;
import liquibase.datatype.core.ClobType;
import liquibase.datatype.core.NVarcharType;
import liquibase.datatype.core.VarcharType;

/**
 * The changelogs say VARCHAR and CLOB; on SQL Server those are single-byte code-page types
 * that turn names outside the server's code page into '?', and mssql-jdbc binds strings as
 * Unicode, which makes every index seek on a varchar column a scan. So on SQL Server they
 * become NVARCHAR and NVARCHAR(MAX). Firebird (UTF8 database) and PostgreSQL are already
 * Unicode and keep Liquibase's own mapping: NVARCHAR would mean ISO8859_1 on Firebird.
 */
public final class UnicodeTypes {

    private static volatile boolean registered;

    private UnicodeTypes() {
    }

    /** Makes Liquibase use these mappings (idempotent); must run before a changelog is parsed. */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        DataTypeFactory.getInstance().register(new Varchar());
        DataTypeFactory.getInstance().register(new Clob());
        registered = true;
    }

    @DataTypeInfo(name = "varchar", aliases = {"java.sql.Types.VARCHAR", "java.lang.String", "varchar2", "character varying"},
            minParameters = 0, maxParameters = 1, priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class Varchar extends VarcharType {
        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            if (database instanceof MSSQLDatabase) {
                NVarcharType unicode = new NVarcharType();
                for (Object p : getParameters()) {
                    unicode.addParameter(p);
                }
                return unicode.toDatabaseDataType(database);
            }
            return super.toDatabaseDataType(database);
        }
    }

    @DataTypeInfo(name = "clob", aliases = {"longvarchar", "text", "longtext", "java.sql.Types.LONGVARCHAR", "java.sql.Types.CLOB", "nclob",
            "longnvarchar", "ntext", "java.sql.Types.LONGNVARCHAR", "java.sql.Types.NCLOB", "tinytext", "mediumtext",
            "long varchar", "long nvarchar"}, minParameters = 0, maxParameters = 0, priority = LiquibaseDataType.PRIORITY_DATABASE)
    public static class Clob extends ClobType {
        @Override
        public DatabaseDataType toDatabaseDataType(Database database) {
            if (database instanceof MSSQLDatabase) {
                return new DatabaseDataType(database.escapeDataTypeName("nvarchar"), "MAX");
            }
            return super.toDatabaseDataType(database);
        }
    }
}
