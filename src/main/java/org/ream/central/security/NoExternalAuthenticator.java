package org.ream.central.security;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** Answers while no authentication-server implementation is installed: such logins fail clearly. */
@DefaultBean
@ApplicationScoped
public class NoExternalAuthenticator implements ExternalAuthenticator {

    @Override
    public Result authenticate(long serverId, String username, String password) {
        return new Result(Outcome.NOT_CONFIGURED, "Authentication servers are not available in this version");
    }
}
