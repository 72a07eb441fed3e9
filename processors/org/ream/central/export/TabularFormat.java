package org.ream.central.export;

import java.util.Locale;

/** File formats of tabular exports (log, audit log, reports, user lists). */
public enum TabularFormat {
    CSV("text/csv; charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    public final String contentType;
    public final String extension;

    TabularFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public static TabularFormat parse(String text) {
        if (text == null || text.isBlank()) {
            return XLSX;
        }
        for (TabularFormat f : values()) {
            if (f.extension.equalsIgnoreCase(text.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("format: unknown export format '" + text.strip() + "'; use "
                + String.join(" or ", java.util.Arrays.stream(values()).map(f -> f.extension).toList()));
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
