package org.ream.central.reporting.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ream.central.reporting.counting.TonerCounting.Replacement;
import org.ream.central.reporting.counting.TonerCounting.TonerColour;
import org.ream.central.reporting.counting.TonerCounting.TonerLife;

/** The toner replacement addendum (10.1) and the discount rule of price and cost columns (10.1.2-10.1.3). */
class TonerAndPriceRulesTest {

    @Test
    void colourTonersAreChargedWithColourPagesTheBlackOneWithAllPages() {
        PageCounters c = Counting.count(PrintedWork.print(ColourMode.BW, PaperFormat.A4, false, 10),
                PrintedWork.print(ColourMode.COLOR, PaperFormat.A4, false, 3), PrintedWork.copy(ColourMode.SINGLE_COLOR, PaperFormat.A4, false, 2))
                .totals();

        assertThat(TonerCounting.pagesCharged(TonerColour.BLACK, c)).isEqualTo(15);
        assertThat(TonerCounting.pagesCharged(TonerColour.CYAN, c)).isEqualTo(5);
        assertThat(TonerCounting.pagesCharged(TonerColour.MAGENTA, c)).isEqualTo(5);
        assertThat(TonerCounting.pagesCharged(TonerColour.YELLOW, c)).isEqualTo(5);
        assertThat(TonerColour.parse("K")).isEqualTo(TonerColour.BLACK);
        assertThat(TonerColour.parse(" magenta ")).isEqualTo(TonerColour.MAGENTA);
        assertThat(TonerColour.parse("waste")).isNull();
    }

    @Test
    void aTonerLivesFromThePreviousReplacementOfItsColourOnItsPrinter() {
        Instant jan = Instant.parse("2026-01-10T08:00:00Z");
        Instant mar = Instant.parse("2026-03-02T09:00:00Z");
        Instant may = Instant.parse("2026-05-20T10:00:00Z");
        Replacement blackMay = new Replacement("1/p-1", "black", may, 31_000L);
        Replacement blackJan = new Replacement("1/p-1", "K", jan, 10_000L);
        Replacement cyanMar = new Replacement("1/p-1", "cyan", mar, 4_200L);
        Replacement otherPrinter = new Replacement("1/p-2", "black", mar, 99_000L);

        List<TonerLife> lives = TonerCounting.lives(List.of(blackMay, cyanMar, blackJan, otherPrinter));

        assertThat(lives.get(0).installedAt()).isEqualTo(jan);
        assertThat(lives.get(0).printedPages()).isEqualTo(21_000L);
        assertThat(lives.get(0).totalCounter()).isEqualTo(31_000L);
        assertThat(lives.get(1).installedAt()).isNull();
        assertThat(lives.get(1).printedPages()).isNull();
        assertThat(lives.get(2).installedAt()).isNull();
        assertThat(lives.get(3).installedAt()).as("another printer's toner").isNull();
    }

    @Test
    void aCounterThatWentDownTellsNothingAboutTheToner() {
        Instant a = Instant.parse("2026-01-10T08:00:00Z");
        List<TonerLife> lives = TonerCounting.lives(List.of(new Replacement("p", "black", a, 50_000L),
                new Replacement("p", "black", a.plusSeconds(86_400), 1_200L), new Replacement("p", "black", a.plusSeconds(2 * 86_400), null)));

        assertThat(lives.get(1).installedAt()).isEqualTo(a);
        assertThat(lives.get(1).printedPages()).isNull();
        assertThat(lives.get(2).printedPages()).isNull();
    }

    @Test
    void pricesAndCostsPerColourReflectDiscountsCoverageLevelCostsDoNot() {
        BigDecimal list = new BigDecimal("12.50");
        BigDecimal tenPercent = BigDecimal.TEN;

        assertThat(PriceColumn.TOTAL_PRICE.amount(list, tenPercent)).isEqualByComparingTo("11.25");
        assertThat(PriceColumn.ADMIN_PRICE.amount(list, tenPercent)).isEqualByComparingTo("11.25");
        assertThat(PriceColumn.TOTAL_COST.amount(list, tenPercent)).isEqualByComparingTo("11.25");
        assertThat(PriceColumn.BW_COST.amount(list, tenPercent)).isEqualByComparingTo("11.25");
        assertThat(PriceColumn.COLOR_COST.amount(list, tenPercent)).isEqualByComparingTo("11.25");
        for (PriceColumn level : List.of(PriceColumn.COLOR_COST_L1, PriceColumn.COLOR_COST_L2, PriceColumn.COLOR_COST_L3,
                PriceColumn.COLOR_PAGES_COST_L1, PriceColumn.COLOR_PAGES_COST_L2, PriceColumn.COLOR_PAGES_COST_L3)) {
            assertThat(level.amount(list, tenPercent)).as(level.name()).isEqualByComparingTo("12.50");
            assertThat(level.discounted()).isFalse();
        }
        assertThat(PriceColumn.TOTAL_PRICE.amount(list, BigDecimal.ZERO)).isEqualByComparingTo("12.50");
        assertThat(PriceColumn.TOTAL_PRICE.amount(list, BigDecimal.valueOf(100))).isEqualByComparingTo("0");
        assertThatThrownBy(() -> PriceColumn.TOTAL_PRICE.amount(list, BigDecimal.valueOf(101))).hasMessageContaining("between 0 and 100");
    }
}
