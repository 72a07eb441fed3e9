package org.ream.central.logging;

import org.ream.central.validation.InvalidField;

/** A filter parameter of a log or audit query that cannot be understood; names the parameter. */
public class InvalidFilterException extends InvalidField {

    public InvalidFilterException(String field, String message) {
        super(field, message);
    }
}
