package org.ream.central.reporting.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Dialect;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.definition.FilterKind;
import org.ream.central.reporting.definition.PeriodSpec;
import org.ream.central.reporting.definition.ReportCatalogue;
import org.ream.central.reporting.definition.ReportDesign;
import org.ream.central.reporting.definition.ReportDesignException;
import org.ream.central.reporting.definition.ReportType;

/** The query builder on its own: what it writes, what it binds, what it refuses. No database. */
class ReportQueryBuilderTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 3, 10, 0, 0, 0, PARIS);
    static final LocalDate FIRST = LocalDate.of(2026, 10, 20);
    static final LocalDate LAST = LocalDate.of(2026, 11, 2);

    final ReportCatalogue catalogue = Designs.builtIn();
    final ReportQueryBuilder builder = new ReportQueryBuilder(catalogue.dictionary());

    static RunContext context(Dialect d, boolean allData) {
        return new RunContext(d, NOW, DayOfWeek.MONDAY, new RunContext.Viewer(42, "alice", allData), "en");
    }

    @Test
    void everyRunnableBuiltInTypeBuildsOnTheThreeDatabasesWithOneParameterPerMarker() {
        int built = 0;
        for (ReportType type : catalogue.types()) {
            if (!type.runnable()) {
                continue;
            }
            ReportDesign d = Designs.defaultsOnSite(type, FIRST, LAST, 7);
            for (Dialect dialect : Dialect.values()) {
                ReportQuery q = builder.build(type, d, context(dialect, true));
                assertThat(q.sql().chars().filter(c -> c == '?').count()).as(type.id() + " " + dialect).isEqualTo(q.params().size());
                assertThat(q.columns()).as(type.id()).hasSize(d.columns().size());
                assertThat(q.rawKinds()).isNotEmpty();
                built++;
            }
        }
        assertThat(built).isEqualTo(3 * catalogue.types().stream().filter(ReportType::runnable).count()).isGreaterThan(150);
    }

    @Test
    void whatADesignCarriesIsBoundNeverWritten() {
        ReportType type = catalogue.type("print-jobs-expired-deleted-jobs");
        String evil = "x' OR '1'='1";
        ReportDesign d = Designs.defaults(type, FIRST, LAST).withFilter(FilterKind.USER, ReportDesign.FilterValue.of(evil))
                .withFilter(FilterKind.QUEUE, ReportDesign.FilterValue.of("Follow'Me")).withExcludedUsers(List.of("bob;DROP"));
        for (Dialect dialect : Dialect.values()) {
            ReportQuery q = builder.build(type, d, context(dialect, true));
            assertThat(q.sql()).doesNotContain(evil).doesNotContain("Follow'Me").doesNotContain("bob;DROP").doesNotContain("2026-10-20");
            assertThat(q.params()).contains(evil, "Follow'Me", "bob;DROP", "EXPIRED", "DELETED", PeriodSpec.parse("2026-10-20..2026-11-02")
                    .resolve(NOW, DayOfWeek.MONDAY).start());
        }
    }

    @Test
    void thePeriodIsCutInTheServerTimeZoneAcrossADaylightSavingChange() {
        // Paris leaves summer time on 2026-10-25 at 01:00 UTC: the days before are 2 h ahead of UTC, after it 1 h.
        ZoneShift shift = ZoneShift.of(PARIS, Instant.parse("2026-10-19T22:00:00Z"), Instant.parse("2026-11-02T23:00:00Z"));
        Sql local = shift.local("F.STARTED_AT", new SqlDialect(Dialect.POSTGRESQL));
        assertThat(local.text()).isEqualTo("(F.STARTED_AT + (CASE WHEN F.STARTED_AT < ? THEN 7200 ELSE 3600 END) * INTERVAL '1 second')");
        assertThat(local.params()).containsExactly(Instant.parse("2026-10-25T01:00:00Z"));
        assertThat(ZoneShift.of(ZoneId.of("UTC"), Instant.EPOCH, Instant.now()).local("F.X", new SqlDialect(Dialect.FIREBIRD)).text()).isEqualTo("F.X");

        ReportType type = catalogue.type("users-daily-summary");
        ReportQuery q = builder.build(type, Designs.defaults(type, FIRST, LAST), context(Dialect.FIREBIRD, true));
        assertThat(q.period().start()).isEqualTo(Instant.parse("2026-10-19T22:00:00Z"));
        assertThat(q.period().end()).isEqualTo(Instant.parse("2026-11-02T23:00:00Z"));
        assertThat(q.params()).contains(Instant.parse("2026-10-25T01:00:00Z"), q.period().start(), q.period().end());
    }

    @Test
    void summariesGroupAndListingsListTheirFacts() {
        assertThat(ReportQueryBuilder.listsFacts(catalogue.type("users-daily-summary"))).isFalse();
        assertThat(ReportQueryBuilder.listsFacts(catalogue.type("alerts-top-n-alerts-summary"))).isFalse();
        assertThat(ReportQueryBuilder.listsFacts(catalogue.type("alerts-counter-analysis"))).as("shows each session's end").isTrue();
        assertThat(ReportQueryBuilder.listsFacts(catalogue.type("users-session-details"))).isTrue();
        assertThat(ReportQueryBuilder.listsFacts(catalogue.type("print-jobs-daily-summary"))).isTrue();
        ReportType summary = catalogue.type("groups-monthly-summary");
        assertThat(builder.build(summary, Designs.defaults(summary, FIRST, LAST), context(Dialect.FIREBIRD, true)).sql()).contains("GROUP BY")
                .contains("SUM(");
        ReportType listing = catalogue.type("users-session-details");
        String sql = builder.build(listing, Designs.defaults(listing, FIRST, LAST), context(Dialect.POSTGRESQL, true)).sql();
        assertThat(sql).doesNotContain("GROUP BY").contains("STRING_AGG(");
    }

    @Test
    void aTopNRanksByTheChosenCounterAndMayAddTheRemainingSum() {
        ReportType type = catalogue.type("users-top-n");
        ReportDesign d = Designs.defaults(type, FIRST, LAST).withParameters(new ReportDesign.Parameters(new PeriodSpec.Between(FIRST, LAST),
                Measure.COLOR_PAGES, 10, false, null, null));
        ReportQuery plain = builder.build(type, d, context(Dialect.FIREBIRD, true));
        assertThat(plain.sql()).contains("ROW_NUMBER() OVER (ORDER BY").contains("PRINT_COLOR + F.COPY_COLOR").contains("W.RN <= ?")
                .doesNotContain("BUCKET");
        assertThat(plain.params()).contains(10L);
        ReportQuery remaining = builder.build(type, d.withParameters(d.parameters().withTopN(Measure.COLOR_PAGES, 10, true)), context(Dialect.FIREBIRD, true));
        assertThat(remaining.sql()).contains("BUCKET");
        Object[] raw = new Object[remaining.rawKinds().size()];
        raw[raw.length - 1] = 11L;
        assertThat(remaining.remainder(raw)).isTrue();
        assertThat(remaining.row(raw)).contains("Remaining sum");
        raw[raw.length - 1] = 10L;
        assertThat(remaining.remainder(raw)).isFalse();
    }

    @Test
    void withoutTheTypesRightOnlyMyOwnDataRuns() {
        ReportType type = catalogue.type("users-daily-summary");
        ReportDesign all = Designs.defaults(type, FIRST, LAST);
        assertThatThrownBy(() -> builder.build(type, all, context(Dialect.FIREBIRD, false))).isInstanceOf(ReportAccessException.class)
                .hasMessageContaining("Me");
        assertThatThrownBy(() -> builder.build(type, all.withFilter(FilterKind.USER, ReportDesign.FilterValue.of("bob")), context(Dialect.FIREBIRD, false)))
                .isInstanceOf(ReportAccessException.class);
        ReportQuery mine = builder.build(type, all.withFilter(FilterKind.USER, ReportDesign.FilterValue.onlyMe()), context(Dialect.FIREBIRD, false));
        assertThat(mine.sql()).contains("F.USER_ID = ?").contains("F.USER_NAME = ?");
        assertThat(mine.params()).contains(42L, "alice");
        ReportType printers = catalogue.type("printers-top-n");
        assertThatThrownBy(() -> builder.build(printers, Designs.defaults(printers, FIRST, LAST), context(Dialect.FIREBIRD, false)))
                .isInstanceOf(ReportAccessException.class).hasMessageContaining("MANAGE_REPORTS");
    }

    @Test
    void whatCannotRunIsRefusedWithTheReason() {
        ReportType credit = catalogue.type("credit-balance");
        assertThatThrownBy(() -> builder.build(credit, Designs.defaults(credit, FIRST, LAST), context(Dialect.FIREBIRD, true)))
                .isInstanceOfSatisfying(ReportQueryException.class, e -> {
                    assertThat(e.field()).isEqualTo("type");
                    assertThat(e.reason()).contains("not replicated");
                });
        ReportType type = catalogue.type("users-daily-summary");
        assertThatThrownBy(() -> builder.build(type, Designs.defaults(type, FIRST, LAST).withFilter(FilterKind.SITE, ReportDesign.FilterValue.of("Site-001")),
                context(Dialect.FIREBIRD, true))).isInstanceOfSatisfying(ReportQueryException.class,
                        e -> assertThat(e.field()).isEqualTo("filters.site"));
        ReportDesign unknownColumn = Designs.defaults(type, FIRST, LAST).withColumns(List.of(ReportDesign.Field.of("noSuchColumn", null)));
        assertThatThrownBy(() -> builder.build(type, unknownColumn, context(Dialect.FIREBIRD, true))).isInstanceOf(ReportDesignException.class)
                .hasMessageContaining("noSuchColumn");
    }

    @Test
    void gapColumnsStayEmptyAndSayWhy() {
        ReportType type = catalogue.type("users-daily-summary");
        ReportDesign d = Designs.defaults(type, FIRST, LAST).withColumns(List.of(ReportDesign.Field.of("userName", null),
                ReportDesign.Field.of("bwCost", null), ReportDesign.Field.of("totalPages", null)));
        ReportQuery q = builder.build(type, d, context(Dialect.FIREBIRD, true));
        assertThat(q.missing()).extracting(ReportQuery.Missing::column, ReportQuery.Missing::gap).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bwCost", "cost-breakdown"));
        Object[] raw = new Object[q.rawKinds().size()];
        assertThat(q.row(raw)[1]).isNull();
    }
}
