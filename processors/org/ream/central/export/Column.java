package org.ream.central.export;

/**
 * One column of an export: its title, the kind of values it holds (so a spreadsheet gets real
 * dates and numbers, not text) and a width in characters for formats that have widths.
 */
public record Column(String title, Kind kind, double width) {

    public enum Kind { TEXT, INTEGER, DECIMAL, DATE_TIME, DATE, BOOLEAN }

    public static Column text(String title, double width) {
        return new Column(title, Kind.TEXT, width);
    }

    public static Column dateTime(String title) {
        return new Column(title, Kind.DATE_TIME, 20);
    }

    public static Column integer(String title, double width) {
        return new Column(title, Kind.INTEGER, width);
    }
}
