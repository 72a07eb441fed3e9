package org.ream.central.sites;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.ream.central.logging.SystemLog;
import org.ream.central.messaging.SiteLogins;
import org.ream.central.replication.payload.SiteKeys;

/**
 * Logins of sites on the embedded broker's site acceptor: the password is the site's broker
 * token, derived from its communication password (docs/site-protocol.md, "Push"), compared in
 * constant time. Refusals go to the system log, as refused site requests do.
 */
@ApplicationScoped
public class SiteBrokerLogins implements SiteLogins {

    @Inject
    SiteDirectory sites;

    @Inject
    SiteKeyring keyring;

    @Inject
    SystemLog log;

    @Override
    public boolean accepts(String siteName, String token, String remoteAddress) {
        Optional<SiteDirectory.SiteKey> site = sites.keyOf(siteName);
        if (site.isEmpty()) {
            return refuse(siteName, remoteAddress, "no site of that name is known");
        }
        String password = keyring.passwordOf(site.get());
        if (password == null || password.isEmpty()) {
            return refuse(siteName, remoteAddress, "no communication password is set (system settings)");
        }
        if (!SiteKeys.verifyBrokerToken(keyring.signature().key(siteName, password), token)) {
            return refuse(siteName, remoteAddress, "the password is not the site's broker token (another communication password?)");
        }
        return true;
    }

    private boolean refuse(String siteName, String remoteAddress, String reason) {
        log.warning("Sites", siteName, "The broker refused the login of site '" + siteName + "'" + (remoteAddress == null ? "" : " from " + remoteAddress)
                + ": " + reason);
        return false;
    }
}
