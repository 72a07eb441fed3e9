package org.ream.central.reporting.definition;

/**
 * A report definition or report design refused: names the file, the field (a path such as
 * {@code columns.default[3]}), its line when known, and why.
 */
public class DefinitionException extends RuntimeException {

    private final String file;
    private final String field;
    private final int line;
    private final String reason;

    public DefinitionException(String file, String field, int line, String reason) {
        super(file + (field == null || field.isEmpty() ? "" : ": " + field) + (line > 0 ? " (line " + line + ")" : "") + ": " + reason);
        this.file = file;
        this.field = field;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }

    /** 1-based; 0 when unknown. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
