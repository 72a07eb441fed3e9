package org.ream.central.usersync;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ream.central.validation.InvalidField;

/**
 * The settings of a synchronisation source (manual 8.7.2-8.7.6), stored as JSON in
 * SYNC_SOURCES.CONFIG: checked and normalised here, field by field, before anything is saved.
 * LDAP-specific parts (property mapping, filter lines, group rules) are checked by their own
 * rules in {@code usersync.ldap} through {@link #normalise}'s {@code ldapCheck}.
 */
public final class SourceSettings {

    /** The kinds of source of the manual's "+Add" menu. */
    public enum Kind {
        LDAP, CSV, AZURE, GOOGLE;

        public static Kind parse(String text) {
            try {
                return Kind.valueOf(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidField("kind", "must be one of LDAP, CSV, AZURE, GOOGLE");
            }
        }
    }

    /** The manual's limit: "jusqu'à cinq serveurs LDAP". */
    public static final int MAX_LDAP_SOURCES = 5;
    public static final List<String> SECRETS = List.of("bindPassword");
    static final int MAX_TEXT = 4000;

    private SourceSettings() {
    }

    /** Checks the settings of a source and returns them normalised; {@code extra} checks kind-specific parts (may be null). */
    public static Map<String, Object> normalise(Kind kind, Map<String, ?> in, java.util.function.Consumer<Map<String, Object>> extra) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("options", optionsMap(options(in.get("options") instanceof Map<?, ?> m ? m : Map.of(), kind)));
        Map<?, ?> export = in.get("exportCsv") instanceof Map<?, ?> m ? m : Map.of();
        boolean exportOn = bool(export, "enabled", false, "exportCsv.enabled");
        String exportFile = text(export, "file", "exportCsv.file");
        if (exportOn && exportFile.isEmpty()) {
            throw new InvalidField("exportCsv.file", "is required when the export is enabled");
        }
        out.put("exportCsv", Map.of("enabled", exportOn, "file", exportFile));
        switch (kind) {
            case LDAP, GOOGLE -> {
                out.put("serverId", id(in, "serverId"));
                out.put("bindUser", text(in, "bindUser", "bindUser"));
                out.put("bindPassword", in.get("bindPassword") == null ? "" : in.get("bindPassword").toString());
                List<String> baseDns = list(in, "baseDns");
                if (baseDns.isEmpty()) {
                    throw new InvalidField("baseDns", "at least one base DN is required");
                }
                out.put("baseDns", baseDns);
                out.put("filters", list(in, "filters"));
                out.put("mapping", in.get("mapping") instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : new LinkedHashMap<>());
                out.put("groups", in.get("groups") instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : new LinkedHashMap<>());
                out.put("deltaRuns", bool(in, "deltaRuns", true, "deltaRuns"));
            }
            case AZURE -> {
                out.put("serverId", id(in, "serverId"));
                out.put("allUsers", bool(in, "allUsers", true, "allUsers"));
                List<String> groups = list(in, "groupIds");
                if (!(Boolean) out.get("allUsers") && groups.isEmpty()) {
                    throw new InvalidField("groupIds", "choose at least one group, or synchronise all users");
                }
                out.put("groupIds", groups);
                out.put("mapping", in.get("mapping") instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : new LinkedHashMap<>());
                out.put("ignoreGroups", bool(in, "ignoreGroups", false, "ignoreGroups"));
                out.put("ignoreGroupsContaining", list(in, "ignoreGroupsContaining"));
                out.put("deltaRuns", bool(in, "deltaRuns", true, "deltaRuns"));
            }
            case CSV -> {
                String file = text(in, "file", "file");
                if (file.isEmpty()) {
                    throw new InvalidField("file", "is required");
                }
                out.put("file", file);
                String encoding = text(in, "encoding", "encoding");
                encoding = encoding.isEmpty() ? "UTF-8" : encoding;
                try {
                    Charset.forName(encoding);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new InvalidField("encoding", "unknown encoding '" + encoding + "'");
                }
                out.put("encoding", encoding);
                String delimiter = text(in, "delimiter", "delimiter");
                if (delimiter.length() > 1 && !delimiter.equalsIgnoreCase("tab")) {
                    throw new InvalidField("delimiter", "one character (or empty for the general setting)");
                }
                out.put("delimiter", delimiter);
                out.put("skipHeader", bool(in, "skipHeader", true, "skipHeader"));
                out.put("importGroupsUnder", text(in, "importGroupsUnder", "importGroupsUnder"));
                out.put("authServerId", in.get("authServerId") == null || in.get("authServerId").toString().isBlank() ? null : id(in, "authServerId"));
            }
        }
        if (extra != null) {
            extra.accept(out);
        }
        return out;
    }

    /** The options common to all sources, with the CSV per-field modes. */
    public static SyncOptions options(Map<?, ?> m, Kind kind) {
        FieldMode dflt = FieldMode.FULL_SYNC;
        return new SyncOptions(bool(m, "addNewUsers", true, "options.addNewUsers"), bool(m, "deactivateMissing", false, "options.deactivateMissing"),
                bool(m, "lowerCaseUserNames", false, "options.lowerCaseUserNames"),
                bool(m, "useAuthServer", kind != Kind.CSV, "options.useAuthServer"), bool(m, "pairByPersonalNumber", false, "options.pairByPersonalNumber"),
                bool(m, "ignoreSyncSource", false, "options.ignoreSyncSource"), bool(m, "addDomain", false, "options.addDomain"),
                blankToNull(text(m, "domain", "options.domain")), mode(m, "cards", dflt), mode(m, "pins", FieldMode.ADD_NEW), mode(m, "groups", dflt),
                mode(m, "delegates", dflt), integer(m, "maxDeactivations", 0, 0, 10_000_000, "options.maxDeactivations"),
                integer(m, "maxDeactivationPercent", 0, 0, 100, "options.maxDeactivationPercent"));
    }

    public static Map<String, Object> optionsMap(SyncOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("addNewUsers", o.addNewUsers());
        m.put("deactivateMissing", o.deactivateMissing());
        m.put("lowerCaseUserNames", o.lowerCaseUserNames());
        m.put("useAuthServer", o.useAuthServer());
        m.put("pairByPersonalNumber", o.pairByPersonalNumber());
        m.put("ignoreSyncSource", o.ignoreSyncSource());
        m.put("addDomain", o.addDomain());
        m.put("domain", o.domain() == null ? "" : o.domain());
        m.put("cards", o.cards().name());
        m.put("pins", o.pins().name());
        m.put("groups", o.groups().name());
        m.put("delegates", o.delegates().name());
        m.put("maxDeactivations", o.maxDeactivations());
        m.put("maxDeactivationPercent", o.maxDeactivationPercent());
        return m;
    }

    private static FieldMode mode(Map<?, ?> m, String key, FieldMode dflt) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            return dflt;
        }
        try {
            return FieldMode.valueOf(v.toString().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidField("options." + key, "must be one of DO_NOT_SYNC, FULL_SYNC, SYNC_IF_NOT_EMPTY, ADD_NEW");
        }
    }

    static String text(Map<?, ?> m, String key, String field) {
        Object v = m.get(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
            throw new InvalidField(field, "must be a text");
        }
        String s = v.toString().strip();
        if (s.length() > MAX_TEXT) {
            throw new InvalidField(field, "is too long (at most " + MAX_TEXT + " characters)");
        }
        return s;
    }

    static boolean bool(Map<?, ?> m, String key, boolean dflt, String field) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidField(field, "must be true or false");
        };
    }

    static int integer(Map<?, ?> m, String key, int dflt, int min, int max, String field) {
        String s = text(m, key, field);
        if (s.isEmpty()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new InvalidField(field, "must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidField(field, "must be a whole number");
        }
    }

    static long id(Map<?, ?> m, String key) {
        String s = text(m, key, key);
        if (s.isEmpty()) {
            throw new InvalidField(key, "is required");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidField(key, "must be the id of a server");
        }
    }

    /** A list field given as a JSON array or as lines of text; blank entries dropped. */
    static List<String> list(Map<?, ?> m, String key) {
        Object v = m.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        Iterable<?> items = v instanceof Iterable<?> it ? it : List.of(v.toString().split("\\R"));
        for (Object o : items) {
            String s = o == null ? "" : o.toString().strip();
            if (s.length() > MAX_TEXT) {
                throw new InvalidField(key, "has an entry that is too long (at most " + MAX_TEXT + " characters)");
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
