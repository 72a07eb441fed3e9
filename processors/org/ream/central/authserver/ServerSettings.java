package org.ream.central.authserver;

import java.util.List;
import java.util.Map;

/** Validation and normalisation of a server's settings by kind. */
public final class ServerSettings {

    private ServerSettings() {
    }

    /** Checks the settings and returns them normalised (defaults filled in), secrets included. */
    public static Map<String, Object> normalise(AuthServerKind kind, Map<String, ?> m) {
        return switch (kind) {
            case LDAP -> LdapSettings.from(m).toMap();
            case RADIUS -> RadiusSettings.from(m).toMap();
            case AZURE -> AzureSettings.from(m).toMap();
        };
    }

    public static List<String> secrets(AuthServerKind kind) {
        return switch (kind) {
            case LDAP -> LdapSettings.SECRETS;
            case RADIUS -> RadiusSettings.SECRETS;
            case AZURE -> AzureSettings.SECRETS;
        };
    }

    /** The server name: required, at most 255 characters, no control characters. */
    public static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new InvalidServerSettings("name", "is required");
        }
        if (n.length() > 255) {
            throw new InvalidServerSettings("name", "must have at most 255 characters");
        }
        if (n.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidServerSettings("name", "must not contain control characters");
        }
        return n;
    }
}
