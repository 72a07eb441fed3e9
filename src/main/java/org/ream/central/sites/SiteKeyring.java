package org.ream.central.sites;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.ream.central.authserver.SecretBox;
import org.ream.central.settings.SettingsStore;

/** The communication passwords (system-wide, or a site's own) and the one signature checker of the server. */
@ApplicationScoped
public class SiteKeyring {

    public static final String SYSTEM_PASSWORD = "security.communicationPassword";

    @Inject
    SettingsStore settings;

    @Inject
    SecretBox secrets;

    private final SiteSignature signature = new SiteSignature(Clock.systemUTC());

    public SiteSignature signature() {
        return signature;
    }

    public String systemPassword() {
        return settings.get(SYSTEM_PASSWORD);
    }

    /** The site's own password when it has one, else the system-wide one. */
    public String passwordOf(SiteDirectory.SiteKey site) {
        String own = site.sealedPassword();
        return own == null || own.isEmpty() ? systemPassword() : secrets.open(own);
    }

    /** A GET to a site, signed with its communication password (docs/site-protocol.md, "Identity and signing"). */
    public java.net.http.HttpRequest.Builder signedGet(SiteDirectory.Endpoint site, String password, String pathAndQuery, java.time.Duration timeout) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(site.uri(pathAndQuery)).timeout(timeout).GET();
        signature.headers(site.name(), password, "GET", pathAndQuery, new byte[0]).forEach(request::header);
        return request;
    }

    String seal(String password) {
        return secrets.seal(password);
    }
}
