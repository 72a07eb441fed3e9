-- Ream Central: SQL Server schema of the log database, from db/log-changelog.yaml.
-- Run it in the empty log database (README.md in this folder). Generated: do not edit;
-- after a change to the changelog refresh it with ./mvnw -q test -Dtest=SqlServerDdlTest -Dsqlserver.ddl.write=true

CREATE TABLE DATABASECHANGELOG (ID nvarchar(255) NOT NULL, AUTHOR nvarchar(255) NOT NULL, FILENAME nvarchar(255) NOT NULL, DATEEXECUTED datetime2(3) NOT NULL, ORDEREXECUTED int NOT NULL, EXECTYPE nvarchar(10) NOT NULL, MD5SUM nvarchar(35), DESCRIPTION nvarchar(255), COMMENTS nvarchar(255), TAG nvarchar(255), LIQUIBASE nvarchar(20), CONTEXTS nvarchar(255), LABELS nvarchar(255), DEPLOYMENT_ID nvarchar(10))
GO

-- *********************************************************************
-- Update Database Script
-- *********************************************************************
-- Change Log: db/log-changelog.yaml
-- Liquibase version: 4.33.0
-- *********************************************************************

-- Changeset db/log-changelog.yaml::0001-log-ream-info::ream
CREATE TABLE REAM_INFO (COMPONENT nvarchar(20) NOT NULL, APP_ID nvarchar(40) NOT NULL, SCHEMA_HASH nvarchar(64) NOT NULL, UPDATED_AT datetime2 NOT NULL, CONSTRAINT PK_REAM_INFO PRIMARY KEY (COMPONENT));
GO

INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('0001-log-ream-info', 'ream', 'db/log-changelog.yaml', GETDATE(), 1, '9:57a58c1ddba75c91c2ec9318f86b7404', 'createTable tableName=REAM_INFO', '', 'EXECUTED', NULL, NULL, '4.33.0', '0000000000')
GO

-- Changeset db/log-changelog.yaml::0002-log-entries::ream
CREATE SEQUENCE LOG_ID_SEQ;
GO

ALTER SEQUENCE LOG_ID_SEQ RESTART WITH 1;
GO

CREATE TABLE LOG_ENTRIES (ID bigint NOT NULL, CREATED_AT datetime2 NOT NULL, SEVERITY smallint NOT NULL, SUBSYSTEM nvarchar(60) NOT NULL, LOG_CONTEXT nvarchar(255), MSG_TEXT nvarchar(4000) NOT NULL, DETAILS nvarchar(MAX), CONSTRAINT PK_LOG_ENTRIES PRIMARY KEY (ID));
GO

CREATE NONCLUSTERED INDEX IX_LOG_ENTRIES_AT ON LOG_ENTRIES(CREATED_AT);
GO

CREATE NONCLUSTERED INDEX IX_LOG_ENTRIES_SEV_AT ON LOG_ENTRIES(SEVERITY, CREATED_AT);
GO

CREATE TABLE LOG_HIGHLIGHTS (USER_ID bigint NOT NULL, ENTRY_ID bigint NOT NULL);
GO

ALTER TABLE LOG_HIGHLIGHTS ADD CONSTRAINT PK_LOG_HIGHLIGHTS PRIMARY KEY (USER_ID, ENTRY_ID);
GO

INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('0002-log-entries', 'ream', 'db/log-changelog.yaml', GETDATE(), 3, '9:d33470a934c4d84f564bc21b4689bddb', 'createSequence sequenceName=LOG_ID_SEQ; sql; createTable tableName=LOG_ENTRIES; createIndex indexName=IX_LOG_ENTRIES_AT, tableName=LOG_ENTRIES; createIndex indexName=IX_LOG_ENTRIES_SEV_AT, tableName=LOG_ENTRIES; createTable tableName=LOG_HIGHLIGHT...', '', 'EXECUTED', NULL, NULL, '4.33.0', '0000000000')
GO

-- Changeset db/log-changelog.yaml::0004-log-entries-subsystem::ream
CREATE NONCLUSTERED INDEX IX_LOG_ENTRIES_SUBSYSTEM ON LOG_ENTRIES(SUBSYSTEM);
GO

INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('0004-log-entries-subsystem', 'ream', 'db/log-changelog.yaml', GETDATE(), 5, '9:7658847910664a04afee5485d3a7b19e', 'createIndex indexName=IX_LOG_ENTRIES_SUBSYSTEM, tableName=LOG_ENTRIES', '', 'EXECUTED', NULL, NULL, '4.33.0', '0000000000')
GO
