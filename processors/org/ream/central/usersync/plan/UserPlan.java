package org.ream.central.usersync.plan;

import java.util.List;

/**
 * What the run does to one user, and the result line it reports.
 *
 * @param username         the user name after the run (the local name for DEACTIVATE, the source's for FAILED)
 * @param localId          the matched local user, null for ADD, SKIPPED and unmatched FAILED
 * @param previousUsername the local name before a rename, else null
 * @param changedFields    the fields an ADD, UPDATE, RENAME or UNDELETE writes, in a stable order
 * @param reason           why a user FAILED, was SKIPPED or is DEACTIVATED; null otherwise
 * @param row              the USERS columns to write; null for DEACTIVATE, UNCHANGED, SKIPPED and FAILED
 * @param warnings         values left out without failing the user (an unknown delegate, say)
 */
public record UserPlan(UserAction action, String username, Long localId, String previousUsername, List<String> changedFields, String reason,
        UserRow row, UserEdits edits, List<String> warnings) {

    public UserPlan {
        changedFields = List.copyOf(changedFields);
        warnings = List.copyOf(warnings);
        edits = edits == null ? UserEdits.NONE : edits;
    }

    /** Whether applying this user writes anything. */
    public boolean writes() {
        return switch (action) {
            case ADD, UPDATE, RENAME, UNDELETE, DEACTIVATE -> true;
            default -> false;
        };
    }

    /** The same user failed with another reason (a chunk that could not be written). */
    public UserPlan failed(String why) {
        return new UserPlan(UserAction.FAILED, username, localId, previousUsername, List.of(), why, null, UserEdits.NONE, warnings);
    }

    /** The result line shown to the administrator and written to the result file. */
    public String line() {
        StringBuilder sb = new StringBuilder(action.name()).append(' ').append(username);
        if (previousUsername != null) {
            sb.append(" (was ").append(previousUsername).append(')');
        }
        if (!changedFields.isEmpty() && action != UserAction.ADD) {
            sb.append(": ").append(String.join(", ", changedFields));
        }
        if (reason != null) {
            sb.append(": ").append(reason);
        }
        for (String w : warnings) {
            sb.append(" [").append(w).append(']');
        }
        return sb.toString();
    }
}
