package org.ream.central.authserver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.ream.central.security.ExternalAuthenticator;

/**
 * Checks passwords of users who "use authentication server" against the LDAP or RADIUS server
 * their account names by id. Azure AD users sign in with Microsoft instead: no password here.
 */
@ApplicationScoped
public class ServerAuthenticator implements ExternalAuthenticator {

    private static final Logger LOG = Logger.getLogger(ServerAuthenticator.class);

    @Inject
    AuthServers servers;

    @Override
    public Result authenticate(long serverId, String username, String password) {
        Optional<AuthServers.Server> found;
        try {
            found = servers.find(serverId);
        } catch (RuntimeException e) {
            LOG.warnf("Authentication server %d cannot be read: %s", serverId, e.getMessage());
            return new Result(Outcome.UNREACHABLE, "The authentication server settings cannot be read: " + e.getMessage());
        }
        if (found.isEmpty()) {
            return new Result(Outcome.NOT_CONFIGURED, "The authentication server of this account no longer exists; an administrator must choose another");
        }
        AuthServers.Server s = found.get();
        Result r;
        try {
            r = switch (s.kind()) {
                case LDAP -> new LdapAuthentication(LdapSettings.from(s.config())).authenticate(username, password);
                case RADIUS -> new RadiusAuthentication(RadiusSettings.from(s.config())).authenticate(username, password);
                case AZURE -> new Result(Outcome.NOT_CONFIGURED, "Server " + s.name()
                        + " is an Azure AD server: it cannot check passwords; use \"Sign in with Microsoft\"");
            };
        } catch (InvalidServerSettings e) {
            r = new Result(Outcome.NOT_CONFIGURED, "The settings of authentication server " + s.name() + " are not valid: " + e.getMessage());
        }
        if (r.outcome() == Outcome.UNREACHABLE || r.outcome() == Outcome.NOT_CONFIGURED) {
            LOG.warnf("Login of %s through authentication server %s: %s", username, s.name(), r.message());
        }
        return r;
    }

    /** The Test button on saved or unsaved settings, optionally with a user's credentials. */
    public TestReport test(AuthServers.Server s, String username, String password, MicrosoftSignIn microsoft) {
        try {
            return switch (s.kind()) {
                case LDAP -> new LdapAuthentication(LdapSettings.from(s.config())).test(username, password);
                case RADIUS -> new RadiusAuthentication(RadiusSettings.from(s.config())).test(username, password);
                case AZURE -> microsoft.test(AzureSettings.from(s.config()));
            };
        } catch (InvalidServerSettings e) {
            return new TestReport(false, e.getMessage(), java.util.List.of());
        }
    }

    static Map<String, Object> report(TestReport r) {
        return Map.of("ok", r.ok(), "message", r.message(), "steps", r.steps());
    }
}
