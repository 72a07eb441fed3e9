package org.ream.central.usersync.source;

/**
 * How a read of a directory ended. Only a complete full read ({@link #mayDeactivateMissing()})
 * shows every user of the source: a delta shows the changes only, and an incomplete read (a size
 * limit, a server error in the middle) misses users that must not be taken for gone.
 *
 * @param complete  every page of every base DN (or Graph collection) was read to its end
 * @param delta     only what changed since {@code watermark} of the previous run was read
 * @param entries   entries given to the consumer (removals included)
 * @param removed   Graph delta: entries given with {@link DirectoryEntry#removed()}
 * @param watermark what the next run passes to read only the changes (LDAP high-water mark,
 *                  Graph deltaLink), to store in SYNC_SOURCES.DELTA_TOKEN; null when the read
 *                  was incomplete (keep the old one) or the source offers no delta
 * @param problem   why the read is incomplete, or a remark (a delta turned into a full read); null if none
 */
public record ReadResult(boolean complete, boolean delta, long entries, long removed, String watermark, String problem) {

    public boolean mayDeactivateMissing() {
        return complete && !delta;
    }
}
