package org.ream.central.usersettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ream.central.security.ExternalAuthenticator;

/**
 * An authentication server whose answers a test decides, enabled only by
 * {@link AuthServerLoginTest.WithScriptedServer}: the login flow's side of "use authentication
 * server" is tested here; the LDAP and RADIUS servers themselves are tested against real ones.
 */
@Alternative
@ApplicationScoped
public class ScriptedAuthServer implements ExternalAuthenticator {

    /** Password accepted per user name; a user missing here is rejected. */
    static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();
    static volatile boolean reachable = true;
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public Result authenticate(long serverId, String username, String password) {
        CALLS.incrementAndGet();
        if (!reachable) {
            return new Result(Outcome.UNREACHABLE, "connection refused (test)");
        }
        return password.equals(PASSWORDS.get(username)) ? new Result(Outcome.ACCEPTED, "ok") : new Result(Outcome.REJECTED, "invalid credentials");
    }
}
