package org.ream.central.persistence;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One database the server uses (main or log): where it is and how to log in.
 * {@code embeddedFile} is set when the database is an embedded Firebird file in the data folder.
 */
public record DatabaseTarget(String role, String url, String user, String password, Optional<Path> embeddedFile) {

    public Dialect dialect() {
        return Dialect.ofUrl(url);
    }

    public boolean embedded() {
        return embeddedFile.isPresent();
    }

    /** The URL without credentials, for messages. */
    public String displayUrl() {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
