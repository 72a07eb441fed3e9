package org.ream.central.notification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recipient fields as people type them: one or more addresses separated by commas or
 * semicolons ("a@x.org; b@y.org"), as in the notification and administrator e-mail fields.
 */
public final class Recipients {

    // The same rule as the EMAIL settings fields, so an address the settings page accepts is sent to.
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s,;<>\"()]+@[^@\\s,;<>\"()]+\\.[^@\\s,;<>\"()]+$");
    private static final Pattern SEPARATOR = Pattern.compile("[,;]");

    private Recipients() {
    }

    /**
     * The addresses of one field, in the order typed, each once (the same address twice in
     * different case is one mailbox). Blank entries from a trailing or doubled separator are
     * slips and are skipped; anything else that is not an address is refused.
     */
    public static List<String> parse(String field) {
        return parseAll(field == null ? List.of() : List.of(field));
    }

    /** Like {@link #parse(String)} over several fields, e.g. the entries of a recipient list. */
    public static List<String> parseAll(Collection<String> fields) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (fields == null) {
            return out;
        }
        for (String field : fields) {
            if (field == null) {
                continue;
            }
            for (String part : SEPARATOR.split(field, -1)) {
                String address = part.strip();
                if (address.isEmpty()) {
                    continue;
                }
                if (!isAddress(address)) {
                    throw new IllegalArgumentException("'" + address + "' is not an email address");
                }
                if (seen.add(address.toLowerCase(Locale.ROOT))) {
                    out.add(address);
                }
            }
        }
        return out;
    }

    /** Like {@link #parseAll(Collection)} but refuses an empty result. */
    public static List<String> required(Collection<String> fields) {
        List<String> out = parseAll(fields);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient address is needed");
        }
        return out;
    }

    public static boolean isAddress(String text) {
        return text != null && ADDRESS.matcher(text).matches();
    }
}
