package org.ream.central.security;

/** Who does something: a logged-in user, or the server itself (*system). */
public record Actor(long userId, String username, String fullName) {

    public static final Actor SYSTEM = new Actor(0, "*system", "System");

    public String display() {
        return fullName == null || fullName.isBlank() ? username : fullName + " " + username;
    }
}
