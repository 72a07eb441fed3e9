package org.ream.central.reporting.definition;

import java.util.Locale;

/** What a report column holds; numbers can be summed, averaged and charted. */
public enum ColumnType {
    TEXT, COUNT, NUMBER, DECIMAL, MONEY, BOOL, DATE, DATETIME, PERIOD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean numeric() {
        return this == COUNT || this == NUMBER || this == DECIMAL || this == MONEY;
    }

    public static ColumnType byId(String id) {
        for (ColumnType t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }
}
