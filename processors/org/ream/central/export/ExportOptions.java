package org.ream.central.export;

import java.time.ZoneId;

/**
 * How an export is written: the CSV delimiter (the general setting "CSV delimiter": ";", ",",
 * "TAB" or "|"), the time zone instants are shown in, and the sheet name of spreadsheet formats.
 */
public record ExportOptions(char csvDelimiter, ZoneId zone, String sheetName) {

    public static char delimiterOf(String setting) {
        if (setting == null || setting.isEmpty()) {
            return ';';
        }
        if (setting.equalsIgnoreCase("TAB") || setting.equals("\t")) {
            return '\t';
        }
        if (setting.length() != 1) {
            throw new IllegalArgumentException("CSV delimiter must be one character or TAB, not '" + setting + "'");
        }
        return setting.charAt(0);
    }

    public static ExportOptions of(String delimiterSetting, ZoneId zone, String sheetName) {
        return new ExportOptions(delimiterOf(delimiterSetting), zone, sheetName);
    }
}
