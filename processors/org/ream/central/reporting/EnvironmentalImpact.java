package org.ream.central.reporting;

/**
 * Environmental figures of the manual (5.4 and 10.1.3): 1 tree = 8,333 sheets,
 * 12.7 g CO2 and 48 Wh of energy per sheet.
 */
public record EnvironmentalImpact(long sheets, double trees, double co2Kg, double energyKWh) {

    public static final double SHEETS_PER_TREE = 8333;
    public static final double CO2_GRAMS_PER_SHEET = 12.7;
    public static final double WH_PER_SHEET = 48;
    public static final double WH_PER_RECYCLED_SHEET = 32;

    public static EnvironmentalImpact ofSheets(long sheets) {
        return new EnvironmentalImpact(sheets, sheets / SHEETS_PER_TREE, sheets * CO2_GRAMS_PER_SHEET / 1000.0, sheets * WH_PER_SHEET / 1000.0);
    }
}
