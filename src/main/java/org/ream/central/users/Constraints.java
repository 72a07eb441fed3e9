package org.ream.central.users;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.ream.central.persistence.DataAccessException;
import org.ream.central.settings.ValidationException;

/**
 * Two saves racing past the uniqueness checks end in a unique-constraint violation: that is bad
 * input (the name was taken meanwhile), not a database outage, so it is answered as such.
 */
final class Constraints {

    private static final Map<String, String[]> FIELDS = Map.of(
            "UQ_USERS_USERNAME", new String[] {"username", "this user name was just taken by another user"},
            "UQ_USER_ALIASES_ALIAS", new String[] {"aliases", "one of these aliases was just taken by another user"},
            "UQ_USER_CARDS_CARD", new String[] {"cards", "one of these cards was just given to another user"},
            "IX_GROUPS_PARENT_NAME", new String[] {"name", "a group with this name was just created at this place of the tree"},
            "PK_GROUP_MEMBERS", new String[] {"userId", "the user was just added to this group"});

    private Constraints() {
    }

    static <T> T translated(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            String text = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
            for (Map.Entry<String, String[]> f : FIELDS.entrySet()) {
                if (text.contains(f.getKey())) {
                    throw new ValidationException(f.getValue()[0], f.getValue()[1]);
                }
            }
            throw e;
        }
    }
}
