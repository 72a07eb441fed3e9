package org.ream.central.usersync.source;

import java.util.List;
import java.util.Locale;

/**
 * The "Ignore groups" and "Ignore groups containing string" fields of manual 8.7.3: names to
 * leave out, whole or by a part, case-insensitive.
 */
public record GroupNameFilter(List<String> ignoredNames, List<String> ignoredParts) {

    public static final GroupNameFilter NONE = new GroupNameFilter(List.of(), List.of());

    public GroupNameFilter {
        ignoredNames = clean(ignoredNames);
        ignoredParts = clean(ignoredParts);
    }

    /** From the form's text areas, one name or part a line. */
    public static GroupNameFilter ofLines(String names, String parts) {
        return new GroupNameFilter(lines(names), lines(parts));
    }

    public boolean ignores(String groupName) {
        String n = groupName.strip().toLowerCase(Locale.ROOT);
        return ignoredNames.contains(n) || ignoredParts.stream().anyMatch(n::contains);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().toList();
    }

    private static List<String> clean(List<String> in) {
        return in == null ? List.of() : in.stream().map(s -> s == null ? "" : s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
