package org.ream.central.scheduling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The "Send a notification after performing the task" field: "Select a user or enter an
 * email". Each entry is either an e-mail address or a user name, whose address is looked up
 * when the mail is sent (so a user who changes address keeps getting the notifications).
 */
public final class NotifyRecipients {

    public static final String LABEL = "Send a notification after performing the task";

    // Same shape as the EMAIL settings fields accept.
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s,;<>\"()]+@[^@\\s,;<>\"()]+\\.[^@\\s,;<>\"()]+$");
    private static final Pattern SEPARATOR = Pattern.compile("[,;\\n]");

    private NotifyRecipients() {
    }

    /** Entries as stored (NOTIFY_TO) or typed, in order, each once; blank entries are dropped. */
    public static List<String> split(String text) {
        return text == null ? List.of() : normalise(List.of(text));
    }

    /** Entries of a list where each element may itself hold several separated entries. */
    public static List<String> normalise(Collection<String> entries) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (entries == null) {
            return out;
        }
        for (String entry : entries) {
            if (entry == null) {
                continue;
            }
            for (String part : SEPARATOR.split(entry, -1)) {
                String value = part.strip();
                if (!value.isEmpty() && seen.add(isAddress(value) ? value.toLowerCase(Locale.ROOT) : value)) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    /** NOTIFY_TO column text, or null for nobody. */
    public static String join(List<String> entries) {
        return entries == null || entries.isEmpty() ? null : String.join(", ", entries);
    }

    /** Whether the entry is meant as an address (it has an @), as opposed to a user name. */
    public static boolean looksLikeAddress(String entry) {
        return entry != null && entry.contains("@");
    }

    public static boolean isAddress(String entry) {
        return entry != null && ADDRESS.matcher(entry).matches();
    }

    /**
     * Whether a run with this status is mailed: always, or only on a warning or an error when
     * "Only in case of an error or warning" is ticked.
     */
    public static boolean shouldNotify(boolean onlyProblems, boolean problem) {
        return !onlyProblems || problem;
    }
}
