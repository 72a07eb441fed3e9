package org.ream.central.settings;

import java.util.Map;

/** Bad input, with a message per field; nothing was saved. Mapped to HTTP 400. */
public class ValidationException extends RuntimeException {

    private final Map<String, String> fields;

    public ValidationException(String message, Map<String, String> fields) {
        super(message);
        this.fields = Map.copyOf(fields);
    }

    public ValidationException(String field, String message) {
        this(field + ": " + message, Map.of(field, message));
    }

    public Map<String, String> fields() {
        return fields;
    }
}
