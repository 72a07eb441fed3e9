package org.ream.central.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserCsvFormatTest {

    /** The manual's example (8.7.4), on one line, with its spaces after delimiters and trailing delimiter. */
    static final String MANUAL_LINE = "\"Thomas Pineapple\"; \"Tom, Tommy, Apple\"; \"t.pineapple@domain.com\";7E9700C9;"
            + "\"Imported Users, Activities|Outdoor|Swimming, Activities|Outdoor|Birdwatching\";22212;\"\\\\Users\\Tomy\";"
            + "14BFA6BB14875E4;Birdwatching;testAD.local;080008020;en; 18BFA6BB14875E8; ;\"Carol,Kohei,Eliot\";";

    @Test
    void readsTheManualsExample() {
        UserCsvRow r = new UserCsvFormat(";").parseLine(MANUAL_LINE);
        assertThat(r.fullName()).isEqualTo("Thomas Pineapple");
        assertThat(r.login()).isEqualTo("Tom");
        assertThat(r.aliases()).containsExactly("Tommy", "Apple");
        assertThat(r.email()).isEqualTo("t.pineapple@domain.com");
        assertThat(r.cards()).containsExactly("7E9700C9");
        assertThat(r.groups()).containsExactly("Imported Users", "Activities|Outdoor|Swimming", "Activities|Outdoor|Birdwatching");
        assertThat(r.code()).isEqualTo("22212");
        assertThat(r.scanStorage()).isEqualTo("\\\\Users\\Tomy");
        assertThat(r.pins()).containsExactly("14BFA6BB14875E4");
        assertThat(r.managedGroups()).containsExactly("Birdwatching");
        assertThat(r.authServer()).isEqualTo("testAD.local");
        assertThat(r.phone()).isEqualTo("080008020");
        assertThat(r.lang()).isEqualTo("en");
        assertThat(r.pwd()).isEqualTo("18BFA6BB14875E8");
        assertThat(r.extId()).isNull();
        assertThat(r.delegates()).containsExactly("Carol", "Kohei", "Eliot");
    }

    @Test
    void headerHasTheManualsFifteenColumns() {
        assertThat(new UserCsvFormat(";").headerLine()).isEqualTo("\"FULLNAME\";\"USERNAME_ALIASES\";\"EMAIL\";\"CARDS\";\"GROUPS\";\"CODE\";"
                + "\"SCANSTORAGE\";\"PIN\";\"MANAGED_GROUPS\";\"AUTHSERVER\";\"PHONE\";\"LANG\";\"PWD\";\"EXTID\";\"DELEGATES\"\r\n");
    }

    @Test
    void writtenLinesReadBackUnchanged() throws Exception {
        for (String delimiter : List.of(";", ",", "TAB", "|")) {
            UserCsvFormat f = new UserCsvFormat(delimiter);
            UserCsvRow row = new UserCsvFormat(";").parseLine(MANUAL_LINE);
            UserCsvRow tricky = new UserCsvRow("O\"Brien; \"Jr\"|x", "obrien", List.of("ob"), null, List.of(), List.of("A|B"), null,
                    "C:\\scans\\ob", List.of(), List.of(), null, null, "fr", null, null, List.of());
            String file = f.headerLine() + f.line(row) + f.line(tricky);
            List<UserCsvRow> back = f.parse(new StringReader("\uFEFF" + file));
            assertThat(back).as("delimiter %s", delimiter).containsExactly(row, tricky);
        }
    }

    @Test
    void emptyFieldsAreNotQuotedAndValuesAre() {
        String line = new UserCsvFormat(";").line(new UserCsvRow("Carol Kai", "carol", List.of(), null, List.of("AB12"), List.of(), null, null,
                List.of(), List.of(), null, null, "en", null, null, List.of()));
        assertThat(line).isEqualTo("\"Carol Kai\";\"carol\";;\"AB12\";;;;;;;;\"en\";;;\r\n");
    }

    @Test
    void refusesALineWithoutUserName() {
        assertThatThrownBy(() -> new UserCsvFormat(";").parseLine("\"No Login\";;;")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USERNAME_ALIASES");
    }

    @Test
    void refusesTooManyColumns() {
        assertThatThrownBy(() -> new UserCsvFormat(",").parseLine("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 columns");
    }

    @Test
    void tabDelimiterSetting() {
        assertThat(UserCsvFormat.delimiterChar("TAB")).isEqualTo('\t');
        assertThat(UserCsvFormat.delimiterChar(";")).isEqualTo(';');
        assertThatThrownBy(() -> UserCsvFormat.delimiterChar("\"")).isInstanceOf(IllegalArgumentException.class);
    }
}
