package org.ream.central.replication.model;

/**
 * One column a payload field lands in. {@code path} is the field's name in the record, dotted
 * for a nested one ({@code counters.printBw}); {@code fallback} is used when the field is
 * absent or null ({@link #HEADER_CREATED}: the payload header's {@code created}).
 */
public record Column(String name, String path, Kind kind, int length, boolean required, Object fallback) {

    public static final Object HEADER_CREATED = new Object() {
        @Override
        public String toString() {
            return "the header's created";
        }
    };

    public enum Kind {
        /** A record id on the site (another record's): refused when longer than the column. */
        ID,
        /** Descriptive text: cut to the column's length. */
        TEXT,
        /** ISO-8601 instant, stored as UTC TIMESTAMP. */
        INSTANT,
        /** Non-negative whole number, 0 when absent. */
        COUNT,
        /** Whole number, null when absent. */
        NUMBER,
        /** Decimal amount with 4 decimals. */
        MONEY,
        BOOL,
        /** Any JSON value, kept as its JSON text. */
        JSON
    }

    static Column id(String name, String path) {
        return new Column(name, path, Kind.ID, 64, false, null);
    }

    static Column text(String name, String path, int length) {
        return new Column(name, path, Kind.TEXT, length, false, null);
    }

    static Column instant(String name, String path) {
        return new Column(name, path, Kind.INSTANT, 0, false, null);
    }

    static Column count(String name, String path) {
        return new Column(name, path, Kind.COUNT, 0, false, 0L);
    }

    static Column number(String name, String path) {
        return new Column(name, path, Kind.NUMBER, 0, false, null);
    }

    static Column money(String name, String path) {
        return new Column(name, path, Kind.MONEY, 0, false, null);
    }

    static Column bool(String name, String path, Boolean fallback) {
        return new Column(name, path, Kind.BOOL, 0, false, fallback);
    }

    static Column json(String name, String path) {
        return new Column(name, path, Kind.JSON, 0, false, null);
    }

    Column mandatory() {
        return new Column(name, path, kind, length, true, fallback);
    }

    Column orElse(Object value) {
        return new Column(name, path, kind, length, required, value);
    }
}
