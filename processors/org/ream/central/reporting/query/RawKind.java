package org.ream.central.reporting.query;

/**
 * How a column of a report query's result is read from JDBC: text, a whole number, a decimal,
 * a boolean, a UTC timestamp (read as {@link java.time.LocalDateTime} and taken as UTC, as
 * {@code persistence.Jdbc} stores instants) or a date.
 */
public enum RawKind {
    STRING, LONG, DECIMAL, BOOL, TIMESTAMP, DATE
}
