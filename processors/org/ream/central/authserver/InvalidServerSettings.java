package org.ream.central.authserver;

/** A server setting that cannot be used, naming the field; nothing was saved. */
public class InvalidServerSettings extends IllegalArgumentException {

    private final String field;

    public InvalidServerSettings(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field name. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
