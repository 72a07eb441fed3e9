package org.ream.central.logging;

import java.util.Locale;

/** Log message types of the manual (5.5), most severe first; the code is what the log database stores. */
public enum Severity {
    CRITICAL(1), ERROR(2), WARNING(3), INFO(4), NOTICE(5), DEBUG(6), TRACE(7);

    public final int code;

    Severity(int code) {
        this.code = code;
    }

    public static Severity ofCode(int code) {
        for (Severity s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown log type code " + code);
    }

    public static Severity parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown log type '" + name + "': use critical, error, warning, info, notice, debug or trace");
        }
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
