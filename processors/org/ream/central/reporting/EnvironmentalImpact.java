package org.ream.central.reporting;

/**
 * The dashboard's environmental widget figures (manual 5.4) in kilograms and kilowatt-hours; the
 * rule and its per-sheet figures live in {@link org.ream.central.reporting.counting.EnvironmentalImpact}.
 */
public record EnvironmentalImpact(long sheets, double trees, double co2Kg, double energyKWh) {

    public static EnvironmentalImpact ofSheets(long sheets) {
        var perSheet = org.ream.central.reporting.counting.EnvironmentalImpact.ofSheets(sheets);
        return new EnvironmentalImpact(sheets, perSheet.trees(), perSheet.co2Grams() / 1000.0, perSheet.energyWh() / 1000.0);
    }
}
