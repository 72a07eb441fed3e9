package org.ream.central.usersync.csv;

import org.ream.central.users.UserCsvFormat;

/**
 * Where things are in a CSV text, for error messages only (commons-csv does the reading): the
 * physical line and CSV column at a position, and the first quoting error. Follows the reading
 * format: RFC 4180 quotes, spaces around values ignored, and a line ending with the delimiter
 * before the 15th column continues on the next line (as the manual prints its example).
 */
final class CsvScan {

    /** A place in the file: physical line and CSV column, both from 1; {@code error} is null when the text is well formed up to there. */
    record Place(long line, int column, String error) {
    }

    private CsvScan() {
    }

    /** The place of {@code stop} (a character index), or of the first quoting error before it. */
    static Place scan(String text, char delimiter, int stop) {
        long line = 1;
        int column = 0;
        boolean afterDelimiter = false;
        long quoteLine = 0;
        int quoteColumn = 0;
        int state = START;
        int end = Math.min(stop, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean eol = c == '\n' || c == '\r';
            if (eol && c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            switch (state) {
                case QUOTED -> {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            i++;
                        } else {
                            state = AFTER_QUOTE;
                        }
                    } else if (eol) {
                        line++;
                    }
                }
                case AFTER_QUOTE -> {
                    if (c == delimiter) {
                        column++;
                        afterDelimiter = true;
                        state = START;
                    } else if (eol) {
                        line++;
                        column = 0;
                        afterDelimiter = false;
                        state = START;
                    } else if (c != ' ' && c != '\t') {
                        return new Place(line, column + 1, "'" + c + "' after the closing quote of the field (a quote inside a quoted field is written \"\")");
                    }
                }
                case UNQUOTED -> {
                    if (c == delimiter) {
                        column++;
                        afterDelimiter = true;
                        state = START;
                    } else if (eol) {
                        line++;
                        column = 0;
                        afterDelimiter = false;
                        state = START;
                    }
                }
                default -> {
                    if (c == delimiter) {
                        column++;
                        afterDelimiter = true;
                    } else if (eol) {
                        line++;
                        if (!(afterDelimiter && column < UserCsvFormat.HEADER.size())) {
                            column = 0;
                            afterDelimiter = false;
                        }
                    } else if (c == '"') {
                        state = QUOTED;
                        quoteLine = line;
                        quoteColumn = column + 1;
                    } else if (c != ' ' && c != '\t') {
                        state = UNQUOTED;
                    }
                }
            }
        }
        if (state == QUOTED && stop >= text.length()) {
            return new Place(quoteLine, quoteColumn, "the quote opening this field is never closed");
        }
        return new Place(line, column + 1, null);
    }

    private static final int START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;
}
