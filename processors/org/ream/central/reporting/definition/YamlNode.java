package org.ream.central.reporting.definition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A node of a definition file (YAML 1.2, so JSON too) that knows its file, its path and its line,
 * so that every refusal names them. Read through SnakeYAML Engine's composer: nodes only, no
 * object construction, so an uploaded file cannot instantiate anything; duplicate keys are
 * refused, aliases are limited.
 */
final class YamlNode {

    /** Uploaded definitions are small; anything larger is a mistake or an attack. */
    static final int MAX_CODE_POINTS = 1_000_000;

    private final String file;
    private final String path;
    private final Node node;

    private YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    static YamlNode parse(String file, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(20).setAllowRecursiveKeys(false).build();
        Node root;
        try {
            root = new Compose(settings).composeString(text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new DefinitionException(file, "", line, "not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new DefinitionException(file, "", 0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new DefinitionException(file, "", 0, "the file is empty");
        }
        YamlNode out = new YamlNode(file, "", root);
        out.map();
        return out;
    }

    String file() {
        return file;
    }

    int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    DefinitionException fail(String reason) {
        return new DefinitionException(file, path, line(), reason);
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The keys and values of a mapping, in file order; refuses a non-mapping, duplicate or non-text keys. */
    Map<String, YamlNode> map() {
        if (!(node instanceof MappingNode m)) {
            throw fail("is not a mapping of fields");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw fail("has a key that is not a name");
            }
            String key = k.getValue();
            YamlNode value = new YamlNode(file, path.isEmpty() ? key : path + "." + key, t.getValueNode());
            if (out.put(key, value) != null) {
                throw value.fail("is given twice");
            }
        }
        return out;
    }

    /** A mapping whose keys must all be among {@code allowed}: a misspelt field is refused, not ignored. */
    Map<String, YamlNode> fields(Collection<String> allowed) {
        Map<String, YamlNode> out = map();
        for (Map.Entry<String, YamlNode> e : out.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().fail("is not a known field (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return out;
    }

    List<YamlNode> list() {
        if (!(node instanceof SequenceNode s)) {
            throw fail("is not a list");
        }
        List<YamlNode> out = new ArrayList<>();
        int i = 0;
        for (Node n : s.getValue()) {
            out.add(new YamlNode(file, path + "[" + i++ + "]", n));
        }
        return out;
    }

    /** A list, or a single value taken as a list of one. */
    List<YamlNode> listOrOne() {
        return isList() ? list() : List.of(this);
    }

    String text() {
        if (!(node instanceof ScalarNode s)) {
            throw fail("is not a single value");
        }
        return s.getValue();
    }

    String nonBlank() {
        String s = text().strip();
        if (s.isEmpty()) {
            throw fail("is empty");
        }
        return s;
    }

    boolean bool() {
        String s = text();
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw fail("is not true or false");
    }

    long integer() {
        try {
            return Long.parseLong(text().strip());
        } catch (NumberFormatException e) {
            throw fail("is not a whole number");
        }
    }

    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (YamlNode n : listOrOne()) {
            out.add(n.nonBlank());
        }
        return out;
    }

    /** A mapping's required field. */
    static YamlNode required(YamlNode parent, Map<String, YamlNode> fields, String key) {
        YamlNode n = fields.get(key);
        if (n == null) {
            throw new DefinitionException(parent.file, parent.path.isEmpty() ? key : parent.path + "." + key, parent.line(),
                    "is missing");
        }
        return n;
    }
}
