package org.ream.central.reporting.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ream.central.reporting.counting.Measure;

/**
 * A custom report type uploaded as a definition file (10.1.1 "Ajouter des rapports
 * personnalisés"): accepted when every name it uses is known and its data source can fill its
 * columns; otherwise refused with the file, the field, its line and the reason.
 */
class CustomDefinitionTest {

    static final String FILE = "colour-share.yaml";

    static final String VALID = """
            id: custom-colour-share
            category: users
            names: {en: Colour share, fr: Part de la couleur}
            rights: [MANAGE_REPORTS]
            source: sessions
            parameters: [period, pageCounter]
            filters: [user, userGroup, site, pageCounterValue]
            columns:
              default:
                - userName
                - colorPages
                - {id: colourPrintsOnly, label: {en: Colour prints, fr: Impressions couleur}, type: count, measure: printColor}
                - {id: sessionStart, label: {en: Start, fr: Début}, type: datetime, source: USER_SESSIONS.STARTED_AT}
              extra: [{group: user-details}, pageCounter]
            groupBy: [userName]
            aggregatedColumns: true
            charts: {kinds: [pie, bar], category: userName, values: [colorPages, pageCounter]}
            """;

    final ReportCatalogue builtIn = Catalogues.builtIn();

    @Test
    void aValidCustomTypeJoinsTheBuiltInOnes() {
        ReportCatalogue more = builtIn.withCustom(FILE, VALID);

        ReportType t = more.type("custom-colour-share");
        assertThat(t.builtIn()).isFalse();
        assertThat(t.category()).isEqualTo(Category.USERS);
        assertThat(t.name("fr")).isEqualTo("Part de la couleur");
        assertThat(t.columns()).extracting(ColumnDef::id).containsExactly("userName", "colorPages", "colourPrintsOnly", "sessionStart",
                "personalNumber", "phone", "email", "notes", "pageCounter");
        assertThat(t.column("colourPrintsOnly").measure()).isEqualTo(Measure.PRINT_COLOR);
        assertThat(t.column("sessionStart").source(DataSource.SESSIONS)).isEqualTo("USER_SESSIONS.STARTED_AT");
        assertThat(t.charts().kinds()).containsExactlyInAnyOrder(ChartKind.PIE, ChartKind.BAR);
        assertThat(t.gaps()).isEmpty();
        assertThat(more.types()).hasSize(builtIn.types().size() + 1);
        assertThat(builtIn.type("custom-colour-share")).as("the catalogue it came from is unchanged").isNull();
    }

    @Test
    void aJsonDefinitionIsAcceptedToo() {
        String json = """
                {"id": "custom-json", "category": "printers", "names": {"en": "Pages", "fr": "Pages"}, "rights": ["MANAGE_REPORTS"],
                 "source": "sessions", "parameters": ["period"], "filters": ["printer"],
                 "columns": {"default": ["printerName", "totalPages"]}}
                """;

        assertThat(builtIn.withCustom("pages.json", json).type("custom-json").defaultColumns()).extracting(ColumnDef::id)
                .containsExactly("printerName", "totalPages");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown column            | - colorPages                 | - colourPages                 | columns.default[1] | "colourPages" is not a column of the dictionary
            unknown filter            | filters: [user, userGroup,   | filters: [user, costCentre,   | filters[1]         | "costCentre" is not a filter
            unknown chart kind        | kinds: [pie, bar]            | kinds: [pie, radar]           | charts.kinds[1]    | "radar" is not a chart kind
            unknown data source       | source: sessions             | source: invoices              | source             | "invoices" is not a data source
            unknown category          | category: users              | category: finance             | category           | "finance" is not a category
            unknown right             | rights: [MANAGE_REPORTS]     | rights: [RUN_EVERYTHING]      | rights[0]          | "RUN_EVERYTHING" is not a right
            unknown parameter         | parameters: [period,         | parameters: [fortnight,       | parameters[0]      | "fortnight" is not a parameter
            unknown measure           | measure: printColor          | measure: inkLitres            | columns.default[2].measure | "inkLitres" is not a counting-rule measure
            unknown column group      | {group: user-details}        | {group: vip-details}          | columns.extra[0].group | "vip-details" is not a column group
            misspelt field            | groupBy: [userName]          | groupby: [userName]           | groupby            | is not a known field
            missing French name       | names: {en: Colour share, fr: Part de la couleur} | names: {en: Colour share} | names | has no "fr" text
            missing names             | names: {en: Colour share, fr: Part de la couleur} | description: none | names | is missing
            column listed twice       | - colorPages                 | - userName                    | columns.default[1] | column userName is listed twice
            type id not an id         | id: custom-colour-share      | id: Custom Colour Share       | id                 | is not a type id
            table not reached         | source: USER_SESSIONS.STARTED_AT | source: TONER_REPLACEMENTS.REPLACED_AT | columns.default[3] | data source sessions does not reach TONER_REPLACEMENTS
            column the table lacks    | source: USER_SESSIONS.STARTED_AT | source: USER_SESSIONS.STARTED | columns.default[3] | USER_SESSIONS has no column STARTED
            table reports do not read | source: USER_SESSIONS.STARTED_AT | source: WEB_SESSIONS.CREATED_AT | columns.default[3] | WEB_SESSIONS is not a table reports read
            period on timeless facts  | source: sessions             | source: groupMembers          | parameters[0]      | has no time, so no period applies
            measure the source lacks  | source: sessions             | source: printerEvents         | parameters[1]      | has no page counters to choose from
            chart of text             | values: [colorPages, pageCounter] | values: [userName]       | charts.values[0]   | column userName is not a number
            """)
    void refusals(String what, String replace, String with, String field, String reason) {
        String text = VALID.replace(replace, with);
        assertThat(text).as("the case changes the definition").isNotEqualTo(VALID);

        refused(text).satisfies(e -> {
            DefinitionException d = (DefinitionException) e;
            assertThat(d.file()).isEqualTo(FILE);
            assertThat(d.field()).isEqualTo(field);
            assertThat(d.line()).isPositive();
        }).hasMessageStartingWith(FILE + ": " + field + " (line ").hasMessageContaining(reason);
    }

    @Test
    void aCustomTypeCannotTakeTheIdOfABuiltInOne() {
        refused(VALID.replace("id: custom-colour-share", "id: users-daily-summary"))
                .hasMessageContaining("type users-daily-summary is already defined by the built-in types/users-daily-summary.yaml");
        ReportCatalogue once = builtIn.withCustom(FILE, VALID);
        assertThatThrownBy(() -> once.withCustom("again.yaml", VALID)).isInstanceOf(DefinitionException.class)
                .hasMessage("again.yaml: id: type custom-colour-share is already defined by " + FILE);
    }

    @Test
    void aColumnTheSourceCannotFillIsRefusedWithWhatItLacks() {
        String jobs = """
                id: custom-jobs
                category: print-jobs
                names: {en: Jobs, fr: Travaux}
                rights: [MANAGE_REPORTS]
                source: jobs
                parameters: [period]
                columns:
                  default: [jobName, totalPrice]
                """;
        assertThat(builtIn.withCustom(FILE, jobs).type("custom-jobs").column("totalPrice").source(DataSource.JOBS)).isEqualTo("JOBS.PRICE_USER");

        refused(jobs.replace("[jobName, totalPrice]", "[jobName, adminPrice]"))
                .hasMessageContaining("columns.default[1]").hasMessageContaining("column adminPrice has no source for data source jobs");
        refused(jobs.replace("[jobName, totalPrice]", "[jobName, sessionEnd]"))
                .hasMessageContaining("USER_SESSIONS.ENDED_AT: data source jobs does not reach USER_SESSIONS");
        refused(jobs.replace("[jobName, totalPrice]", "[jobName, tonerPrintedPages]"))
                .hasMessageContaining("measure tonerPrintedPages needs toner replacements, which data source jobs lacks");
        refused(jobs.replace("source: jobs", "source: printerEvents").replace("[jobName, totalPrice]", "[alertName, bwPages]"))
                .hasMessageContaining("measure bwPages needs page counters, which data source printerEvents lacks");
        refused(jobs.replace("parameters: [period]", "parameters: [period]\nfilters: [eventType]"))
                .hasMessageContaining("filter eventType applies to PRINTER_EVENTS.EVENT_KIND, which data source jobs does not reach");
        refused(jobs.replace("parameters: [period]", "parameters: [period]\nwhere: {JOBS.JOB_STATE: [EXPIRED]}"))
                .hasMessageContaining("JOBS has no column JOB_STATE");
        refused(jobs.replace("parameters: [period]", "parameters: [period]\nperiodColumn: JOBS.PAGES"))
                .hasMessageContaining("JOBS.PAGES is not a time column of JOBS");
    }

    @Test
    void theChosenPageCounterNeedsItsParameter() {
        refused(VALID.replace("parameters: [period, pageCounter]", "parameters: [period]"))
                .hasMessageContaining("filters[3]").hasMessageContaining("pageCounterValue compares the chosen page counter");
        refused(VALID.replace("parameters: [period, pageCounter]", "parameters: [period]").replace(", pageCounterValue", ""))
                .hasMessageContaining("column pageCounter shows the chosen page counter: the type needs the pageCounter parameter");
    }

    @Test
    void aBreakdownColumnNeedsCountersBrokenDownOrItsGap() {
        String breakdown = "- {id: a3ColourDuplex, label: {en: A3 colour duplex, fr: A3 couleur recto-verso}, type: count, "
                + "breakdown: {format: a3, colour: color, sides: duplex}}";
        String withBreakdown = VALID.replace("- colorPages\n", "- colorPages\n    " + breakdown + "\n");

        refused(withBreakdown).hasMessageContaining("column a3ColourDuplex needs counters broken down by function, colour, format and sides")
                .hasMessageContaining("mark it gap: counter-breakdown");
        ReportType marked = builtIn.withCustom(FILE, withBreakdown.replace("sides: duplex}}", "sides: duplex}, gap: counter-breakdown}"))
                .type("custom-colour-share");
        assertThat(marked.gaps()).containsExactly("counter-breakdown");
        // a job's attributes are counted by the central rules, so a jobs report can break them down
        String jobs = """
                id: custom-job-paper
                category: print-jobs
                names: {en: Job paper, fr: Papier des travaux}
                rights: [MANAGE_REPORTS]
                source: jobs
                parameters: [period]
                columns:
                  default:
                    - jobName
                    - %s
                """.formatted(breakdown.substring(2));
        assertThat(builtIn.withCustom("jobs.yaml", jobs).type("custom-job-paper").column("a3ColourDuplex").breakdown()).isNotNull();
    }

    @Test
    void aColumnNamesOneOriginAndAGapOnlyWithoutASource() {
        refused(VALID.replace("type: count, measure: printColor}", "type: count, measure: printColor, source: USER_SESSIONS.PRINT_COLOR}"))
                .hasMessageContaining("column colourPrintsOnly names more than one of source, measure, breakdown");
        refused(VALID.replace("type: count, measure: printColor}", "type: count}"))
                .hasMessageContaining("column colourPrintsOnly names no source, measure or breakdown");
        refused(VALID.replace("type: count, measure: printColor}", "type: count, measure: printColor, gap: unicorns}"))
                .hasMessageContaining("\"unicorns\" is not a known gap");
        refused(VALID.replace("type: datetime, source: USER_SESSIONS.STARTED_AT}", "type: text, source: USER_SESSIONS.STARTED_AT, summaries: [sum]}"))
                .hasMessageContaining("column sessionStart of type text cannot be summed or averaged");
        refused(VALID.replace("- colorPages\n", "- colorPages\n    - {id: site, label: {en: Site, fr: Site}, type: text, source: SITES.NAME}\n"))
                .hasMessageContaining("column site is a dictionary column: name it by its id alone");
    }

    @Test
    void unreadableFilesAreRefusedWithTheirLine() {
        refused("id: a\nid: b\n").hasMessageContaining(FILE + ": id (line 2): is given twice");
        refused("id: [unclosed\n").hasMessageStartingWith(FILE).hasMessageContaining("not valid YAML");
        refused("").hasMessage(FILE + ": the file is empty");
        refused("- just\n- a list\n").hasMessageContaining("is not a mapping of fields");
        // the file is composed into nodes, never constructed into objects: a tag names no class to build
        assertThat(builtIn.withCustom(FILE, VALID.replace("rights: [MANAGE_REPORTS]", "rights: [!!java.lang.Runtime MANAGE_REPORTS]"))
                .type("custom-colour-share").rights()).containsExactly("MANAGE_REPORTS");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String text) {
        try {
            builtIn.withCustom(FILE, text);
        } catch (DefinitionException e) {
            return assertThat((Throwable) e);
        }
        return assertThat((Throwable) null);
    }
}
