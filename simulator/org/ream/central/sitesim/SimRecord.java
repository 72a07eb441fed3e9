package org.ream.central.sitesim;

import java.util.Map;

/**
 * One payload record as a site records it: its type (docs/site-protocol.md), its id on the site
 * (stable for ever) and its other fields in the order they are written.
 */
public record SimRecord(String type, String id, Map<String, Object> fields) {
}
