package org.ream.central.authserver;

import java.util.Locale;

/** The three kinds of authentication server of manual 6.6. */
public enum AuthServerKind {
    LDAP, RADIUS, AZURE;

    public static AuthServerKind parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidServerSettings("kind", "is required (LDAP, RADIUS or AZURE)");
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidServerSettings("kind", "must be LDAP, RADIUS or AZURE, not " + value.strip());
        }
    }
}
