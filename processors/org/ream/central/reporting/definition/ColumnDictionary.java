package org.ream.central.reporting.definition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns report types share, read from {@code reports/columns.yaml}: every column once with
 * its labels, type and origin, so that the same "B&W pages" means the same thing in every type;
 * named groups of columns (the manual's "same as the daily summary"); and the gaps, what the
 * replicated model does not carry yet.
 */
public final class ColumnDictionary {

    private static final Set<String> FIELDS = Set.of("gaps", "groups", "columns");

    private final Map<String, ColumnDef> columns;
    private final Map<String, List<String>> groups;
    private final Map<String, String> gaps;

    private ColumnDictionary(Map<String, ColumnDef> columns, Map<String, List<String>> groups, Map<String, String> gaps) {
        this.columns = columns;
        this.groups = groups;
        this.gaps = gaps;
    }

    public static ColumnDictionary parse(String file, String text) {
        YamlNode root = YamlNode.parse(file, text);
        Map<String, YamlNode> f = root.fields(FIELDS);
        Map<String, String> gaps = new LinkedHashMap<>();
        if (f.containsKey("gaps")) {
            for (Map.Entry<String, YamlNode> e : f.get("gaps").map().entrySet()) {
                if (!e.getKey().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                    throw e.getValue().fail("\"" + e.getKey() + "\" is not a gap id (lower case words joined by -)");
                }
                gaps.put(e.getKey(), e.getValue().nonBlank());
            }
        }
        Map<String, ColumnDef> columns = new LinkedHashMap<>();
        for (YamlNode n : YamlNode.required(root, f, "columns").list()) {
            ColumnDef c = ColumnReader.read(n, gaps.keySet());
            if (columns.put(c.id(), c) != null) {
                throw n.fail("column " + c.id() + " is defined twice");
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (f.containsKey("groups")) {
            for (Map.Entry<String, YamlNode> e : f.get("groups").map().entrySet()) {
                List<String> ids = new ArrayList<>();
                for (YamlNode m : e.getValue().list()) {
                    String id = m.nonBlank();
                    if (!columns.containsKey(id)) {
                        throw m.fail("\"" + id + "\" is not a column of the dictionary");
                    }
                    if (ids.contains(id)) {
                        throw m.fail("column " + id + " is listed twice in group " + e.getKey());
                    }
                    ids.add(id);
                }
                groups.put(e.getKey(), List.copyOf(ids));
            }
        }
        return new ColumnDictionary(Collections.unmodifiableMap(columns), Collections.unmodifiableMap(groups),
                Collections.unmodifiableMap(gaps));
    }

    public ColumnDef column(String id) {
        return columns.get(id);
    }

    public Map<String, ColumnDef> columns() {
        return columns;
    }

    public List<String> group(String name) {
        return groups.get(name);
    }

    public Map<String, List<String>> groups() {
        return groups;
    }

    /** Gap id to what is missing. */
    public Map<String, String> gaps() {
        return gaps;
    }
}
