package org.ream.central.validation;

/**
 * Input that cannot be used, naming the field it came in; the rules of every feature throw a
 * subclass of it, and the platform turns it into a 400 with that field. Nothing was saved.
 */
public class InvalidField extends IllegalArgumentException {

    private final String field;

    public InvalidField(String field, String message) {
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
