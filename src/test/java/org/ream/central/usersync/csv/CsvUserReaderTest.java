package org.ream.central.usersync.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.SourceUser;

class CsvUserReaderTest {

    static final CsvSourceSettings UTF8 = CsvSourceSettings.of("UTF-8", null, false, null);

    static byte[] resource(String name) throws Exception {
        try (InputStream in = CsvUserReaderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static List<SourceUser> read(String text, CsvSourceSettings settings) throws InvalidCsvFile {
        return CsvUserReader.read(text.getBytes(settings.encoding()), settings, ";");
    }

    static InvalidCsvFile refused(String text, CsvSourceSettings settings) {
        return (InvalidCsvFile) org.assertj.core.api.Assertions.catchThrowable(() -> read(text, settings));
    }

    /** The manual's example (8.7.4) exactly as printed: wrapped lines, trailing ";", the GROUPS field quoted over two lines. */
    @Test
    void manualsExampleImportsAsTheManualSays() throws Exception {
        List<SourceUser> users = CsvUserReader.read(resource("manual-example.csv"), UTF8, ";");
        assertThat(users).hasSize(1);
        SourceUser tom = users.get(0);
        assertThat(tom.externalId()).isNull();
        assertThat(tom.fullName()).isEqualTo("Thomas Pineapple");
        assertThat(tom.username()).as("the first name of USERNAME_ALIASES is the login").isEqualTo("Tom");
        assertThat(tom.aliases()).containsExactly("Tommy", "Apple");
        assertThat(tom.email()).isEqualTo("t.pineapple@domain.com");
        assertThat(tom.cards()).containsExactly("7E9700C9");
        assertThat(tom.groups()).containsExactly(GroupPath.of("Imported Users"), GroupPath.of("Activities", "Outdoor", "Swimming"),
                GroupPath.of("Activities", "Outdoor", "Birdwatching"));
        assertThat(tom.personalNumber()).isEqualTo("22212");
        assertThat(tom.userStorage()).isEqualTo("\\\\Users\\Tomy");
        assertThat(tom.pinsMd5()).as("PINs stay in MD5 form").containsExactly("14BFA6BB14875E4");
        assertThat(tom.managedGroups()).containsExactly(GroupPath.of("Birdwatching"));
        assertThat(tom.authServer()).isEqualTo("testAD.local");
        assertThat(tom.phone()).isEqualTo("080008020");
        assertThat(tom.language()).isEqualTo("en");
        assertThat(tom.passwordMd5()).isEqualTo("18BFA6BB14875E8");
        assertThat(tom.delegates()).containsExactly("Carol", "Kohei", "Eliot");
    }

    @Test
    void manualsHeaderAndExampleTogetherGiveOneUser() throws Exception {
        byte[] header = resource("manual-header.csv");
        byte[] example = resource("manual-example.csv");
        byte[] file = new byte[header.length + example.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(example, 0, file, header.length, example.length);
        for (boolean skipHeader : List.of(true, false)) {
            List<SourceUser> users = CsvUserReader.read(file, CsvSourceSettings.of("UTF-8", ";", skipHeader, null), ";");
            assertThat(users).as("skip header %s", skipHeader).extracting(SourceUser::username).containsExactly("Tom");
        }
    }

    @Test
    void fullLinesWithAnEmptyLastColumnAreSeparateUsers() throws Exception {
        // 15 columns each, the last (DELEGATES) empty: every line ends with the delimiter, as a spreadsheet writes it.
        String file = "\"Ada Lovelace\";\"ada\";\"ada@x\";;\"Group A|Sub\";;;;;;;;;;\n"
                + "\"Alan Turing\";\"alan\";\"alan@x\";;;;;;;;;;;;\n"
                + "\"Grace Hopper\";\"grace\";;;;;;;;;;;;;\n";
        assertThat(read(file, CsvSourceSettings.of("UTF-8", ";", false, null))).extracting(SourceUser::username).containsExactly("ada", "alan", "grace");
    }

    @Test
    void skipHeaderSkipsTheFirstLineWhateverItSays() throws Exception {
        String file = "Name;Login\n\"Carol Kai\";carol\n";
        assertThat(read(file, CsvSourceSettings.of("UTF-8", ";", true, null))).extracting(SourceUser::username).containsExactly("carol");
        assertThat(read(file, UTF8)).extracting(SourceUser::username).containsExactly("Login", "carol");
    }

    @Test
    void groupsAndManagedGroupsGoUnderTheChosenGroup() throws Exception {
        List<SourceUser> users = CsvUserReader.read(resource("manual-example.csv"), CsvSourceSettings.of("UTF-8", ";", false, "CSV | Staff"), ";");
        assertThat(users.get(0).groups()).containsExactly(GroupPath.of("CSV", "Staff", "Imported Users"),
                GroupPath.of("CSV", "Staff", "Activities", "Outdoor", "Swimming"), GroupPath.of("CSV", "Staff", "Activities", "Outdoor", "Birdwatching"));
        assertThat(users.get(0).managedGroups()).containsExactly(GroupPath.of("CSV", "Staff", "Birdwatching"));
    }

    @Test
    void emptyCellsSayNothing() throws Exception {
        SourceUser carol = read("\"Carol Kai\";carol\n", UTF8).get(0);
        assertThat(carol.fullName()).isEqualTo("Carol Kai");
        assertThat(carol.email()).isNull();
        assertThat(carol.passwordMd5()).isNull();
        assertThat(carol.cards()).isEmpty();
        assertThat(carol.groups()).isEmpty();
    }

    @Test
    void delimiterOfTheSourceOrTheGeneralSetting() throws Exception {
        String file = "\"Carol Kai\",carol,carol@x\r\n\"Eliot\tE\",eliot\r\n";
        assertThat(CsvUserReader.read(file.getBytes(StandardCharsets.UTF_8), CsvSourceSettings.of("UTF-8", ",", false, null), ";"))
                .extracting(SourceUser::username).containsExactly("carol", "eliot");
        assertThat(CsvUserReader.read(file.getBytes(StandardCharsets.UTF_8), CsvSourceSettings.of("UTF-8", "Default", false, null), ","))
                .extracting(SourceUser::email).containsExactly("carol@x", null);
        String tabs = "Carol Kai\tcarol\tcarol@x\n";
        assertThat(CsvUserReader.read(tabs.getBytes(StandardCharsets.UTF_8), CsvSourceSettings.of("UTF-8", "TAB", false, null), ";"))
                .extracting(SourceUser::email).containsExactly("carol@x");
    }

    @Test
    void anyJavaEncoding() throws Exception {
        String file = "\"Zoë Ærø\";zoe;;;\"Équipe|Été\"\n";
        for (String encoding : List.of("UTF-8", "windows-1252", "ISO-8859-15", "UTF-16", "IBM850")) {
            CsvSourceSettings s = CsvSourceSettings.of(encoding, ";", false, null);
            SourceUser zoe = CsvUserReader.read(file.getBytes(Charset.forName(encoding)), s, ";").get(0);
            assertThat(zoe.fullName()).as(encoding).isEqualTo("Zoë Ærø");
            assertThat(zoe.groups()).as(encoding).containsExactly(GroupPath.of("Équipe", "Été"));
        }
    }

    @Test
    void utf8ByteOrderMarkIsNotPartOfTheFirstName() throws Exception {
        byte[] file = ("\uFEFF" + "\"Carol Kai\";carol\n").getBytes(StandardCharsets.UTF_8);
        assertThat(CsvUserReader.read(file, UTF8, ";").get(0).fullName()).isEqualTo("Carol Kai");
    }

    @Test
    void badBytesAreRefusedNamingLineAndColumnNeverReplaced() {
        byte[] latin1 = "\"Carol Kai\";carol\n\"Zoë\";zoe\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CsvUserReader.read(latin1, UTF8, ";")).isInstanceOf(InvalidCsvFile.class)
                .hasMessage("Line 2, column 1 (FULLNAME): byte EB at offset 21 is not UTF-8 (choose the file's encoding in the source's settings)");
        byte[] undefined = "carol;\"Carol\u0081\";x".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CsvUserReader.read(undefined, CsvSourceSettings.of("windows-1252", ";", false, null), ";"))
                .isInstanceOfSatisfying(InvalidCsvFile.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(2);
                    assertThat(e.columnName()).isEqualTo("USERNAME_ALIASES");
                });
    }

    @Test
    void tooManyColumnsRefusesTheFile() {
        InvalidCsvFile e = refused("a;b\nc;d;e;f;g;h;i;j;k;l;m;n;o;p;q;r;s;t\n", UTF8);
        assertThat(e).hasMessage("Line 2, column 16 (column 16): 18 columns, at most 15 expected");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(16);
    }

    @Test
    void missingUserNameNamesTheColumn() {
        InvalidCsvFile e = refused("\"Carol Kai\";carol\n\n\"No Login\";  ;x@y\n", UTF8);
        assertThat(e).hasMessage("Line 3, column 2 (USERNAME_ALIASES): USERNAME_ALIASES is empty");
    }

    @Test
    void textAfterAClosingQuoteIsRefused() {
        InvalidCsvFile e = refused("\"Carol Kai\";carol\n\"Tom\";\"Tom, \"Tommy\" \";t@x\n", UTF8);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(2);
        assertThat(e.reason()).contains("'T' after the closing quote");
    }

    @Test
    void unclosedQuoteIsRefusedWhereItOpens() {
        InvalidCsvFile e = refused("\"Carol Kai\";carol\nTom;tom;\"t@x;\nEliot;eliot\n", UTF8);
        assertThat(e).hasMessage("Line 2, column 3 (EMAIL): the quote opening this field is never closed");
    }

    @Test
    void columnsAreCountedAcrossTheManualsWrappedLines() throws Exception {
        String file = new String(resource("manual-example.csv"), StandardCharsets.UTF_8).replace("Activities|Outdoor|Birdwatching",
                "Activities||Birdwatching");
        InvalidCsvFile e = refused(file, UTF8);
        assertThat(e.line()).as("the GROUPS field starts on the second line").isEqualTo(2);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.columnName()).isEqualTo("GROUPS");
        assertThat(e.reason()).contains("Activities||Birdwatching");

        String quote = new String(resource("manual-example.csv"), StandardCharsets.UTF_8).replace("\"Carol,Kohei,Eliot\"", "\"Carol\"x");
        InvalidCsvFile q = refused(quote, UTF8);
        assertThat(q.line()).isEqualTo(4);
        assertThat(q.column()).as("DELEGATES, the 15th column of the joined record").isEqualTo(15);
    }

    @Test
    void badManagedGroupNamesItsColumn() {
        InvalidCsvFile e = refused("x;tom;;;;;;;\"|Birdwatching\"\n", UTF8);
        assertThat(e.column()).isEqualTo(9);
        assertThat(e.columnName()).isEqualTo("MANAGED_GROUPS");
    }

    @Test
    void linesWithoutTrailingDelimiterAreUsersOnTheirOwn() throws Exception {
        assertThat(read("A;a\nB;b\n", UTF8)).extracting(SourceUser::username).containsExactly("a", "b");
        assertThat(read("A;a;\n", UTF8)).as("a trailing delimiter on the last line").extracting(SourceUser::username).containsExactly("a");
    }

    @Test
    void settingsAreValidatedNamingTheField() {
        assertThatThrownBy(() -> CsvSourceSettings.of("klingon-8", ";", false, null)).hasMessageStartingWith("encoding: ");
        assertThatThrownBy(() -> CsvSourceSettings.of("UTF-8", "\"", false, null)).hasMessageStartingWith("delimiter: ");
        assertThatThrownBy(() -> CsvSourceSettings.of("UTF-8", ";", false, "A||B")).hasMessageStartingWith("importGroupsUnder: ");
        assertThat(CsvSourceSettings.of("UTF-8", "DEFAULT", false, " ").delimiterOr("|")).isEqualTo("|");
        assertThat(CsvSourceSettings.of("UTF-8", "TAB", false, null).delimiterOr("|")).isEqualTo("TAB");
    }
}
