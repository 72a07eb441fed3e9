package org.ream.central.reporting.definition;

import java.util.Locale;

/** The chart kinds the designer offers (10.1.1, 10.1.4). */
public enum ChartKind {
    BAR, PIE, DONUT, LINE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Pie and donut show one value per category, so they take one series only. */
    public boolean singleSeries() {
        return this == PIE || this == DONUT;
    }

    public static ChartKind byId(String id) {
        for (ChartKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        return null;
    }
}
