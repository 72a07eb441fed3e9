package org.ream.central.persistence;

/** A database failure surfaced to callers that cannot do anything better than report it. */
public class DataAccessException extends RuntimeException {
    public DataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
