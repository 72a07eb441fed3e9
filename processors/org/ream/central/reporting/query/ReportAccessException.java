package org.ream.central.reporting.query;

/**
 * The user may not see what the design asks for: without the type's right (Manage reports for
 * the built-in types) a user sees only their own data, through the user filter's "Me".
 */
public class ReportAccessException extends RuntimeException {

    public ReportAccessException(String message) {
        super(message);
    }
}
