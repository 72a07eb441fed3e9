package org.ream.central.usersync.plan;

/** The single-valued columns of USERS a run writes for an added or changed user. */
public record UserRow(String username, String fullName, String email, String phone, String personalNumber, String language,
        String userStorage, boolean useAuthServer, Long authServerId, Long syncSourceId, String externalId) {
}
