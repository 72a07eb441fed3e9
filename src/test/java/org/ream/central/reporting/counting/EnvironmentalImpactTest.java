package org.ream.central.reporting.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Manual 10.1 "Environnement": 1 tree = 8,333 sheets; per sheet 12.7 g CO2, 48 Wh, 32 Wh recycled. */
class EnvironmentalImpactTest {

    @Test
    void oneTreeIsEightThousandThreeHundredThirtyThreeSheets() {
        assertThat(EnvironmentalImpact.ofSheets(8333).trees()).isEqualTo(1.0);
        assertThat(EnvironmentalImpact.ofSheets(16_666).trees()).isEqualTo(2.0);
        assertThat(EnvironmentalImpact.ofSheets(0).trees()).isZero();
    }

    @Test
    void perSheetFigures() {
        EnvironmentalImpact one = EnvironmentalImpact.ofSheets(1);
        assertThat(one.co2Grams()).isEqualTo(12.7);
        assertThat(one.energyWh()).isEqualTo(48);
        assertThat(one.recycledEnergyWh()).isEqualTo(32);

        EnvironmentalImpact ream = EnvironmentalImpact.ofSheets(500);
        assertThat(ream.co2Grams()).isCloseTo(6350, within(1e-9));
        assertThat(ream.energyWh()).isEqualTo(24_000);
        assertThat(ream.recycledEnergyWh()).isEqualTo(16_000);
        assertThat(ream.trees()).isCloseTo(0.06, within(0.0001));
    }

    @Test
    void theFiguresFollowSheetsNotClicks() {
        // an A3 duplex sheet is 4 clicks but one sheet of paper
        PageCounters c = Counting.count(PrintedWork.print(ColourMode.BW, PaperFormat.A3, true, 2)).totals();

        assertThat(c.environmentalImpact()).isEqualTo(EnvironmentalImpact.ofSheets(1));
    }

    @Test
    void theDashboardWidgetShowsTheSameFiguresInKilograms() {
        org.ream.central.reporting.EnvironmentalImpact widget = org.ream.central.reporting.EnvironmentalImpact.ofSheets(1000);

        assertThat(widget.co2Kg()).isCloseTo(12.7, within(1e-9));
        assertThat(widget.energyKWh()).isCloseTo(48, within(1e-9));
        assertThat(widget.trees()).isEqualTo(EnvironmentalImpact.ofSheets(1000).trees());
    }
}
