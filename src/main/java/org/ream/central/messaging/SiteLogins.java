package org.ream.central.messaging;

/**
 * Checks a login on the embedded broker's site acceptor: user = the site's name, password = its
 * broker token (docs/site-protocol.md, "Push"). Implemented by the sites feature; the broker
 * asks it only for connections from the network.
 */
public interface SiteLogins {

    /** Whether {@code token} is the broker token of site {@code siteName}; a refusal is logged by the implementation. */
    boolean accepts(String siteName, String token, String remoteAddress);
}
