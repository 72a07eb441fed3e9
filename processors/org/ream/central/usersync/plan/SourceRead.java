package org.ream.central.usersync.plan;

/** How completely the source was read; only a complete full read may deactivate users. */
public enum SourceRead {
    /** Every user of the source was read. */
    FULL,
    /** Only the users changed since the last run (delta token): never deactivates. */
    DELTA,
    /** The read stopped at a size or time limit: the missing users are unknown, never deactivates. */
    TRUNCATED,
    /** The read failed part way: what was read is applied, nobody is deactivated. */
    FAILED
}
