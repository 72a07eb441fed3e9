package org.ream.central.replication.load;

/** Where a stored payload stands (REPLICATION_BATCHES.STATUS). */
public enum BatchStatus {
    /** Stored in the replication folder, not loaded yet. */
    DOWNLOADED,
    LOADING,
    LOADED,
    FAILED
}
