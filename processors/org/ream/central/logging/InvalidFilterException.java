package org.ream.central.logging;

/** A filter parameter of a log or audit query that cannot be understood; names the parameter. */
public class InvalidFilterException extends IllegalArgumentException {

    private final String field;

    public InvalidFilterException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field name in front. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
