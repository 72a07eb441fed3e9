package org.ream.central.security;

import jakarta.enterprise.context.RequestScoped;

/** The logged-in user of the current request, set by {@link AuthFilter}. */
@RequestScoped
public class CurrentUser {

    private SessionUser user;

    void set(SessionUser user) {
        this.user = user;
    }

    public SessionUser get() {
        if (user == null) {
            throw new IllegalStateException("No user on this request");
        }
        return user;
    }

    public boolean present() {
        return user != null;
    }

    public Actor actor() {
        return get().actor();
    }
}
