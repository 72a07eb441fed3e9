package org.ream.central.replication.load;

import java.nio.file.Path;
import java.time.Instant;

/** One row of REPLICATION_BATCHES: a stored payload and how its last load went. */
public record ReplicationBatch(long id, long siteId, String batchKey, String cursor, Path file, long fileSize, BatchStatus status,
        Instant payloadCreatedAt, Integer recordCount, int processed, int inserted, int updated, int skipped, Integer failedLine,
        String reason, Instant downloadedAt, Instant loadStartedAt, Instant loadedAt) {
}
