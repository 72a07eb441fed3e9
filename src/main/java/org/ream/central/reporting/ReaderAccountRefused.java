package org.ream.central.reporting;

/** The read-only account cannot be created, changed or dropped here; nothing was saved. */
public class ReaderAccountRefused extends RuntimeException {

    public ReaderAccountRefused(String message, Throwable cause) {
        super(message, cause);
    }

    public ReaderAccountRefused(String message) {
        super(message);
    }
}
