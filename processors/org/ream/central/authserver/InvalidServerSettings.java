package org.ream.central.authserver;

import org.ream.central.validation.InvalidField;

/** A server setting that cannot be used, naming the field; nothing was saved. */
public class InvalidServerSettings extends InvalidField {

    public InvalidServerSettings(String field, String message) {
        super(field, message);
    }
}
