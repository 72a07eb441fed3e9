package org.ream.central.platform;

/**
 * A reason not to start, phrased for the operator: what is wrong and how to fix it.
 * The bootstrap prints the message as one line and exits without writing anything.
 */
public class StartupRefused extends RuntimeException {
    public StartupRefused(String message) {
        super(message);
    }

    public StartupRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
