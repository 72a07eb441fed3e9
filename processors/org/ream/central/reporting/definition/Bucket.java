package org.ream.central.reporting.definition;

import java.util.Arrays;

/**
 * How a time column is cut into the manual's period columns: "Date", "Période (heure)",
 * "Jour"/"Période (jour)", "Numéro du jour", "Période (année - mois)", "Période (année - semaine)".
 */
public enum Bucket {
    DATE("date"), HOUR("hour"), DAY_OF_WEEK("dayOfWeek"), DAY_OF_WEEK_NUMBER("dayOfWeekNumber"), YEAR_MONTH("yearMonth"),
    YEAR_WEEK("yearWeek");

    private final String id;

    Bucket(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Bucket byId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst().orElse(null);
    }
}
