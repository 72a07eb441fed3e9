package org.ream.central.reporting.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ream.central.reporting.counting.ColourMode.BW;
import static org.ream.central.reporting.counting.ColourMode.COLOR;
import static org.ream.central.reporting.counting.ColourMode.SINGLE_COLOR;
import static org.ream.central.reporting.counting.PaperFormat.A3;
import static org.ream.central.reporting.counting.PaperFormat.A4;
import static org.ream.central.reporting.counting.PaperFormat.A5;
import static org.ream.central.reporting.counting.PaperFormat.LEDGER;
import static org.ream.central.reporting.counting.PaperFormat.LETTER;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The counting rules of manual 10.1.2 and 10.1.3. */
class CountingTest {

    @Test
    void theManualsExampleOneA3MonoDuplexSheetCountsFourClicksOneA3SheetOneDuplex() {
        // 10.1.3: "1x A3 monochrome, recto-verso ... PM=4, A3=1, Duplex=1"
        PageCounters c = Counting.count(PrintedWork.print(BW, A3, true, 2)).totals();

        assertThat(c.printBw()).isEqualTo(4);
        assertThat(c.paperA3()).isEqualTo(1);
        assertThat(c.duplex()).isEqualTo(1);
        assertThat(c.simplex()).isZero();
        assertThat(c.paperA4()).isZero();
        assertThat(c.sheets()).isEqualTo(1);
        assertThat(c.bwPages()).isEqualTo(4);
        assertThat(c.colorPages()).isZero();
        assertThat(c.totalPages()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0} {1}: {2} clicks")
    // 10.1.3: 2 clicks for A3/Ledger and 1 for the rest; in duplex 4 for A3/Ledger and 2 for the rest
    @CsvSource({
            "A4, false, 1, 1", "A4, true, 2, 1",
            "A3, false, 2, 1", "A3, true, 4, 1",
            "LEDGER, false, 2, 1", "LEDGER, true, 4, 1",
            "A5, false, 1, 1", "B4, true, 2, 1", "LETTER, true, 2, 1", "LEGAL, false, 1, 1"})
    void oneSheetPrintedOnEverySideItCanHas(PaperFormat format, boolean duplex, long clicks, long sheets) {
        DetailedCounters d = Counting.count(PrintedWork.print(BW, format, duplex, duplex ? 2 : 1));

        assertThat(d.totals().printBw()).isEqualTo(clicks);
        assertThat(d.sheets(DetailedCounters.of(format))).isEqualTo(sheets);
        assertThat(d.totals().duplex()).isEqualTo(duplex ? 1 : 0);
        assertThat(d.totals().simplex()).isEqualTo(duplex ? 0 : 1);
    }

    @Test
    void paperFormatsCountSheetsNotClicks() {
        // "Ces valeurs sont comptabilisées comme des feuilles de papier: 1x A3 / 1x A4"
        PageCounters c = Counting.count(PrintedWork.print(BW, A3, true, 10), PrintedWork.print(COLOR, A4, false, 3)).totals();

        assertThat(c.paperA3()).isEqualTo(5);
        assertThat(c.paperA4()).isEqualTo(3);
        assertThat(c.duplex()).isEqualTo(5);
        assertThat(c.simplex()).isEqualTo(3);
        assertThat(c.sheets()).isEqualTo(8);
        assertThat(c.printBw()).isEqualTo(20);
        assertThat(c.printColor()).isEqualTo(3);
    }

    @Test
    void anOddDuplexJobLeavesItsLastSheetPrintedOnOneSide() {
        PageCounters c = Counting.count(PrintedWork.print(BW, A4, true, 3)).totals();

        assertThat(c.printBw()).isEqualTo(3);
        assertThat(c.duplex()).isEqualTo(2);
        assertThat(c.sheets()).isEqualTo(2);
    }

    @Test
    void copiesMultiplyClicksAndSheets() {
        PageCounters c = Counting.count(PrintedWork.copy(BW, A3, false, 2).times(3)).totals();

        assertThat(c.copyBw()).isEqualTo(12);
        assertThat(c.paperA3()).isEqualTo(6);
        assertThat(c.totalCopies()).isEqualTo(12);
        assertThat(c.totalPrints()).isZero();
    }

    @Test
    void bwPagesArePrintsCopiesAndFaxColourPagesIncludeSingleColourCopies() {
        // 10.1.2: B&W pages = B&W prints + B&W copies + fax;
        // colour pages = colour prints + colour copies + single-colour copies; total = B&W + colour
        PageCounters c = Counting.count(PrintedWork.print(BW, A4, false, 5), PrintedWork.copy(BW, A4, false, 4),
                PrintedWork.fax(A4, 3), PrintedWork.print(COLOR, A4, false, 7), PrintedWork.copy(COLOR, A4, false, 2),
                PrintedWork.copy(SINGLE_COLOR, A4, false, 6), PrintedWork.scan(9)).totals();

        assertThat(c.bwPages()).isEqualTo(5 + 4 + 3);
        assertThat(c.colorPages()).isEqualTo(7 + 2 + 6);
        assertThat(c.totalPages()).isEqualTo(12 + 15);
        assertThat(c.totalPrints()).isEqualTo(5 + 7);
        assertThat(c.totalCopies()).isEqualTo(4 + 2);
        assertThat(c.copySingleColor()).isEqualTo(6);
        assertThat(c.fax()).isEqualTo(3);
        assertThat(c.scans()).isEqualTo(9);
    }

    @Test
    void scansAreNeitherPagesNorPaper() {
        PageCounters c = Counting.count(PrintedWork.scan(40)).totals();

        assertThat(c.scans()).isEqualTo(40);
        assertThat(c.totalPages()).isZero();
        assertThat(c.sheets()).isZero();
        assertThat(c.environmentalImpact().trees()).isZero();
    }

    @Test
    void coverageLevelsCountColourClicksPerFunction() {
        DetailedCounters d = Counting.count(PrintedWork.print(COLOR, A4, false, 4).at(CoverageLevel.L1),
                PrintedWork.print(COLOR, A3, false, 1).at(CoverageLevel.L3), PrintedWork.copy(COLOR, A4, true, 2).at(CoverageLevel.L1));

        assertThat(d.coverageClicks(JobFunction.PRINT, CoverageLevel.L1)).isEqualTo(4);
        assertThat(d.coverageClicks(JobFunction.PRINT, CoverageLevel.L3)).isEqualTo(2);
        assertThat(d.coverageClicks(JobFunction.COPY, CoverageLevel.L1)).isEqualTo(2);
        assertThat(d.totals().colorL1()).isEqualTo(6);
        assertThat(d.totals().colorL2()).isZero();
        assertThat(d.totals().colorL3()).isEqualTo(2);
    }

    @Test
    void theBetaBreakdownCrossesFunctionColourFormatAndSides() {
        // "Impression N&B Recto/Verso", "Copie A3 Couleur", "Feuilles A4"...
        DetailedCounters d = Counting.count(PrintedWork.print(BW, A4, true, 4), PrintedWork.print(BW, A4, false, 1),
                PrintedWork.copy(COLOR, A3, false, 1), PrintedWork.print(COLOR, LETTER, false, 2));

        assertThat(d.clicks(DetailedCounters.of(JobFunction.PRINT, BW).and(DetailedCounters.duplex(true)))).isEqualTo(4);
        assertThat(d.clicks(DetailedCounters.of(JobFunction.PRINT, BW).and(DetailedCounters.duplex(false)))).isEqualTo(1);
        assertThat(d.clicks(DetailedCounters.of(JobFunction.COPY, COLOR).and(DetailedCounters.of(A3)))).isEqualTo(2);
        assertThat(d.sheets(DetailedCounters.of(A4))).isEqualTo(3);
        assertThat(d.sheets(c -> c.function() == JobFunction.PRINT)).isEqualTo(5);
        assertThat(d.totals().paperOtherFormats()).isEqualTo(2);
    }

    @Test
    void aSessionIsTheSumOfItsWork() {
        DetailedCounters a = Counting.count(PrintedWork.print(BW, A3, true, 2));
        DetailedCounters b = Counting.count(PrintedWork.print(BW, A3, true, 2), PrintedWork.scan(3));

        PageCounters sum = a.plus(b).totals();

        assertThat(sum).isEqualTo(a.totals().plus(b.totals()));
        assertThat(sum.printBw()).isEqualTo(8);
        assertThat(sum.paperA3()).isEqualTo(2);
        assertThat(sum.scans()).isEqualTo(3);
    }

    @Test
    void aJobRowIsCountedByTheSameRules() {
        // JOBS: 2 pages, 3 copies, colour, duplex, A3 -> one sheet a copy, 4 clicks a copy
        PageCounters c = Counting.count(PrintedWork.ofJob(2, 3, true, true, "A3")).totals();

        assertThat(c.printColor()).isEqualTo(12);
        assertThat(c.paperA3()).isEqualTo(3);
        assertThat(c.duplex()).isEqualTo(3);
        assertThat(c.sheets()).isEqualTo(3);
        assertThat(Counting.count(PrintedWork.ofJob(5, 1, null, null, "Letter")).totals().paperOtherFormats()).isEqualTo(5);
        assertThat(PaperFormat.parse("ledger")).isEqualTo(LEDGER);
        assertThat(PaperFormat.parse("Tabloid-ish")).isEqualTo(PaperFormat.OTHER);
        assertThat(PaperFormat.parse(null)).isEqualTo(PaperFormat.OTHER);
    }

    @Test
    void replicatedCountersAreReadAsTheSiteCountedThem() {
        PageCounters c = PageCounters.fromReplicated(Map.of("PRINT_BW", 4L, "PAGES_A3", 1L, "DUPLEX_PAGES", 1L, "SHEETS", 1L,
                "COPY_COLOR", 2, "FAX_PAGES", 1, "SCAN_PAGES", 7));

        assertThat(c.printBw()).isEqualTo(4);
        assertThat(c.paperA3()).isEqualTo(1);
        assertThat(c.duplex()).isEqualTo(1);
        assertThat(c.bwPages()).isEqualTo(5);
        assertThat(c.colorPages()).isEqualTo(2);
        assertThat(c.totalPages()).isEqualTo(7);
        assertThat(c.scans()).isEqualTo(7);
        assertThat(c.copySingleColor()).isZero();
    }

    @Test
    void impossibleWorkIsRefusedWithTheRule() {
        assertThatThrownBy(() -> PrintedWork.print(SINGLE_COLOR, A4, false, 1)).hasMessageContaining("copy mode");
        assertThatThrownBy(() -> new PrintedWork(JobFunction.FAX, COLOR, A4, false, 1, 1, null)).hasMessageContaining("black and white");
        assertThatThrownBy(() -> PrintedWork.print(BW, A4, false, 1).at(CoverageLevel.L2)).hasMessageContaining("colour pages");
        assertThatThrownBy(() -> PrintedWork.print(BW, A5, false, -1)).hasMessageContaining("negative");
    }

    @Test
    void measuresApplyTheSameFormulas() {
        PageCounters c = Counting.count(PrintedWork.print(BW, A3, true, 2), PrintedWork.copy(SINGLE_COLOR, A4, false, 1)).totals();

        assertThat(Measure.byId("bwPages").of(c)).isEqualTo(4L);
        assertThat(Measure.byId("colorPages").of(c)).isEqualTo(1L);
        assertThat(Measure.byId("totalPages").of(c)).isEqualTo(5L);
        assertThat(Measure.byId("sheets").of(c)).isEqualTo(2L);
        assertThat(Measure.byId("co2Grams").of(c).doubleValue()).isEqualTo(25.4);
        assertThat(Measure.byId("nonsense")).isNull();
        assertThatThrownBy(() -> Measure.OCCURRENCES.of(c)).isInstanceOf(IllegalStateException.class);
        assertThat(Measure.kilobytes(2048)).isEqualTo(2.0);
    }
}
