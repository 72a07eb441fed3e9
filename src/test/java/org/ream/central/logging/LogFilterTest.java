package org.ream.central.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import org.ream.central.persistence.Dialect;
import org.junit.jupiter.api.Test;

class LogFilterTest {

    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneId.of("Europe/Paris"));

    @Test
    void typesByNameOrCodeNoneMeansAllAndNoneMeansNone() {
        LogFilter f = LogFilter.parse(null, null, null, "Error, warning,1", null, null, null, NOW);
        assertThat(f.types()).containsExactlyInAnyOrder(Severity.CRITICAL, Severity.ERROR, Severity.WARNING);
        assertThat(LogFilter.parse(null, null, null, null, null, null, null, NOW).types()).containsExactly(Severity.values());
        assertThat(LogFilter.parse(null, null, null, "NONE", null, null, null, NOW).types()).isEmpty();
        assertThat(EnumSet.copyOf(LogFilter.parse(null, null, null, "trace", null, null, null, NOW).types())).containsExactly(Severity.TRACE);
        assertThatThrownBy(() -> LogFilter.parse(null, null, null, "fatal", null, null, null, NOW))
                .isInstanceOf(InvalidFilterException.class).hasMessageStartingWith("types:");
    }

    @Test
    void listsDropBlanksAndRepeatsAndTextsAreTrimmed() {
        LogFilter f = LogFilter.parse("today", null, null, null, "WebUI, ,Scheduler,WebUI", "  Email creator ", " ", NOW);
        assertThat(f.subsystems()).containsExactly("WebUI", "Scheduler");
        assertThat(f.context()).isEqualTo("Email creator");
        assertThat(f.text()).isNull();
        assertThat(f.range().from()).isNotNull();
    }

    @Test
    void likePatternsMatchWildcardsLiterally() {
        assertThat(SqlWhere.escapeLike("100%_done!", Dialect.FIREBIRD)).isEqualTo("100!%!_done!!");
        assertThat(SqlWhere.escapeLike("[x]", Dialect.POSTGRESQL)).isEqualTo("[x]");
        assertThat(SqlWhere.escapeLike("[x]", Dialect.SQLSERVER)).isEqualTo("[[]x]");
    }

    @Test
    void whereClauseBindsEveryValue() {
        SqlWhere w = new SqlWhere().in("SEVERITY", java.util.List.of(2, 3)).in("SUBSYSTEM", java.util.List.of("WebUI")).contains("MSG_TEXT", "a'b", Dialect.FIREBIRD);
        assertThat(w.sql()).isEqualTo(" WHERE SEVERITY IN (?, ?) AND SUBSYSTEM = ? AND UPPER(MSG_TEXT) LIKE UPPER(?) ESCAPE '!'");
        assertThat(w.params(10)).containsExactly(2, 3, "WebUI", "%a'b%", 10);
        assertThat(new SqlWhere().sql()).isEmpty();
    }
}
