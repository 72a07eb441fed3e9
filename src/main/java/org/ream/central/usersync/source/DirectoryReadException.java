package org.ream.central.usersync.source;

/** Nothing usable could be read: no server answered, credentials refused, an answer that is not what the source sends. */
public class DirectoryReadException extends Exception {

    public DirectoryReadException(String message) {
        super(message);
    }

    public DirectoryReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
