package org.ream.central.sitesim;

import com.sun.net.httpserver.HttpExchange;

/**
 * Decides whether a request from the central server is accepted (docs/site-protocol.md,
 * "Identity and signing"). The protocol's signature check belongs to the sites feature; until it
 * is merged the simulator accepts every request.
 */
@FunctionalInterface
public interface RequestCheck {

    // TODO: check X-Ream-Site/Timestamp/Nonce/Signature with the site key once the signing code is merged.
    RequestCheck ACCEPT_ALL = exchange -> null;

    /** Why the request is refused (answered 401), or null when it is accepted. */
    String refusal(HttpExchange exchange);
}
