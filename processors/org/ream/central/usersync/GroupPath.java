package org.ream.central.usersync;

import java.util.List;

/** A group by its path from the root ("Activities|Outdoor|Swimming" is [Activities, Outdoor, Swimming]). */
public record GroupPath(List<String> names) {

    public GroupPath {
        names = List.copyOf(names);
        if (names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new IllegalArgumentException("a group path has one or more non-empty names");
        }
    }

    public static GroupPath of(String... names) {
        return new GroupPath(List.of(names));
    }

    /** Parses the manual's "|" syntax; names are trimmed. */
    public static GroupPath parse(String path) {
        return new GroupPath(java.util.Arrays.stream(path.split("\\|")).map(String::trim).toList());
    }

    public String name() {
        return names.get(names.size() - 1);
    }

    @Override
    public String toString() {
        return String.join("|", names);
    }
}
