package org.ream.central.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.NoCacheLoginException;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Who may do what on the embedded broker. The server itself connects in-VM as
 * {@link #SERVER_USER} with a password made at each start and never written anywhere: it may do
 * everything. A connection from the network is a site: user = its site name, password = its
 * broker token ({@link SiteLogins}), and it may only send to the push queue.
 *
 * <p>Artemis caches a login by user and password (not by connection), and a permission already
 * granted by user name: so the server's identity needs a secret password, and its user name is
 * refused from the network, whatever password comes with it.
 */
final class BrokerSecurity implements ActiveMQSecurityManager5 {

    static final String SERVER_USER = "ream-central";
    static final String SERVER_ROLE = "server";
    static final String SITE_ROLE = "site";

    private final byte[] serverPassword;
    private final SiteLogins sites;
    private final String pushQueue;

    BrokerSecurity(String serverPassword, SiteLogins sites, String pushQueue) {
        this.serverPassword = serverPassword.getBytes(StandardCharsets.UTF_8);
        this.sites = sites;
        this.pushQueue = pushQueue;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) throws NoCacheLoginException {
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            boolean server = SERVER_USER.equals(user) && password != null
                    && MessageDigest.isEqual(serverPassword, password.getBytes(StandardCharsets.UTF_8));
            return server ? subject(SERVER_USER, SERVER_ROLE) : null;
        }
        if (user == null || user.isEmpty() || password == null || password.isEmpty() || SERVER_USER.equals(user)) {
            return null;
        }
        boolean site;
        try {
            site = sites.accepts(user, password, connection == null ? null : connection.getRemoteAddress());
        } catch (RuntimeException e) {
            // The database, not the credentials: not remembered as a refusal.
            throw new NoCacheLoginException("cannot check the login of site '" + user + "': " + e.getMessage());
        }
        return site ? subject(user, SITE_ROLE) : null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (hasRole(subject, SERVER_ROLE)) {
            return true;
        }
        return hasRole(subject, SITE_ROLE) && checkType == CheckType.SEND && pushQueue.equals(address);
    }

    /** Only the Subject-based methods above are called for an ActiveMQSecurityManager5. */
    @Override
    public boolean validateUser(String user, String password) {
        return false;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }

    private static Subject subject(String user, String role) {
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(user));
        s.getPrincipals().add(new RolePrincipal(role));
        s.setReadOnly();
        return s;
    }

    private static boolean hasRole(Subject subject, String role) {
        if (subject == null) {
            return false;
        }
        for (Principal p : subject.getPrincipals(RolePrincipal.class)) {
            if (role.equals(p.getName())) {
                return true;
            }
        }
        return false;
    }
}
