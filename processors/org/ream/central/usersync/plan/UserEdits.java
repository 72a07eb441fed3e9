package org.ream.central.usersync.plan;

import java.util.List;
import org.ream.central.usersync.GroupPath;

/**
 * The rows of a user's child tables a run adds or removes: only what differs from the snapshot.
 * Delegates are user names, resolved to ids when applied (a delegate may be added in the same run).
 */
public record UserEdits(List<String> aliasesAdded, List<String> aliasesRemoved, List<String> cardsAdded, List<String> cardsRemoved,
        List<PinAdd> pinsAdded, List<Long> pinsRemoved, List<LocalMembership> membershipsAdded, List<GroupPath> membershipsRemoved,
        List<LocalMembership> membershipsChanged, List<String> delegatesAdded, List<String> delegatesRemoved) {

    public static final UserEdits NONE = new UserEdits(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of());

    public UserEdits {
        aliasesAdded = List.copyOf(aliasesAdded);
        aliasesRemoved = List.copyOf(aliasesRemoved);
        cardsAdded = List.copyOf(cardsAdded);
        cardsRemoved = List.copyOf(cardsRemoved);
        pinsAdded = List.copyOf(pinsAdded);
        pinsRemoved = List.copyOf(pinsRemoved);
        membershipsAdded = List.copyOf(membershipsAdded);
        membershipsRemoved = List.copyOf(membershipsRemoved);
        membershipsChanged = List.copyOf(membershipsChanged);
        delegatesAdded = List.copyOf(delegatesAdded);
        delegatesRemoved = List.copyOf(delegatesRemoved);
    }

    public boolean membershipsTouched() {
        return !membershipsAdded.isEmpty() || !membershipsRemoved.isEmpty() || !membershipsChanged.isEmpty();
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
