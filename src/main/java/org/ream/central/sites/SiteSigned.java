package org.ream.central.sites;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resources of the site protocol: reachable only with a valid site signature
 * (checked by {@link SiteRequestFilter}), never with a web session.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SiteSigned {

    /** Request property set once the signature was verified; the session filter refuses the call without it. */
    String VERIFIED = "ream.site.verified";
}
