package org.ream.central.reporting.counting;

import java.util.Locale;

/** The paper formats the manual's report columns name (10.1.3). */
public enum PaperFormat {
    A4, A3, A5, B4, B5, FOLIO, LEDGER, LEGAL, LETTER, STATEMENT, OTHER;

    /** A3 and Ledger count two clicks per printed side, every other format one (10.1.3). */
    public int clicksPerSide() {
        return this == A3 || this == LEDGER ? 2 : 1;
    }

    /**
     * The format a site names in a job's {@code format} field ("A4", "Letter", "ledger"...);
     * anything else, or nothing, is {@link #OTHER}, so an unexpected name never loses the job.
     */
    public static PaperFormat parse(String name) {
        if (name == null || name.isBlank()) {
            return OTHER;
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }
}
