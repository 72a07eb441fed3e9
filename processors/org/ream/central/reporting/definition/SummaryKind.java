package org.ream.central.reporting.definition;

import java.util.Locale;

/** What a column shows on the table's last line (10.1.4: Somme, Moyenne or Aucune). */
public enum SummaryKind {
    NONE, SUM, AVERAGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SummaryKind byId(String id) {
        for (SummaryKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        return null;
    }
}
