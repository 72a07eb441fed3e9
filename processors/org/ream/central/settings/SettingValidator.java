package org.ream.central.settings;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks and normalises one submitted setting value against its definition. Returns the
 * value to store, or throws {@link IllegalArgumentException} with a message for the field.
 */
public final class SettingValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    private SettingValidator() {
    }

    public static String normalise(SettingDef def, String raw) {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty()) {
            if (def.required() && def.type() != SettingDef.Type.BOOL) {
                throw new IllegalArgumentException("is required");
            }
            return def.type() == SettingDef.Type.BOOL ? "false" : "";
        }
        switch (def.type()) {
            case EMAIL -> {
                if (!EMAIL.matcher(v).matches()) {
                    throw new IllegalArgumentException("'" + v + "' is not an email address");
                }
            }
            case EMAILS -> {
                for (String part : v.split("[,;]")) {
                    if (!part.isBlank() && !EMAIL.matcher(part.strip()).matches()) {
                        throw new IllegalArgumentException("'" + part.strip() + "' is not an email address");
                    }
                }
            }
            case INT -> {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + v + "' is not a whole number");
                }
                if (n < def.min() || n > def.max()) {
                    throw new IllegalArgumentException("must be between " + def.min() + " and " + def.max());
                }
                return Long.toString(n);
            }
            case BOOL -> {
                String b = v.toLowerCase(Locale.ROOT);
                if (!b.equals("true") && !b.equals("false")) {
                    throw new IllegalArgumentException("must be true or false");
                }
                return b;
            }
            case CHOICE -> {
                if (!def.options().contains(v)) {
                    throw new IllegalArgumentException("'" + v + "' is not one of " + String.join(", ", def.options()));
                }
            }
            case TIMEZONE -> {
                try {
                    return ZoneId.of(v).getId();
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("'" + v + "' is not a time zone (e.g. Europe/Prague)");
                }
            }
            case LANGUAGE -> {
                if (!SettingsCatalog.LANGUAGES.contains(v)) {
                    throw new IllegalArgumentException("'" + v + "' is not a supported language (" + String.join(", ", SettingsCatalog.LANGUAGES) + ")");
                }
            }
            case CURRENCY -> {
                v = v.toUpperCase(Locale.ROOT);
                if (!CURRENCY.matcher(v).matches()) {
                    throw new IllegalArgumentException("'" + v + "' is not a three-letter currency code (e.g. EUR)");
                }
            }
            case URL -> {
                try {
                    URI u = new URI(v);
                    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                        throw new IllegalArgumentException("'" + v + "' is not an http(s) link");
                    }
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalArgumentException("'" + v + "' is not an http(s) link");
                }
            }
            case ID_LIST -> {
                StringBuilder ids = new StringBuilder();
                for (String part : v.split("[,;\\s]+")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    try {
                        if (Long.parseLong(part) <= 0) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + part + "' is not an id");
                    }
                    ids.append(ids.isEmpty() ? "" : ",").append(Long.parseLong(part));
                }
                v = ids.toString();
            }
            case TEXT, PASSWORD, MULTILINE -> {
                // free text
            }
        }
        if (v.length() > 4000) {
            throw new IllegalArgumentException("is longer than 4000 characters");
        }
        return v;
    }
}
