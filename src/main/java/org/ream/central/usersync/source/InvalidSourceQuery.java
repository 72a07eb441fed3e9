package org.ream.central.usersync.source;

import org.ream.central.validation.InvalidField;

/** A base DN, filter or other setting of a synchronisation source that cannot be used. */
public class InvalidSourceQuery extends InvalidField {

    public InvalidSourceQuery(String field, String message) {
        super(field, message);
    }
}
