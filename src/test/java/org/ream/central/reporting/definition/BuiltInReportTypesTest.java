package org.ream.central.reporting.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.definition.ReportDesign.FilterValue;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every built-in report type of manual 10.1.1 is defined, loads and validates, in the manual's
 * categories, with the manual's names; the three default reports are designs of those types.
 */
class BuiltInReportTypesTest {

    /** The types of each category as the manual lists them (10.1.1, one list per category). */
    static final Map<Category, List<String>> MANUAL = new LinkedHashMap<>();

    static {
        List<String> beta = List.of("Compteurs par fonction et duplex (BETA)", "Compteurs par fonction et format de papier (BETA)",
                "Compteurs par format de papier et recto-verso (BETA)");
        MANUAL.put(Category.ALERTS_MAINTENANCE, List.of("Contre-analyse", "Historique des événements", "Remplacement du toner",
                "Résumé des principales alertes N"));
        MANUAL.put(Category.CREDIT, List.of("Solde créditeur", "Opérations de crédit"));
        MANUAL.put(Category.ENVIRONMENTAL, List.of("Emplois expirés et supprimés", "Imprimantes", "Groupes d'utilisateurs", "Utilisateurs"));
        MANUAL.put(Category.GENERAL, List.of("Jour de la semaine", "Activité horaire", "Statistiques mensuelles",
                "Comparaison des listes de prix", "Statistiques hebdomadaires"));
        MANUAL.put(Category.GROUPS, concat(beta, "Résumé quotidien", "Jour de la semaine", "Résumé mensuel", "Top N", "Synthèse totale",
                "Appartenance à un groupe d'utilisateurs"));
        MANUAL.put(Category.PRINT_JOBS, List.of("Résumé quotidien", "Emplois expirés et supprimés", "Résumé des travaux imprimés"));
        MANUAL.put(Category.PRINTERS, concat(beta, "Résumé quotidien", "Jour de la semaine", "Relevé des compteurs via SNMP", "Résumé mensuel",
                "Top N", "Synthèse totale"));
        MANUAL.put(Category.PROJECTS, concat(beta, "Résumé quotidien", "Jour de la semaine", "Résumé mensuel",
                "Travaux d'impression par projet", "Résumé total des groupes de projet", "Projets par utilisateur", "Top N",
                "Affectation du projet de l'utilisateur", "Détails de la session de l'utilisateur", "Utilisateurs par projet"));
        MANUAL.put(Category.USERS, concat(beta, "Résumé quotidien", "Jour de la semaine", "Résumé mensuel", "Détails de la session", "Top N",
                "Synthèse totale", "Droits de l'utilisateur"));
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    final ReportCatalogue catalogue = Catalogues.builtIn();

    @Test
    void everyTypeOfTheManualIsDefinedOnceInItsCategory() {
        int expected = MANUAL.values().stream().mapToInt(List::size).sum();
        assertThat(expected).isEqualTo(59);
        assertThat(catalogue.types()).hasSize(expected);
        for (Map.Entry<Category, List<String>> e : MANUAL.entrySet()) {
            assertThat(catalogue.inCategory(e.getKey()).stream().map(t -> t.name("fr")).toList())
                    .as(e.getKey().id()).containsExactlyInAnyOrderElementsOf(e.getValue());
        }
        assertThat(catalogue.types()).allMatch(ReportType::builtIn);
        assertThat(catalogue.types().stream().map(ReportType::category).collect(Collectors.toSet())).containsExactlyInAnyOrder(Category.values());
    }

    @Test
    void theFirstCategoriesCarryTheEnglishNamesOfTheManualsTable() {
        // 10.1.1 table "Type / Name / Category" (English UI)
        Map<Category, List<String>> en = Map.of(
                Category.ALERTS_MAINTENANCE, List.of("Counter analysis", "Event history", "Toner replacement", "Top N alerts summary"),
                Category.CREDIT, List.of("Credit balance", "Credit operations"),
                Category.ENVIRONMENTAL, List.of("Expired & deleted jobs", "Printers", "User groups", "Users"),
                Category.GENERAL, List.of("Day of Week", "Hourly activity", "Monthly statistics", "Pricelist comparison", "Weekly statistics"));
        en.forEach((category, names) -> assertThat(catalogue.inCategory(category).stream().map(t -> t.name("en")).toList())
                .as(category.id()).containsExactlyInAnyOrderElementsOf(names));
    }

    @Test
    void theBetaCounterReportsAreMarkedAndCannotBeFilledFromReplicatedTotals() {
        List<ReportType> beta = catalogue.types().stream().filter(ReportType::beta).toList();

        assertThat(beta).hasSize(12);
        assertThat(beta).allMatch(t -> t.name("fr").endsWith("(BETA)"));
        assertThat(beta).allMatch(t -> t.gaps().contains("counter-breakdown"));
        // ... but A4 and A3 sheets are counted already
        ReportType t = catalogue.type("users-counters-by-paper-format-and-duplex");
        assertThat(t.column("a4Sheets").measure()).isEqualTo(Measure.PAPER_A4);
        assertThat(t.column("a4Sheets").available()).isTrue();
    }

    @Test
    void aggregatedColumnsWhereTheManualListsThem() {
        // 10.1.1 "Types de rapports pris en charge pour les colonnes agrégées"
        Set<String> expected = Set.of("groups-monthly-summary", "print-jobs-expired-deleted-jobs", "printers-daily-summary",
                "printers-day-of-week", "printers-meter-reading-via-snmp", "projects-daily-summary", "projects-day-of-week",
                "projects-monthly-summary", "projects-project-group-total-summary", "projects-projects-by-user", "projects-users-by-project");

        assertThat(catalogue.types().stream().filter(ReportType::aggregatedColumns).map(ReportType::id)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void chartsWhereTheManualOffersThem() {
        Map<String, Set<ChartKind>> charts = new LinkedHashMap<>();
        for (ReportType t : catalogue.types()) {
            if (t.charts().supported()) {
                charts.put(t.id(), t.charts().kinds());
            }
        }
        Set<ChartKind> pie = Set.of(ChartKind.PIE, ChartKind.DONUT, ChartKind.BAR);

        assertThat(charts).containsOnly(Map.entry("alerts-top-n-alerts-summary", pie), Map.entry("general-day-of-week", pie),
                Map.entry("general-hourly-activity", pie), Map.entry("general-monthly-statistics", Set.of(ChartKind.LINE)),
                Map.entry("general-pricelist-comparison", Set.of(ChartKind.BAR)), Map.entry("general-weekly-statistics", Set.of(ChartKind.LINE)),
                Map.entry("groups-top-n", pie), Map.entry("printers-top-n", pie), Map.entry("projects-top-n", pie), Map.entry("users-top-n", pie));
        assertThat(catalogue.type("alerts-top-n-alerts-summary").charts().category().id()).isEqualTo("alertName");
        assertThat(catalogue.type("alerts-top-n-alerts-summary").charts().values()).extracting(ColumnDef::id).containsExactly("occurrences");
        assertThat(catalogue.type("users-top-n").charts().values()).extracting(ColumnDef::id).containsExactly("pageCounter");
    }

    @Test
    void topNTypesTakeThePageCounterNAndRemainingSumParameters() {
        for (String id : List.of("groups-top-n", "printers-top-n", "projects-top-n", "users-top-n")) {
            assertThat(catalogue.type(id).parameters()).as(id).containsExactly(ParameterKind.PERIOD, ParameterKind.PAGE_COUNTER, ParameterKind.N,
                    ParameterKind.ADD_REMAINING_SUM);
        }
        assertThat(catalogue.type("alerts-counter-analysis").filters()).contains(FilterKind.PAGE_COUNTER_VALUE);
        assertThat(catalogue.type("general-pricelist-comparison").parameters()).containsExactly(ParameterKind.PRICE_LIST, ParameterKind.PRICE_LIST_ITEM);
        assertThat(catalogue.type("credit-balance").parameters()).isEmpty();
    }

    @Test
    void typesReadTheirDataSource() {
        assertThat(catalogue.type("alerts-event-history").source()).isEqualTo(DataSource.PRINTER_EVENTS);
        assertThat(catalogue.type("alerts-toner-replacement").source()).isEqualTo(DataSource.TONER_REPLACEMENTS);
        assertThat(catalogue.type("print-jobs-expired-deleted-jobs").where()).containsEntry("JOBS.JOB_STATUS", List.of("EXPIRED", "DELETED"));
        assertThat(catalogue.type("users-session-details").source()).isEqualTo(DataSource.PRINTER_JOBS);
        assertThat(catalogue.type("groups-user-group-membership").source()).isEqualTo(DataSource.GROUP_MEMBERS);
        // credit and SNMP meter readings are not replicated: defined, not runnable
        assertThat(catalogue.types().stream().filter(t -> !t.runnable()).map(ReportType::id))
                .containsExactlyInAnyOrder("credit-balance", "credit-operations", "printers-meter-reading-via-snmp");
    }

    @Test
    void everyTypeOffersItsDefaultColumnsAndNamesRealColumnsOrMeasures() {
        for (ReportType t : catalogue.types()) {
            assertThat(t.defaultColumns()).as(t.id()).isNotEmpty();
            assertThat(t.rights()).as(t.id()).containsExactly("MANAGE_REPORTS");
            for (ColumnDef c : t.columns()) {
                if (!c.available()) {
                    continue;
                }
                String s = c.source(t.source());
                assertThat(s != null || c.measure() != null).as(t.id() + " " + c.id()).isTrue();
                if (s != null) {
                    String[] tc = s.split("\\.");
                    assertThat(ReportSchema.kind(tc[0], tc[1])).as(t.id() + " " + c.id() + " " + s).isNotNull();
                }
            }
        }
    }

    @Test
    void theIndexListsEveryDefinitionFile() throws IOException {
        Path dir = Path.of("resources/reports/types");
        Set<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> indexed = Files.readAllLines(dir.resolve("index.txt")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));

        assertThat(indexed).isEqualTo(files);
        for (ReportType t : catalogue.types()) {
            assertThat(t.file()).isEqualTo("types/" + t.id() + ".yaml");
        }
    }

    @Test
    void everyGapIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("docs/reports.md"), StandardCharsets.UTF_8);
        String gapsSection = doc.substring(doc.indexOf("## Gaps"));
        Set<String> used = new TreeSet<>();
        catalogue.types().forEach(t -> used.addAll(t.gaps()));

        assertThat(catalogue.dictionary().gaps().keySet()).containsAll(used);
        for (String gap : catalogue.dictionary().gaps().keySet()) {
            assertThat(gapsSection).as("docs/reports.md, Gaps").contains("`" + gap + "`");
        }
    }

    @Test
    void theCentralColumnsReportsReadExistInTheSchema() {
        // src/main/resources/db/main-changelog.yaml: createTable and addColumn of every changeset
        Map<String, Set<String>> schema = changelogColumns();
        for (String table : ReportSchema.CENTRAL_TABLES) {
            assertThat(schema).as(table).containsKey(table);
            assertThat(schema.get(table)).as(table).containsAll(ReportSchema.tables().get(table).keySet());
        }
        for (String table : ReportSchema.tables().keySet()) {
            assertThat(schema).as(table + " in the changelog").containsKey(table);
            assertThat(schema.get(table)).as(table).containsAll(ReportSchema.tables().get(table).keySet());
        }
    }

    @Test
    void theThreeDefaultReportsAreDesignsOfTheirTypesForTheUserWhoRunsThem() throws IOException {
        Map<String, String> expected = Map.of("my-daily-summary.yaml", "users-daily-summary", "my-sessions.yaml", "users-session-details",
                "my-monthly-summary.yaml", "users-monthly-summary");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String text = Files.readString(Path.of("resources/reports/defaults", e.getKey()), StandardCharsets.UTF_8);

            ReportDesign d = ReportDesignReader.readChecked(e.getKey(), text, catalogue);

            assertThat(d.typeId()).isEqualTo(e.getValue());
            assertThat(d.filters()).containsEntry(FilterKind.USER, FilterValue.onlyMe());
            assertThat(d.parameters().period()).isNotNull();
            assertThat(ReportDesignValidator.problems(d, catalogue.type(d.typeId()))).isEmpty();
        }
        assertThat(ReportDesignReader.read("x", Files.readString(Path.of("resources/reports/defaults/my-monthly-summary.yaml")))
                .parameters().period()).isEqualTo(new PeriodSpec.Relative(PeriodSpec.Unit.LAST_N_MONTHS, 3));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> changelogColumns() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try (var in = BuiltInReportTypesTest.class.getClassLoader().getResourceAsStream("db/main-changelog.yaml")) {
            Object root = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            walk(root, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object node, Map<String, Set<String>> out) {
        if (node instanceof Map<?, ?> m) {
            for (String change : List.of("createTable", "addColumn")) {
                if (m.get(change) instanceof Map<?, ?> c && c.get("tableName") instanceof String table && c.get("columns") instanceof List<?> cols) {
                    for (Object col : cols) {
                        Map<String, Object> column = (Map<String, Object>) ((Map<String, Object>) col).get("column");
                        out.computeIfAbsent(table, k -> new TreeSet<>()).add((String) column.get("name"));
                    }
                }
            }
            m.values().forEach(v -> walk(v, out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> walk(v, out));
        }
    }
}
