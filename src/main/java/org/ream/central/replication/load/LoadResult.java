package org.ream.central.replication.load;

/**
 * What a load did: {@code inserted} rows added, {@code updated} rows that were there already and
 * were rewritten, {@code skipped} records of types not chosen; for a failure, the reason and the
 * payload line when the payload itself was refused (then nothing was written).
 */
public record LoadResult(long batchId, BatchStatus status, int records, int inserted, int updated, int skipped, Integer failedLine,
        String reason) {

    public boolean loaded() {
        return status == BatchStatus.LOADED;
    }
}
