package org.ream.central.security;

import java.util.Set;

/** The user behind a web session, with the rights in force when the session was checked. */
public record SessionUser(long userId, String username, String fullName, Set<Right> rights) {

    public boolean has(Right right) {
        return rights.contains(Right.ADMINISTRATOR) || rights.contains(right);
    }

    public Actor actor() {
        return new Actor(userId, username, fullName);
    }
}
