package org.ream.central.export;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Download names as the manual gives them: {@code log_<datetime>.xlsx}, in the server's time zone. */
public final class ExportFileName {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    private ExportFileName() {
    }

    public static String of(String prefix, ZonedDateTime at, TabularFormat format) {
        return prefix + "_" + STAMP.format(at) + "." + format.extension;
    }

    /** A Content-Disposition value; the names made here are plain ASCII, so no RFC 5987 encoding is needed. */
    public static String attachment(String fileName) {
        return "attachment; filename=\"" + fileName.replace("\"", "") + "\"";
    }
}
