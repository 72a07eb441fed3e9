package org.ream.central.scheduling.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Dialect;

class ChunkedDeleteTest {

    @Test
    void firebirdLimitsTheDeleteWithRows() {
        assertThat(ChunkedDelete.sql(Dialect.FIREBIRD, "AUDIT_LOG", "CREATED_AT < ?", 10000))
                .isEqualTo("DELETE FROM AUDIT_LOG WHERE CREATED_AT < ? ROWS 10000");
    }

    @Test
    void sqlServerLimitsTheDeleteWithTop() {
        assertThat(ChunkedDelete.sql(Dialect.SQLSERVER, "AUDIT_LOG", "CREATED_AT < ?", 500))
                .isEqualTo("DELETE TOP (500) FROM AUDIT_LOG WHERE CREATED_AT < ?");
    }

    @Test
    void postgresqlPicksTheRowsOfOneChunkFirst() {
        assertThat(ChunkedDelete.sql(Dialect.POSTGRESQL, "LOG_ENTRIES", "CREATED_AT < ?", 10))
                .isEqualTo("DELETE FROM LOG_ENTRIES WHERE ctid = ANY(ARRAY(SELECT ctid FROM LOG_ENTRIES WHERE CREATED_AT < ? LIMIT 10))");
    }

    @Test
    void aChunkHasAtLeastOneRow() {
        assertThatThrownBy(() -> ChunkedDelete.sql(Dialect.FIREBIRD, "AUDIT_LOG", "CREATED_AT < ?", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
