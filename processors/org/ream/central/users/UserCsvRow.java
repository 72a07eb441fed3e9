package org.ream.central.users;

import java.util.List;

/**
 * One user in the 15-column CSV syntax of the manual (8.7.4). Multi-valued fields are lists;
 * {@code login} is the user name, {@code aliases} the other names of the USERNAME_ALIASES column,
 * groups and managed groups are paths whose levels are separated by "|".
 */
public record UserCsvRow(String fullName, String login, List<String> aliases, String email, List<String> cards, List<String> groups,
        String code, String scanStorage, List<String> pins, List<String> managedGroups, String authServer, String phone, String lang,
        String pwd, String extId, List<String> delegates) {

    public UserCsvRow {
        aliases = List.copyOf(aliases);
        cards = List.copyOf(cards);
        groups = List.copyOf(groups);
        pins = List.copyOf(pins);
        managedGroups = List.copyOf(managedGroups);
        delegates = List.copyOf(delegates);
    }
}
