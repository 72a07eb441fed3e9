package org.ream.central.reporting.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.ream.central.reporting.definition.ColumnType;
import org.ream.central.reporting.definition.ReportDesign.Alignment;
import org.ream.central.reporting.definition.SummaryKind;

class ValueFormatTest {

    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    private static ReportColumn column(ColumnType type) {
        return new ReportColumn("c", "C", type, Alignment.AUTO, 0, SummaryKind.NONE);
    }

    private static ReportColumn column(ColumnType type, SummaryKind summary) {
        return new ReportColumn("c", "C", type, Alignment.AUTO, 0, summary);
    }

    @Test
    void moneyInTheReportsLocaleAndCurrency() {
        // the manual's summary line shows $12,512.000 in an American report: ours keeps the currency's decimals
        assertThat(new ValueFormat(Locale.US, PRAGUE, "USD").display(column(ColumnType.MONEY), new BigDecimal("12512"))).isEqualTo("$12,512.00");
        assertThat(new ValueFormat(Locale.FRANCE, PRAGUE, "EUR").display(column(ColumnType.MONEY), new BigDecimal("5440.5")))
                .isEqualTo("5\u202f440,50\u00a0€");
        assertThat(new ValueFormat(Locale.forLanguageTag("cs-CZ"), PRAGUE, "CZK").display(column(ColumnType.MONEY), 1234L))
                .isEqualTo("1\u00a0234,00\u00a0Kč");
        // a currency that is not an ISO code is written after the amount as given
        assertThat(new ValueFormat(Locale.US, PRAGUE, "pts").display(column(ColumnType.MONEY), new BigDecimal("3.5"))).isEqualTo("3.50\u00a0pts");
        assertThat(new ValueFormat(Locale.US, PRAGUE, null).display(column(ColumnType.MONEY), new BigDecimal("3.5"))).isEqualTo("3.50");
    }

    @Test
    void countsNumbersAndDecimals() {
        ValueFormat en = new ValueFormat(Locale.US, PRAGUE, "USD");
        assertThat(en.display(column(ColumnType.COUNT), 14810L)).isEqualTo("14,810");
        assertThat(en.display(column(ColumnType.NUMBER), new BigDecimal("2.5"))).isEqualTo("2.50");
        assertThat(en.display(column(ColumnType.DECIMAL), new BigDecimal("0.00012"))).isEqualTo("0.000");
        assertThat(en.display(column(ColumnType.DECIMAL), new BigDecimal("1.0125"))).isEqualTo("1.013");
        // a number in a column that is no number (an hour, a year) is not grouped
        assertThat(en.display(column(ColumnType.PERIOD), 2017L)).isEqualTo("2017");
        assertThat(en.display(column(ColumnType.TEXT), null)).isEmpty();
    }

    @Test
    void datesWithFourDigitYearsAndMomentsInTheReportsZone() {
        Instant summer = Instant.parse("2026-07-10T22:30:00Z");
        ValueFormat us = new ValueFormat(Locale.US, PRAGUE, "USD");
        assertThat(us.display(column(ColumnType.DATE), LocalDate.of(2020, 7, 10))).isEqualTo("7/10/2020");
        // newer JDKs put a narrow no-break space before AM
        assertThat(us.display(column(ColumnType.DATETIME), summer).replace('\u202f', ' ')).isEqualTo("7/11/2026 12:30:00 AM");
        ValueFormat fr = new ValueFormat(Locale.FRANCE, PRAGUE, "EUR");
        assertThat(fr.display(column(ColumnType.DATE), LocalDate.of(2020, 7, 10))).isEqualTo("10/07/2020");
        assertThat(fr.display(column(ColumnType.DATETIME), summer)).isEqualTo("11/07/2026 00:30:00");
        assertThat(fr.display(column(ColumnType.BOOL), true)).isEqualTo("Oui");
        assertThat(new ValueFormat(Locale.forLanguageTag("cs"), PRAGUE, "CZK").display(column(ColumnType.DATE), LocalDate.of(2020, 7, 10)))
                .isEqualTo("10.07.2020");
    }

    @Test
    void plainForCsvAndMachineForXml() {
        ValueFormat fr = new ValueFormat(Locale.FRANCE, PRAGUE, "EUR");
        assertThat(fr.plain(column(ColumnType.MONEY), new BigDecimal("12512"))).isEqualTo("12512,00");
        assertThat(fr.plain(column(ColumnType.COUNT), 14810L)).isEqualTo("14810");
        assertThat(fr.plain(column(ColumnType.DATETIME), Instant.parse("2026-01-10T22:30:00Z"))).isEqualTo("2026-01-10 23:30:00");
        assertThat(fr.machine(column(ColumnType.MONEY), new BigDecimal("12512"))).isEqualTo("12512.00");
        assertThat(fr.machine(column(ColumnType.DATETIME), Instant.parse("2026-07-10T22:30:00Z"))).isEqualTo("2026-07-11T00:30:00+02:00");
        assertThat(fr.machine(column(ColumnType.TEXT), null)).isNull();
        assertThat(fr.plainSummary(column(ColumnType.COUNT, SummaryKind.AVERAGE), new BigDecimal("2.5"))).isEqualTo("2,50");
    }

    @Test
    void autoAlignmentAndWidthShares() {
        assertThat(ValueFormat.alignment(column(ColumnType.COUNT))).isEqualTo(Alignment.RIGHT);
        assertThat(ValueFormat.alignment(column(ColumnType.BOOL))).isEqualTo(Alignment.CENTER);
        assertThat(ValueFormat.alignment(column(ColumnType.TEXT))).isEqualTo(Alignment.LEFT);
        assertThat(ValueFormat.alignment(new ReportColumn("c", "C", ColumnType.COUNT, Alignment.LEFT, 0, SummaryKind.NONE)))
                .isEqualTo(Alignment.LEFT);
        List<ReportColumn> columns = List.of(withWidth(40), withWidth(0), withWidth(0), withWidth(20));
        assertThat(ValueFormat.widthShares(columns)).containsExactly(40, 20, 20, 20);
        // widths over 100 are kept in proportion; automatic columns get the average given width
        assertThat(Arrays.stream(ValueFormat.widthShares(List.of(withWidth(300), withWidth(100), withWidth(0)))).map(Math::round).toArray())
                .containsExactly(50, 17, 33);
        assertThat(ValueFormat.widthShares(List.of(withWidth(0), withWidth(0)))).containsExactly(50, 50);
    }

    @Test
    void xmlSafeReplacesWhatXmlCannotCarry() {
        assertThat(ValueFormat.xmlSafe("a\u0001b\tc\uD83D\uDE00")).isEqualTo("a\uFFFDb\tc\uD83D\uDE00");
        assertThat(ValueFormat.xmlSafe("lone \uD83D")).isEqualTo("lone \uFFFD");
    }

    @Test
    void summaryLineSumsAndAveragesAsRowsPass() {
        List<ReportColumn> columns = List.of(column(ColumnType.TEXT), column(ColumnType.COUNT, SummaryKind.SUM),
                column(ColumnType.MONEY, SummaryKind.AVERAGE), column(ColumnType.COUNT, SummaryKind.NONE),
                column(ColumnType.DECIMAL, SummaryKind.AVERAGE));
        SummaryLine line = new SummaryLine(columns);
        // the manual's example: 5,621 + 1,211 B&W pages; $5,440 and $7,072
        line.add(new Object[] {"2017-3", 5621L, new BigDecimal("5440"), 1L, null});
        line.add(new Object[] {"2017-4", 1211L, new BigDecimal("7072"), 2L, null});
        line.add(new Object[] {"2017-5", null, null, 3L, null});
        assertThat(line.present()).isTrue();
        assertThat(line.value(0)).isNull();
        assertThat(line.value(1)).isEqualByComparingTo("6832");
        assertThat(line.value(2)).isEqualByComparingTo("6256"); // empty cells are not zeros
        assertThat(line.value(3)).isNull();
        assertThat(line.value(4)).isNull(); // nothing to average
        assertThat(line.label(ReportTexts.of(Locale.FRANCE))).isEqualTo("Résumé");
        assertThat(new SummaryLine(List.of(column(ColumnType.COUNT, SummaryKind.SUM))).label(ReportTexts.of(Locale.ENGLISH))).isNull();
        assertThat(new SummaryLine(List.of(column(ColumnType.COUNT))).present()).isFalse();
    }

    private static ReportColumn withWidth(int width) {
        return new ReportColumn("c", "C", ColumnType.TEXT, Alignment.AUTO, width, SummaryKind.NONE);
    }
}
