package org.ream.central.usersync.csv;

/**
 * A CSV source file that cannot be imported, at the first place found wrong; the whole file is
 * refused, nothing is written.
 */
public class InvalidCsvFile extends Exception {

    private final long line;
    private final int column;
    private final String columnName;
    private final String reason;

    /**
     * @param line       physical line of the file, from 1
     * @param column     CSV column, from 1
     * @param columnName the manual's name of the column (GROUPS...)
     */
    public InvalidCsvFile(long line, int column, String columnName, String reason) {
        super("Line " + line + ", column " + column + " (" + columnName + "): " + reason);
        this.line = line;
        this.column = column;
        this.columnName = columnName;
        this.reason = reason;
    }

    public long line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String columnName() {
        return columnName;
    }

    public String reason() {
        return reason;
    }
}
