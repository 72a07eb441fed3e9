package org.ream.central.authserver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading typed values out of a server's settings map, with errors naming the field. */
final class Settings {

    /** Long enough for a PEM certificate chain; keeps a stray upload out of the database. */
    static final int MAX_TEXT = 65_536;
    static final int MAX_ADDRESSES = 20;

    private Settings() {
    }

    static String text(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
            throw new InvalidServerSettings(key, "must be a text");
        }
        String s = v.toString().strip();
        if (s.length() > MAX_TEXT) {
            throw new InvalidServerSettings(key, "is too long (at most " + MAX_TEXT + " characters)");
        }
        return s;
    }

    /** A secret as typed: not stripped (spaces may belong to it), empty when absent. */
    static String secret(Map<String, ?> m, String key, int max) {
        Object v = m.get(key);
        String s = v == null ? "" : v.toString();
        if (s.length() > max) {
            throw new InvalidServerSettings(key, "must have at most " + max + " characters");
        }
        return s;
    }

    static String required(Map<String, ?> m, String key) {
        String s = text(m, key);
        if (s.isEmpty()) {
            throw new InvalidServerSettings(key, "is required");
        }
        return s;
    }

    static int integer(Map<String, ?> m, String key, int dflt, int min, int max) {
        String s = text(m, key);
        if (s.isEmpty()) {
            return dflt;
        }
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new InvalidServerSettings(key, "must be a whole number");
        }
        if (v < min || v > max) {
            throw new InvalidServerSettings(key, "must be between " + min + " and " + max);
        }
        return v;
    }

    static boolean bool(Map<String, ?> m, String key, boolean dflt) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            return dflt;
        }
        String s = v.toString().strip().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        throw new InvalidServerSettings(key, "must be true or false");
    }

    static List<String> list(Map<String, ?> m, String key) {
        Object v = m.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof Collection<?> c) {
            if (c.size() > MAX_ADDRESSES) {
                throw new InvalidServerSettings(key, "at most " + MAX_ADDRESSES + " addresses");
            }
            for (Object o : c) {
                if (o != null && !o.toString().isBlank()) {
                    out.add(o.toString().strip());
                }
            }
            return out;
        }
        if (v instanceof String s) {
            for (String part : s.split("[,;\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return out;
        }
        throw new InvalidServerSettings(key, "must be a list of addresses");
    }

    static <E extends Enum<E>> E choice(Map<String, ?> m, String key, Class<E> type, E dflt) {
        String s = text(m, key);
        if (s.isEmpty()) {
            if (dflt == null) {
                throw new InvalidServerSettings(key, "is required, one of " + List.of(type.getEnumConstants()));
            }
            return dflt;
        }
        String norm = s.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().replace("_", "").equals(norm.replace("_", ""))) {
                return e;
            }
        }
        throw new InvalidServerSettings(key, "must be one of " + List.of(type.getEnumConstants()) + ", not " + s);
    }

    static void pem(String key, String value, String kind) {
        if (!value.isEmpty() && !value.contains("-----BEGIN ")) {
            throw new InvalidServerSettings(key, "must be a PEM " + kind + " (-----BEGIN ...)");
        }
    }
}
