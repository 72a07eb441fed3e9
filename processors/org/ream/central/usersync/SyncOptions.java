package org.ream.central.usersync;

/**
 * The options common to all sources (manual 8.7.1) plus the safety settings of a source.
 *
 * @param addNewUsers            create users the source has and Ream does not
 * @param deactivateMissing      soft-delete users of this source (or of any source with
 *                               {@code ignoreSyncSource}) that the source no longer has
 * @param lowerCaseUserNames     user names (and aliases) in lower case
 * @param useAuthServer          users log in through the source's authentication server
 * @param pairByPersonalNumber   match local users by personal number instead of user name
 * @param ignoreSyncSource       update users whatever source created them
 * @param addDomain              user names become name@domain
 * @param domain                 the domain for {@code addDomain}
 * @param maxDeactivations       a run deactivating more users than this stops before writing (0: no limit)
 * @param maxDeactivationPercent a run deactivating more than this share of the source's users stops (0: no limit)
 */
public record SyncOptions(boolean addNewUsers, boolean deactivateMissing, boolean lowerCaseUserNames, boolean useAuthServer,
        boolean pairByPersonalNumber, boolean ignoreSyncSource, boolean addDomain, String domain, FieldMode cards, FieldMode pins,
        FieldMode groups, FieldMode delegates, int maxDeactivations, int maxDeactivationPercent) {

    /** The same options with other field modes (a source that does not deliver a field does not synchronise it). */
    public SyncOptions withModes(FieldMode cards, FieldMode pins, FieldMode groups, FieldMode delegates) {
        return new SyncOptions(addNewUsers, deactivateMissing, lowerCaseUserNames, useAuthServer, pairByPersonalNumber, ignoreSyncSource, addDomain,
                domain, cards, pins, groups, delegates, maxDeactivations, maxDeactivationPercent);
    }

    public static SyncOptions defaults() {
        return new SyncOptions(true, false, false, false, false, false, false, null, FieldMode.FULL_SYNC, FieldMode.ADD_NEW, FieldMode.FULL_SYNC,
                FieldMode.FULL_SYNC, 0, 0);
    }
}
