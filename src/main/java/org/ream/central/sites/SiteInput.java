package org.ream.central.sites;

import java.util.List;

/**
 * A site as the web UI adds or edits it (6.14 site panel). Null fields keep their value on an
 * edit. {@code communicationPassword}: null or the "set" placeholder keeps it, "" removes the
 * site's own password (the system-wide one applies again), anything else replaces it.
 */
public record SiteInput(String name, String address, Integer port, Boolean secure, Boolean enabled, String description, List<Long> syncGroups,
        List<String> clientRanges, List<String> excludedRanges, List<RightEntry> rights, String communicationPassword) {

    /** Rights for the site of one user or one group (6.14.2). */
    public record RightEntry(Long userId, Long groupId, List<String> rights) {
    }
}
