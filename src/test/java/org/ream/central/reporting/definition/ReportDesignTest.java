package org.ream.central.reporting.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.definition.ReportDesign.AggregateOperation;
import org.ream.central.reporting.definition.ReportDesign.Aggregated;
import org.ream.central.reporting.definition.ReportDesign.Alignment;
import org.ream.central.reporting.definition.ReportDesign.Chart;
import org.ream.central.reporting.definition.ReportDesign.Comparison;
import org.ream.central.reporting.definition.ReportDesign.Field;
import org.ream.central.reporting.definition.ReportDesign.FilterValue;
import org.ream.central.reporting.definition.ReportDesign.Parameters;
import org.ream.central.reporting.definition.ReportDesign.Series;

/** A user's report in the designer (10.1.4), checked against its type. */
class ReportDesignTest {

    final ReportCatalogue catalogue = Catalogues.builtIn();
    final ReportType groupsDaily = catalogue.type("groups-daily-summary");
    final ReportType usersTopN = catalogue.type("users-top-n");
    final ReportType projectsMonthly = catalogue.type("projects-monthly-summary");

    @Test
    void theManualsGroupsDailySummaryDesign() {
        // 10.1.4: "Name: Groups - Daily summary"; table Group (Left, None), Date (None), B&W pages,
        // Color pages, Total, Scans, Total price (Sum)
        ReportDesign d = ReportDesign.defaults(groupsDaily, "Groups - Daily summary")
                .withParameters(Parameters.period(PeriodSpec.parse("this month")))
                .withColumns(List.of(new Field("groupName", null, Alignment.LEFT, SummaryKind.NONE), Field.of("date", SummaryKind.NONE),
                        Field.of("bwPages", SummaryKind.SUM), Field.of("colorPages", SummaryKind.SUM), Field.of("totalPages", SummaryKind.SUM),
                        Field.of("scans", SummaryKind.SUM), Field.of("totalPrice", SummaryKind.SUM)));

        assertThat(ReportDesignValidator.problems(d, groupsDaily)).isEmpty();
    }

    @Test
    void aNewReportStartsFromItsTypesDefaultsGroupFirst() {
        ReportDesign d = ReportDesign.defaults(groupsDaily, "Daily");

        assertThat(d.columns()).extracting(c -> ((Field) c).column()).containsExactly("groupName", "site", "date", "bwPages", "colorPages",
                "totalPages", "scans", "totalPrice");
        assertThat(d.columns()).extracting(c -> c.summary()).containsExactly(SummaryKind.NONE, SummaryKind.NONE, SummaryKind.NONE,
                SummaryKind.SUM, SummaryKind.SUM, SummaryKind.SUM, SummaryKind.SUM, SummaryKind.SUM);
        // the period is mandatory: a new report is not complete until one is chosen
        assertThat(ReportDesignValidator.problems(d, groupsDaily)).containsExactly(
                new DesignProblem("parameters.period", "is mandatory for type groups-daily-summary"));
    }

    @Test
    void aTopNReportWithItsChart() {
        ReportDesign d = ReportDesign.defaults(usersTopN, "Top printers' users")
                .withParameters(Parameters.period(PeriodSpec.parse("last 7 days")).withTopN(Measure.TOTAL_PAGES, 5, true))
                .withFilter(FilterKind.USER, FilterValue.of("alice", "bob")).withExcludedUsers(List.of("*admin"))
                .withChart(new Chart(ChartKind.DONUT, List.of(new Series("pageCounter", "#1f77b4"))));

        assertThat(ReportDesignValidator.problems(d, usersTopN)).isEmpty();
    }

    @Test
    void aMonthlySummaryWithAnAggregatedColumn() {
        // 10.1.1 "Création de nouvelles colonnes agrégées": the sum or average of other columns
        ReportDesign d = ReportDesign.defaults(projectsMonthly, "Projects per month")
                .withParameters(Parameters.period(PeriodSpec.parse("last 3 months")));
        List<ReportDesign.TableColumn> cols = new ArrayList<>(d.columns());
        cols.add(new Aggregated("Prints and copies", 12, Alignment.RIGHT, SummaryKind.SUM, List.of("bwPrints", "colorPrints", "bwCopies",
                "colorCopies"), AggregateOperation.SUM));

        assertThat(ReportDesignValidator.problems(d.withColumns(cols), projectsMonthly)).isEmpty();
    }

    @Test
    void everyRefusalNamesItsFieldAndReason() {
        ReportDesign base = ReportDesign.defaults(groupsDaily, "Daily").withParameters(Parameters.period(PeriodSpec.parse("yesterday")));
        List<ReportDesign.TableColumn> cols = new ArrayList<>(base.columns());
        cols.add(Field.of("inkLitres", SummaryKind.NONE));
        cols.add(Field.of("site", SummaryKind.NONE));
        cols.add(new Field("adminPrice", 0, Alignment.AUTO, SummaryKind.SUM));
        cols.set(0, Field.of("groupName", SummaryKind.SUM));
        cols.add(new Aggregated("All", null, null, SummaryKind.NONE, List.of("bwPages"), AggregateOperation.SUM));
        ReportDesign d = base.withColumns(cols).withFilter(FilterKind.PROJECT, FilterValue.of("Annual report"))
                .withFilter(FilterKind.PRINTER, FilterValue.onlyMe())
                .withParameters(base.parameters().withTopN(Measure.TOTAL_PAGES, 3, false))
                .withChart(new Chart(ChartKind.PIE, List.of(new Series("totalPages", null))));

        assertThat(ReportDesignValidator.problems(d, groupsDaily)).containsExactlyInAnyOrder(
                new DesignProblem("filters.project", "type groups-daily-summary has no project filter (it has: printer, user, userGroup, site)"),
                new DesignProblem("filters.printer", "\"Me\" is a value of the user filter only"),
                new DesignProblem("parameters.pageCounter", "type groups-daily-summary takes no such parameter"),
                new DesignProblem("parameters.n", "type groups-daily-summary takes no such parameter"),
                new DesignProblem("parameters.addRemainingSum", "type groups-daily-summary takes no such parameter"),
                new DesignProblem("columns[0].summary", "column groupName cannot show a sum (it allows: none)"),
                new DesignProblem("columns[8]", "\"inkLitres\" is not a column of type groups-daily-summary"),
                new DesignProblem("columns[9]", "column site is shown twice"),
                new DesignProblem("columns[10].width", "is between 1 and 1000, or empty for an automatic width"),
                new DesignProblem("columns[11]", "type groups-daily-summary does not support aggregated columns"),
                new DesignProblem("chart", "type groups-daily-summary supports no chart"));
        assertThatThrownBy(() -> ReportDesignValidator.check(d, groupsDaily)).isInstanceOf(ReportDesignException.class)
                .hasMessageStartingWith("report \"Daily\" is refused: ").hasMessageContaining("columns[8]: \"inkLitres\" is not a column");
    }

    @Test
    void chartsOnlyOfTheKindsAndSeriesTheTypeSupports() {
        ReportDesign d = ReportDesign.defaults(usersTopN, "Top").withParameters(
                Parameters.period(PeriodSpec.parse("this year")).withTopN(Measure.COLOR_PAGES, 10, false));

        assertThat(ReportDesignValidator.problems(d.withChart(new Chart(ChartKind.LINE, List.of(new Series("pageCounter", null)))), usersTopN))
                .containsExactly(new DesignProblem("chart.kind", "line is not supported (type users-top-n supports: bar, donut, pie)"));
        assertThat(ReportDesignValidator.problems(d.withChart(new Chart(ChartKind.PIE, List.of(new Series("pageCounter", null),
                new Series("totalPrice", "blue")))), usersTopN)).containsExactlyInAnyOrder(
                        new DesignProblem("chart.series", "a pie chart shows one series, not 2"),
                        new DesignProblem("chart.series[1]", "\"totalPrice\" cannot be charted by type users-top-n (it charts: pageCounter)"),
                        new DesignProblem("chart.series[1].colour", "\"blue\" is not a colour like #1f77b4"));
        assertThat(ReportDesignValidator.problems(d.withChart(new Chart(ChartKind.BAR, List.of())).withTable(false), usersTopN))
                .containsExactly(new DesignProblem("chart.series", "the chart shows no data"));
        assertThat(ReportDesignValidator.problems(d.withTable(false), usersTopN))
                .containsExactly(new DesignProblem("table", "the report would show neither a table nor a chart"));
    }

    @Test
    void topNParametersAreMandatoryAndThePageCounterIsACounter() {
        ReportDesign d = ReportDesign.defaults(usersTopN, "Top").withParameters(Parameters.period(PeriodSpec.parse("today")));

        assertThat(ReportDesignValidator.problems(d, usersTopN)).containsExactlyInAnyOrder(
                new DesignProblem("parameters.pageCounter", "is mandatory for type users-top-n"),
                new DesignProblem("parameters.n", "is mandatory for type users-top-n"));
        assertThat(ReportDesignValidator.problems(d.withParameters(d.parameters().withTopN(Measure.TREES, 0, false)), usersTopN))
                .containsExactlyInAnyOrder(
                        new DesignProblem("parameters.pageCounter", "trees is not a page counter (totalPages, bwPages, colorPages, totalPrints, totalCopies, scans)"),
                        new DesignProblem("parameters.n", "shows at least one row, not 0"));
    }

    @Test
    void aggregatedColumnsOverNumbersOfTheType() {
        ReportDesign d = ReportDesign.defaults(projectsMonthly, "P").withParameters(Parameters.period(PeriodSpec.parse("this month")))
                .withColumns(List.of(Field.of("projectName", SummaryKind.NONE), new Aggregated("", null, null, SummaryKind.AVERAGE,
                        List.of("projectName", "bwPages", "bwPages", "inkLitres"), AggregateOperation.AVERAGE)));

        assertThat(ReportDesignValidator.problems(d, projectsMonthly)).containsExactlyInAnyOrder(
                new DesignProblem("columns[1].label", "is mandatory"),
                new DesignProblem("columns[1].columns", "column projectName is not a number"),
                new DesignProblem("columns[1].columns", "column bwPages is aggregated twice"),
                new DesignProblem("columns[1].columns", "\"inkLitres\" is not a column of type projects-monthly-summary"));
    }

    @Test
    void excludingUsersNeedsTheUserFilterAndThePageCounterValueAComparison() {
        ReportType membership = catalogue.type("groups-user-group-membership");
        ReportDesign m = ReportDesign.defaults(membership, "Members").withExcludedUsers(List.of("bob"));
        assertThat(ReportDesignValidator.problems(m, membership)).containsExactly(
                new DesignProblem("excludeUsers", "excluding users needs the user filter, which type groups-user-group-membership has not"));

        ReportType analysis = catalogue.type("alerts-counter-analysis");
        ReportDesign a = ReportDesign.defaults(analysis, "Heavy users")
                .withParameters(Parameters.period(PeriodSpec.parse("last month")).withPageCounter(Measure.TOTAL_PAGES));
        assertThat(ReportDesignValidator.problems(a.withFilter(FilterKind.PAGE_COUNTER_VALUE, FilterValue.compare(Comparison.GREATER, 1000)),
                analysis)).isEmpty();
        assertThat(ReportDesignValidator.problems(a.withFilter(FilterKind.PAGE_COUNTER_VALUE, FilterValue.of("1000")), analysis))
                .containsExactlyInAnyOrder(new DesignProblem("filters.pageCounterValue", "needs a comparison (<, =, >) and a value"),
                        new DesignProblem("filters.pageCounterValue", "takes a comparison, not a list"));
        assertThat(ReportDesignValidator.problems(a.withFilter(FilterKind.USER, FilterValue.of("bob")).withExcludedUsers(List.of("bob")),
                analysis)).containsExactly(new DesignProblem("excludeUsers", "bob is both chosen and excluded"));
    }

    @Test
    void aDesignReadFromItsFile() {
        String yaml = """
                type: users-top-n
                name: Top 10 colour users
                orientation: landscape
                showFilters: true
                filters:
                  user: {me: false, values: [alice, bob]}
                  site: [Prague]
                excludeUsers: [carol]
                parameters:
                  period: {from: 2020-07-10, to: 2020-07-16}
                  pageCounter: colorPages
                  n: 10
                  addRemainingSum: true
                columns:
                  - userName
                  - {column: colorPages, width: 20, alignment: right, summary: average}
                chart:
                  kind: bar
                  series: [{column: pageCounter, colour: "#ff7f0e"}]
                """;

        ReportDesign d = ReportDesignReader.readChecked("top.yaml", yaml, catalogue);

        assertThat(d.orientation()).isEqualTo(ReportDesign.Orientation.LANDSCAPE);
        assertThat(d.filters().get(FilterKind.USER).values()).containsExactly("alice", "bob");
        assertThat(d.parameters().period().text()).isEqualTo("2020-07-10..2020-07-16");
        assertThat(d.parameters().n()).isEqualTo(10);
        assertThat(d.columns().get(1)).isEqualTo(new Field("colorPages", 20, Alignment.RIGHT, SummaryKind.AVERAGE));
        assertThat(d.chart().series()).containsExactly(new Series("pageCounter", "#ff7f0e"));
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefusedWithItsField() {
        String yaml = """
                type: users-daily-summary
                name: Backwards
                parameters:
                  period: {from: 2020-07-16, to: 2020-07-10}
                """;

        assertThatThrownBy(() -> ReportDesignReader.readChecked("backwards.yaml", yaml, catalogue)).isInstanceOf(DefinitionException.class)
                .hasMessage("backwards.yaml: parameters.period (line 4): the period ends (2020-07-10) before it starts (2020-07-16)");
    }

    @Test
    void aDesignFileWithUnknownNamesIsRefused() {
        assertThatThrownBy(() -> ReportDesignReader.readChecked("x.yaml", "type: users-daily-summary\nname: X\nfilters: {costCentre: [A]}\n",
                catalogue)).hasMessageContaining("x.yaml: filters.costCentre (line 3): \"costCentre\" is not a filter");
        assertThatThrownBy(() -> ReportDesignReader.readChecked("x.yaml", "type: users-weekly\nname: X\n", catalogue))
                .hasMessage("x.yaml: type: \"users-weekly\" is not a report type");
        assertThatThrownBy(() -> ReportDesignReader.readChecked("x.yaml", "type: users-daily-summary\nname: X\nchart: {kind: radar, series: [a]}\n",
                catalogue)).hasMessageContaining("\"radar\" is not a chart kind");
        assertThatThrownBy(() -> ReportDesignReader.readChecked("x.yaml",
                "type: users-daily-summary\nname: X\nparameters: {period: today}\ncolumns: [{column: fullName, summary: sum}]\n", catalogue))
                .isInstanceOf(ReportDesignException.class).hasMessageContaining("columns[0].summary: column fullName cannot show a sum");
    }
}
