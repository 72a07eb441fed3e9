package org.ream.central.sites;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Start-up configuration of the site connections (the manual's config.ini time-out of 6.14.1). */
@ConfigMapping(prefix = "ream.sites")
public interface SitesConfig {

    /** Longest wait for a site's answer to the status call before it is shown as Unreachable. */
    @WithDefault("10s")
    Duration statusTimeout();

    /**
     * How often every enabled site's status is asked (manual 6.14.1: "the time-out and the
     * period"); 0 turns the periodic check off (the Sites tab's Check status still works).
     */
    @WithDefault("5m")
    Duration statusPeriod();

    /**
     * A PKCS12 or JKS file of certificates (the sites' own, or the CA that signed them) trusted
     * for HTTPS to sites besides the system's CAs. Unset: the system's CAs only.
     */
    java.util.Optional<String> trustStore();

    /** The trust store's password, if it has one. */
    java.util.Optional<String> trustStorePassword();

    /** Longest wait for one payload of a site's download (the data of a day of a big site takes a while). */
    @WithDefault("5m")
    Duration downloadTimeout();
}
