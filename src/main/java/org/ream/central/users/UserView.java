package org.ream.central.users;

/** The views of the users list (8.1). */
public enum UserView {
    ALL, UNCLASSIFIED, MANAGERS, LOCKED, DELETED;

    public static UserView parse(String s) {
        if (s == null || s.isBlank()) {
            return ALL;
        }
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.ream.central.settings.ValidationException("view", "unknown view '" + s + "': use all, unclassified, managers, locked or deleted");
        }
    }
}
