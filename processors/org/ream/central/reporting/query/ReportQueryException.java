package org.ream.central.reporting.query;

/**
 * A report that cannot run as designed: a filter value that names nothing it could be, a type
 * whose data is not replicated yet. Names the design field and the reason; nothing was read.
 */
public class ReportQueryException extends RuntimeException {

    private final String field;
    private final String reason;

    public ReportQueryException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
