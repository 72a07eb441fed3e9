package org.ream.central.reporting.definition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report types the server offers: the built-in definitions under {@code reports/types/}
 * (listed in its {@code index.txt}, since a classpath folder cannot be listed inside a jar) and
 * the custom ones uploaded (10.1.1 "Ajouter des rapports personnalisés"). Immutable: adding a
 * custom type gives a new catalogue, or a {@link DefinitionException} saying why not.
 */
public final class ReportCatalogue {

    /** Where {@code resources/reports} lands on the classpath (pom.xml: resources to {@code ream/}). */
    public static final String CLASSPATH_ROOT = "ream/reports/";
    public static final String DICTIONARY = "columns.yaml";
    public static final String TYPES = "types/";
    public static final String INDEX = "types/index.txt";

    private final ColumnDictionary dictionary;
    private final Set<String> knownRights;
    private final Map<String, ReportType> types;

    private ReportCatalogue(ColumnDictionary dictionary, Set<String> knownRights, Map<String, ReportType> types) {
        this.dictionary = dictionary;
        this.knownRights = knownRights;
        this.types = types;
    }

    /** The built-in types from the classpath; {@code knownRights} are the right names a definition may require. */
    public static ReportCatalogue builtIn(Set<String> knownRights) {
        ClassLoader cl = ReportCatalogue.class.getClassLoader();
        ColumnDictionary dictionary = ColumnDictionary.parse(DICTIONARY, resource(cl, CLASSPATH_ROOT + DICTIONARY));
        Map<String, String> files = new LinkedHashMap<>();
        for (String line : resource(cl, CLASSPATH_ROOT + INDEX).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.put(TYPES + name, resource(cl, CLASSPATH_ROOT + TYPES + name));
            }
        }
        return of(dictionary, knownRights, files);
    }

    /** Built-in types from the given files (name to text), all checked, ids unique. */
    public static ReportCatalogue of(ColumnDictionary dictionary, Set<String> knownRights, Map<String, String> builtInFiles) {
        ReportTypeReader reader = new ReportTypeReader(dictionary, Set.copyOf(knownRights));
        Map<String, ReportType> types = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : builtInFiles.entrySet()) {
            add(types, reader.read(e.getKey(), e.getValue(), true));
        }
        return new ReportCatalogue(dictionary, Set.copyOf(knownRights), Collections.unmodifiableMap(types));
    }

    /** The catalogue with one more custom type, read from an uploaded definition file. */
    public ReportCatalogue withCustom(String file, String text) {
        ReportType t = new ReportTypeReader(dictionary, knownRights).read(file, text, false);
        Map<String, ReportType> more = new LinkedHashMap<>(types);
        add(more, t);
        return new ReportCatalogue(dictionary, knownRights, Collections.unmodifiableMap(more));
    }

    public ReportType type(String id) {
        return types.get(id);
    }

    public List<ReportType> types() {
        return List.copyOf(types.values());
    }

    public List<ReportType> inCategory(Category category) {
        List<ReportType> out = new ArrayList<>();
        for (ReportType t : types.values()) {
            if (t.category() == category) {
                out.add(t);
            }
        }
        return out;
    }

    public ColumnDictionary dictionary() {
        return dictionary;
    }

    private static void add(Map<String, ReportType> types, ReportType t) {
        ReportType before = types.get(t.id());
        if (before != null) {
            throw new DefinitionException(t.file(), "id", 0, "type " + t.id() + " is already defined by "
                    + (before.builtIn() ? "the built-in " : "") + before.file());
        }
        types.put(t.id(), t);
    }

    private static String resource(ClassLoader cl, String path) {
        try (InputStream in = cl.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("report definitions: " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }
}
