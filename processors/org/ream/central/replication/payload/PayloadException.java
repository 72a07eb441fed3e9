package org.ream.central.replication.payload;

/**
 * A payload refused whole: truncated, corrupt, of another format or version, or with a bad line.
 * {@link #line()} is the 1-based line of the decompressed text where the fault was found (0 when
 * it is not tied to a line, such as a gzip stream that cannot be opened).
 */
public class PayloadException extends Exception {

    private final int line;
    private final String reason;

    public PayloadException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    public PayloadException(int line, String reason, Throwable cause) {
        this(line, reason);
        initCause(cause);
    }

    public int line() {
        return line;
    }

    /** The reason without the line number. */
    public String reason() {
        return reason;
    }
}
