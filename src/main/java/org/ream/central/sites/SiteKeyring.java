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

    String seal(String password) {
        return secrets.seal(password);
    }
}
