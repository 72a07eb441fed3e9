package org.ream.central.users;

import java.util.List;

/**
 * The user panel (8.4.1) as the web UI sends it. On update every field is replaced by the one
 * sent (aliases and cards included), except that a field left out (null) keeps its value.
 * The synchronisation source is read-only and never taken from input.
 */
public record UserInput(String username, String fullName, List<String> aliases, List<String> cards, String email, String phone,
        String personalNumber, String language, String userStorage, String notes, Boolean useAuthServer, Long authServerId) {
}
