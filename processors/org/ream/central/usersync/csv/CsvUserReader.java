package org.ream.central.usersync.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ream.central.users.UserCsvFormat;
import org.ream.central.users.UserCsvFormat.InvalidCell;
import org.ream.central.users.UserCsvRow;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.SourceUser;

/**
 * Reads the users of a CSV source (manual 8.7.4) in the syntax of {@link UserCsvFormat}. The file
 * is read whole and refused whole: the first byte the encoding does not allow, broken quote or
 * unusable cell stops the read with its line and column, so a run never acts on half a file.
 *
 * <p>A line ending with the delimiter before the 15th column continues on the next line: the
 * manual prints its header and example that way, and an unfinished row is not a user on its own.
 */
public final class CsvUserReader {

    private static final int COLUMNS = UserCsvFormat.HEADER.size();

    private CsvUserReader() {
    }

    public static List<SourceUser> read(InputStream in, CsvSourceSettings settings, String generalDelimiter) throws IOException, InvalidCsvFile {
        return read(in.readAllBytes(), settings, generalDelimiter);
    }

    /**
     * @param generalDelimiter the general settings' delimiter, used when the source's is "Default"
     * @throws InvalidCsvFile naming the line and column of the first problem
     */
    public static List<SourceUser> read(byte[] content, CsvSourceSettings settings, String generalDelimiter) throws InvalidCsvFile {
        UserCsvFormat format = new UserCsvFormat(settings.delimiterOr(generalDelimiter));
        char delimiter = format.delimiter();
        String text = decode(content, settings, delimiter);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Fragment> fragments = records(text, format);
        List<SourceUser> users = new ArrayList<>();
        List<Fragment> pending = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < fragments.size(); i++) {
            Fragment f = fragments.get(i);
            int end = i + 1 < fragments.size() ? fragments.get(i + 1).start() : text.length();
            pending.add(f);
            int firstColumn = cells.size() + 1;
            f.firstColumn = firstColumn;
            cells.addAll(f.cells());
            // A line ending with the delimiter continues on the next one (the manual prints its
            // sample over several lines) only when the two still fit in the 15 columns: a full
            // line whose last column is empty (a spreadsheet export) ends there.
            boolean continues = endsWithDelimiter(text, f.start(), end, delimiter) && i + 1 < fragments.size()
                    && cells.size() - 1 + filled(fragments.get(i + 1).cells()) <= COLUMNS;
            if (continues) {
                cells.remove(cells.size() - 1);
                continue;
            }
            boolean header = first && settings.skipHeader() || UserCsvFormat.isHeader(cells);
            first = false;
            if (!header && !cells.stream().allMatch(String::isBlank)) {
                users.add(user(text, pending, cells, settings.importGroupsUnder()));
            }
            pending = new ArrayList<>();
            cells = new ArrayList<>();
        }
        return users;
    }

    /** The cells of a record without its trailing empty ones. */
    private static int filled(List<String> cells) {
        int n = cells.size();
        while (n > 0 && cells.get(n - 1).isBlank()) {
            n--;
        }
        return n;
    }

    /** One physical record as commons-csv read it, and where it starts. */
    private static final class Fragment {
        private final int start;
        private final List<String> cells;
        int firstColumn;

        Fragment(int start, List<String> cells) {
            this.start = start;
            this.cells = cells;
        }

        int start() {
            return start;
        }

        List<String> cells() {
            return cells;
        }
    }

    private static List<Fragment> records(String text, UserCsvFormat format) throws InvalidCsvFile {
        List<Fragment> out = new ArrayList<>();
        try (CSVParser parser = format.readFormat().parse(new StringReader(text))) {
            for (CSVRecord rec : parser) {
                out.add(new Fragment((int) rec.getCharacterPosition(), rec.toList()));
            }
        } catch (IOException | UncheckedIOException e) {
            CsvScan.Place p = CsvScan.scan(text, format.delimiter(), text.length());
            if (p.error() != null) {
                throw invalid(p.line(), p.column(), p.error());
            }
            // commons-csv saw a problem the scan does not know: name the line after the last good record
            long line = out.isEmpty() ? 1 : lineAt(text, out.get(out.size() - 1).start()) + 1;
            throw new InvalidCsvFile(line, 1, UserCsvFormat.HEADER.get(0), "cannot be read: " + e.getMessage());
        }
        return out;
    }

    private static SourceUser user(String text, List<Fragment> fragments, List<String> cells, GroupPath under) throws InvalidCsvFile {
        try {
            UserCsvRow row = UserCsvFormat.toRow(cells);
            return new SourceUser(null, row.login(), row.fullName(), row.aliases(), row.email(), row.cards(), paths(row.groups(), under, 5),
                    row.code(), row.scanStorage(), row.pins(), paths(row.managedGroups(), under, 9), row.authServer(), row.phone(), row.lang(),
                    row.pwd(), row.delegates());
        } catch (InvalidCell e) {
            Fragment at = fragments.get(0);
            for (Fragment f : fragments) {
                if (f.firstColumn <= e.column()) {
                    at = f;
                }
            }
            throw invalid(lineAt(text, at.start()), e.column(), e.getMessage());
        }
    }

    private static List<GroupPath> paths(List<String> values, GroupPath under, int column) {
        List<GroupPath> out = new ArrayList<>();
        for (String v : values) {
            GroupPath p;
            try {
                p = GroupPath.parse(v);
            } catch (IllegalArgumentException e) {
                throw new InvalidCell(column, "'" + v + "' is not a group path (an empty name between '|')");
            }
            if (under != null) {
                List<String> names = new ArrayList<>(under.names());
                names.addAll(p.names());
                p = new GroupPath(names);
            }
            out.add(p);
        }
        return out;
    }

    private static boolean endsWithDelimiter(String text, int start, int end, char delimiter) {
        for (int i = end - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (c == delimiter) {
                return true;
            }
            if (c != '\r' && c != '\n' && c != ' ' && c != '\t') {
                return false;
            }
        }
        return false;
    }

    private static String decode(byte[] content, CsvSourceSettings settings, char delimiter) throws InvalidCsvFile {
        CharsetDecoder decoder = settings.encoding().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(content.length * (double) decoder.maxCharsPerByte()) + 16);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            String before = out.flip().toString();
            CsvScan.Place p = CsvScan.scan(before, delimiter, before.length());
            throw invalid(p.line(), p.column(), "byte" + (r.length() > 1 ? "s " : " ") + hex(content, in.position(), r.length()) + " at offset "
                    + in.position() + " " + (r.length() > 1 ? "are" : "is") + " not " + settings.encoding().name()
                    + " (choose the file's encoding in the source's settings)");
        }
        return out.flip().toString();
    }

    private static String hex(byte[] b, int from, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + length && i < b.length; i++) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02X", b[i]));
        }
        return sb.toString();
    }

    /** The physical line of a record starting at {@code pos}: the skipped empty lines before it do not count. */
    private static long lineAt(String text, int pos) {
        while (pos < text.length() && (text.charAt(pos) == '\r' || text.charAt(pos) == '\n')) {
            pos++;
        }
        long line = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
            }
        }
        return line;
    }

    private static InvalidCsvFile invalid(long line, int column, String reason) {
        return new InvalidCsvFile(line, column, InvalidCell.columnName(column), reason);
    }
}
