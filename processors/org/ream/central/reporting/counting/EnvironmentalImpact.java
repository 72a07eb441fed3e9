package org.ream.central.reporting.counting;

/**
 * The environmental figures of the manual (5.4, 10.1 "Environnement"), per sheet of paper:
 * one tree makes 8,333 sheets; producing a sheet emits 12.7 g of CO2 and takes 48 Wh, or 32 Wh
 * for a recycled sheet.
 */
public record EnvironmentalImpact(long sheets, double trees, double co2Grams, double energyWh, double recycledEnergyWh) {

    public static final double SHEETS_PER_TREE = 8333;
    public static final double CO2_GRAMS_PER_SHEET = 12.7;
    public static final double WH_PER_SHEET = 48;
    public static final double WH_PER_RECYCLED_SHEET = 32;

    public static EnvironmentalImpact ofSheets(long sheets) {
        return new EnvironmentalImpact(sheets, sheets / SHEETS_PER_TREE, sheets * CO2_GRAMS_PER_SHEET, sheets * WH_PER_SHEET,
                sheets * WH_PER_RECYCLED_SHEET);
    }
}
