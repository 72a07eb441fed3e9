package org.ream.central.usersync;

/**
 * How a multi-valued field (cards, PINs, groups, delegates) of the source updates the local
 * user (manual 8.7.4).
 */
public enum FieldMode {
    /** The field is not synchronised: local values stay as they are. */
    DO_NOT_SYNC,
    /** The local values become exactly the source's (an empty source field clears them). */
    FULL_SYNC,
    /** As FULL_SYNC when the source field has values; an empty source field changes nothing. */
    SYNC_IF_NOT_EMPTY,
    /** Values of the source missing locally are added; nothing is removed. */
    ADD_NEW
}
