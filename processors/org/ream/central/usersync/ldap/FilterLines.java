package org.ream.central.usersync.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "Filter" of the Users and Groups tabs (manual 8.7.2): one {@code attribute=value} condition
 * per line, {@code *} standing for any text; an entry is accepted when it meets at least one
 * line. No line at all accepts every entry. Values are compared as LDAP compares directory strings
 * (without case), in memory as on the server.
 */
public final class FilterLines {

    private static final FilterLines NONE = new FilterLines(List.of(), List.of());

    private final List<String> lines;
    private final List<Filter> filters;

    private FilterLines(List<String> lines, List<Filter> filters) {
        this.lines = List.copyOf(lines);
        this.filters = List.copyOf(filters);
    }

    public static FilterLines none() {
        return NONE;
    }

    /**
     * @param field the setting's name, used in the error
     * @param text  the lines; blank lines are ignored
     * @throws InvalidLdapSyncSettings naming the line (number and text) that is not {@code attribute=value}
     */
    public static FilterLines parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<String> lines = new ArrayList<>();
        List<Filter> filters = new ArrayList<>();
        String[] raw = text.split("\r\n|\r|\n", -1);
        for (int n = 0; n < raw.length; n++) {
            String line = raw[n].trim();
            if (line.isEmpty()) {
                continue;
            }
            filters.add(parseLine(field, n + 1, line));
            lines.add(line);
        }
        return new FilterLines(lines, filters);
    }

    private static Filter parseLine(String field, int number, String line) {
        String where = "line " + number + " '" + line + "': ";
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new InvalidLdapSyncSettings(field, where + "expected attribute=value");
        }
        String attribute = line.substring(0, eq).trim();
        String value = line.substring(eq + 1).trim();
        if (attribute.isEmpty() || !Attribute.nameIsValid(attribute, true)) {
            throw new InvalidLdapSyncSettings(field, where + "'" + attribute + "' is not an attribute name");
        }
        if (value.isEmpty()) {
            throw new InvalidLdapSyncSettings(field, where + "no value after '='");
        }
        if (value.indexOf('*') < 0) {
            return Filter.createEqualityFilter(attribute, value);
        }
        String[] pieces = value.split("\\*", -1);
        if (pieces.length == 0 || java.util.Arrays.stream(pieces).allMatch(String::isEmpty)) {
            return Filter.createPresenceFilter(attribute);
        }
        String initial = pieces[0].isEmpty() ? null : pieces[0];
        String last = pieces[pieces.length - 1];
        String fin = last.isEmpty() ? null : last;
        List<String> any = new ArrayList<>();
        for (int i = 1; i < pieces.length - 1; i++) {
            if (!pieces[i].isEmpty()) {
                any.add(pieces[i]);
            }
        }
        return Filter.createSubstringFilter(attribute, initial, any.toArray(String[]::new), fin);
    }

    public boolean isEmpty() {
        return filters.isEmpty();
    }

    /** The lines as given (trimmed, blank lines left out). */
    public List<String> lines() {
        return lines;
    }

    /** Whether the entry meets at least one line (always true without lines). */
    public boolean matches(LdapEntry entry) {
        if (filters.isEmpty()) {
            return true;
        }
        var e = entry.toUnboundId();
        for (Filter f : filters) {
            try {
                if (f.matchesEntry(e)) {
                    return true;
                }
            } catch (LDAPException ex) {
                // Without a schema UnboundID compares as directory strings and does not fail; a failure means "does not match".
            }
        }
        return false;
    }

    /** The same condition for the server's search; empty without lines. */
    public Optional<Filter> toFilter() {
        if (filters.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(filters.size() == 1 ? filters.get(0) : Filter.createORFilter(filters));
    }

    /**
     * The search filter for entries of {@code base} (e.g. {@code (objectClass=user)}) meeting the
     * lines: {@code (&base(|line1 line2))}, or {@code base} alone without lines.
     */
    public Filter and(Filter base) {
        return toFilter().map(f -> Filter.createANDFilter(base, f)).orElse(base);
    }

    @Override
    public String toString() {
        return toFilter().map(Filter::toString).orElse("(no filter)");
    }
}
