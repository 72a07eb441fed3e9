package org.ream.central.users;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Field rules of a user's properties (8.4.1) that need no database: what a valid user name,
 * alias, card, email and language look like. Uniqueness against other users is checked by the
 * directory in the same transaction as the save.
 */
public final class UserRules {

    /** The languages the web UI and terminals offer. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "de", "cs", "es");

    /** Reserved for the system users (*admin, *api...): no other name may start with it. */
    public static final String SYSTEM_PREFIX = "*";

    static final int MAX_NAME = 255;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private UserRules() {
    }

    /**
     * Checks the fields of a user to save; returns field name to message, empty when valid.
     * Commas are refused in names and cards because they separate values in the CSV sync syntax.
     */
    public static Map<String, String> check(String username, String fullName, List<String> aliases, List<String> cards, String email,
            String phone, String personalNumber, String language, String userStorage, String notes, boolean systemUser) {
        Map<String, String> errors = new LinkedHashMap<>();
        String nameProblem = nameProblem(username);
        if (nameProblem != null) {
            errors.put("username", nameProblem);
        } else if (!systemUser && username.startsWith(SYSTEM_PREFIX)) {
            errors.put("username", "names starting with * are reserved for system users");
        }
        if (fullName == null || fullName.isBlank()) {
            errors.put("fullName", "is required");
        } else if (fullName.length() > MAX_NAME) {
            errors.put("fullName", "is longer than " + MAX_NAME + " characters");
        }
        Set<String> seen = new HashSet<>();
        for (String a : aliases) {
            String p = nameProblem(a);
            if (p != null) {
                errors.put("aliases", "'" + String.valueOf(a) + "' " + p);
                break;
            }
            if (a.startsWith(SYSTEM_PREFIX)) {
                errors.put("aliases", "'" + a + "': names starting with * are reserved for system users");
                break;
            }
            if (a.equals(username)) {
                errors.put("aliases", "'" + a + "' is the user name itself");
                break;
            }
            if (!seen.add(a)) {
                errors.put("aliases", "'" + a + "' is listed twice");
                break;
            }
        }
        Set<String> seenCards = new HashSet<>();
        for (String c : cards) {
            if (c == null || c.isBlank()) {
                errors.put("cards", "a card number is empty");
                break;
            }
            if (!c.equals(c.strip()) || c.contains(",") || c.length() > MAX_NAME || c.chars().anyMatch(Character::isISOControl)) {
                errors.put("cards", "'" + c + "' is not a valid card number (no commas, spaces around or control characters)");
                break;
            }
            if (!seenCards.add(c)) {
                errors.put("cards", "'" + c + "' is listed twice");
                break;
            }
        }
        if (email != null && !email.isEmpty() && (email.length() > MAX_NAME || !EMAIL.matcher(email).matches())) {
            errors.put("email", "'" + email + "' is not an email address");
        }
        if (phone != null && phone.length() > 64) {
            errors.put("phone", "is longer than 64 characters");
        }
        if (personalNumber != null && personalNumber.length() > 64) {
            errors.put("personalNumber", "is longer than 64 characters");
        }
        if (language != null && !language.isEmpty() && !LANGUAGES.contains(language)) {
            errors.put("language", "unknown language '" + language + "': use one of " + String.join(", ", LANGUAGES));
        }
        if (userStorage != null && userStorage.length() > 1000) {
            errors.put("userStorage", "is longer than 1000 characters");
        }
        if (notes != null && notes.length() > 2000) {
            errors.put("notes", "is longer than 2000 characters");
        }
        return errors;
    }

    /** Why a user name or alias is not acceptable, or null. */
    static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "is required";
        }
        if (name.length() > MAX_NAME) {
            return "is longer than " + MAX_NAME + " characters";
        }
        if (!name.equals(name.strip())) {
            return "must not start or end with spaces";
        }
        if (name.contains(",")) {
            return "must not contain a comma";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }

    /** Group names: no "," or "|", which separate groups and levels in the CSV syntax (8.7.4). */
    public static String groupNameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "is required";
        }
        if (name.length() > MAX_NAME) {
            return "is longer than " + MAX_NAME + " characters";
        }
        if (!name.equals(name.strip())) {
            return "must not start or end with spaces";
        }
        if (name.contains(",") || name.contains("|")) {
            return "must not contain ',' or '|' (they separate groups in CSV files)";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }

    /**
     * Whether putting {@code group} under {@code newParent} would make a cycle: the new parent is
     * the group itself or one of its descendants. {@code parents} maps each group to its parent (null for roots).
     */
    public static boolean makesCycle(long group, Long newParent, Map<Long, Long> parents) {
        Set<Long> visited = new HashSet<>();
        Long p = newParent;
        while (p != null) {
            if (p == group || !visited.add(p)) {
                return true;
            }
            p = parents.get(p);
        }
        return false;
    }

    /** The "a|b|c" path of a group from the names and parents of all groups. */
    public static String path(long group, Map<Long, Long> parents, Map<Long, String> names) {
        List<String> parts = new ArrayList<>();
        Long g = group;
        Set<Long> visited = new HashSet<>();
        while (g != null && visited.add(g)) {
            parts.add(0, names.get(g));
            g = parents.get(g);
        }
        return String.join("|", parts);
    }
}
