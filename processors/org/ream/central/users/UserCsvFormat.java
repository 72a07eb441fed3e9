package org.ream.central.users;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * The user CSV syntax of the manual (8.7.4): 15 columns, multi-valued fields joined by commas
 * inside one quoted field, group paths with "|". Shared by the users export (8.6) and the CSV
 * synchronisation, so that an exported file can be fed back into a sync unchanged. Values are
 * written as they are: a formula guard (as in the table exports) would alter names on re-import.
 */
public final class UserCsvFormat {

    public static final List<String> HEADER = List.of("FULLNAME", "USERNAME_ALIASES", "EMAIL", "CARDS", "GROUPS", "CODE", "SCANSTORAGE",
            "PIN", "MANAGED_GROUPS", "AUTHSERVER", "PHONE", "LANG", "PWD", "EXTID", "DELEGATES");

    private final char delimiter;

    /** @param delimiter the setting's value: ";", ",", "|" or "TAB" */
    public UserCsvFormat(String delimiter) {
        this.delimiter = delimiterChar(delimiter);
    }

    public static char delimiterChar(String setting) {
        if (setting == null || setting.isEmpty()) {
            return ';';
        }
        if (setting.equalsIgnoreCase("TAB") || setting.equals("\t")) {
            return '\t';
        }
        if (setting.length() != 1 || setting.charAt(0) == '"' || setting.charAt(0) == '\r' || setting.charAt(0) == '\n') {
            throw new IllegalArgumentException("Unsupported CSV delimiter: '" + setting + "'");
        }
        return setting.charAt(0);
    }

    private CSVFormat writeFormat() {
        return CSVFormat.Builder.create(CSVFormat.RFC4180).setDelimiter(delimiter).setRecordSeparator("\r\n")
                .setQuoteMode(QuoteMode.ALL_NON_NULL).setNullString(null).get();
    }

    public char delimiter() {
        return delimiter;
    }

    /** How files are read: RFC 4180 quoting, spaces around values ignored, empty lines skipped. */
    public CSVFormat readFormat() {
        return CSVFormat.Builder.create(CSVFormat.RFC4180).setDelimiter(delimiter).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
    }

    public String headerLine() {
        return line(HEADER.toArray());
    }

    public String line(UserCsvRow r) {
        List<String> names = new ArrayList<>();
        names.add(r.login());
        names.addAll(r.aliases());
        return line(nz(r.fullName()), join(names), nz(r.email()), join(r.cards()), join(r.groups()), nz(r.code()), nz(r.scanStorage()),
                join(r.pins()), join(r.managedGroups()), nz(r.authServer()), nz(r.phone()), nz(r.lang()), nz(r.pwd()), nz(r.extId()),
                join(r.delegates()));
    }

    private String line(Object... cells) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, writeFormat())) {
            p.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Reads a whole file; the header line, when present, is recognised and skipped. */
    public List<UserCsvRow> parse(Reader in) throws IOException {
        List<UserCsvRow> rows = new ArrayList<>();
        // Exports start with a byte order mark (spreadsheets need it); it is not part of the first field.
        java.io.PushbackReader pin = new java.io.PushbackReader(in, 1);
        int first = pin.read();
        if (first != -1 && first != '\uFEFF') {
            pin.unread(first);
        }
        for (CSVRecord rec : readFormat().parse(pin)) {
            List<String> cells = new ArrayList<>();
            rec.forEach(cells::add);
            if (isHeader(cells)) {
                continue;
            }
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            rows.add(row(cells, rec.getRecordNumber()));
        }
        return rows;
    }

    public UserCsvRow parseLine(String line) {
        try {
            List<UserCsvRow> rows = parse(new StringReader(line));
            if (rows.size() != 1) {
                throw new IllegalArgumentException("Expected one user per line, found " + rows.size());
            }
            return rows.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header line of the manual (its first two column names are enough to recognise it). */
    public static boolean isHeader(List<String> cells) {
        return cells.size() > 1 && cells.get(0).equalsIgnoreCase(HEADER.get(0)) && cells.get(1).equalsIgnoreCase(HEADER.get(1));
    }

    private static UserCsvRow row(List<String> c, long recordNo) {
        try {
            return toRow(c);
        } catch (InvalidCell e) {
            throw new IllegalArgumentException("Line " + recordNo + ": " + e.getMessage(), e);
        }
    }

    /**
     * One record's cells as a row; short records are completed with empty cells.
     *
     * @throws InvalidCell naming the column (1-based) that cannot be used
     */
    public static UserCsvRow toRow(List<String> cells) {
        List<String> c = new ArrayList<>(cells);
        // A trailing delimiter (as in the manual's example) gives a 16th, empty column.
        while (c.size() > HEADER.size() && c.get(c.size() - 1).isBlank()) {
            c.remove(c.size() - 1);
        }
        if (c.size() > HEADER.size()) {
            throw new InvalidCell(HEADER.size() + 1, c.size() + " columns, at most " + HEADER.size() + " expected");
        }
        while (c.size() < HEADER.size()) {
            c.add("");
        }
        List<String> names = split(c.get(1));
        if (names.isEmpty()) {
            throw new InvalidCell(2, "USERNAME_ALIASES is empty");
        }
        return new UserCsvRow(blankToNull(c.get(0)), names.get(0), names.subList(1, names.size()), blankToNull(c.get(2)), split(c.get(3)),
                split(c.get(4)), blankToNull(c.get(5)), blankToNull(c.get(6)), split(c.get(7)), split(c.get(8)), blankToNull(c.get(9)),
                blankToNull(c.get(10)), blankToNull(c.get(11)), blankToNull(c.get(12)), blankToNull(c.get(13)), split(c.get(14)));
    }

    /** A cell that cannot be used; {@link #column()} is 1-based, {@link #columnName()} the header's name (or "column n" past it). */
    public static final class InvalidCell extends IllegalArgumentException {

        private final int column;

        public InvalidCell(int column, String message) {
            super(message);
            this.column = column;
        }

        public int column() {
            return column;
        }

        public String columnName() {
            return columnName(column);
        }

        public static String columnName(int column) {
            return column >= 1 && column <= HEADER.size() ? HEADER.get(column - 1) : "column " + column;
        }
    }

    /** Splits a multi-valued field on commas; group paths are also trimmed around "|". */
    static List<String> split(String field) {
        if (field == null || field.isBlank()) {
            return List.of();
        }
        return Arrays.stream(field.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.contains("|") ? String.join("|", Arrays.stream(s.split("\\|")).map(String::trim).toList()) : s).toList();
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static String nz(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
