package org.ream.central.reporting.output;

import java.time.Instant;

/**
 * Up to when a site's data is in the report (issue 5, point 5): the newest moment covered by a
 * payload of that site that has been loaded, or null when nothing of the site is loaded yet.
 * Every output states it per site included, so a stale site is visible in the report itself.
 */
public record SiteFreshness(String site, Instant loadedUpTo) {
}
