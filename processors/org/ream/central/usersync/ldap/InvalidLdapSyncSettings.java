package org.ream.central.usersync.ldap;

import org.ream.central.validation.InvalidField;

/** An LDAP synchronisation setting (property mapping, filter line, group option) that cannot be used, naming the field. */
public class InvalidLdapSyncSettings extends InvalidField {

    public InvalidLdapSyncSettings(String field, String message) {
        super(field, message);
    }
}
