package org.ream.central.replication.load;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.replication.payload.PayloadException;
import org.ream.central.replication.payload.PayloadHeader;
import org.ream.central.replication.payload.PayloadReader;

/** REPLICATION_BATCHES: the record of each stored payload, by site and the batch named in its header. */
@ApplicationScoped
public class ReplicationBatches {

    static final String COLUMNS = "ID, SITE_ID, BATCH_KEY, CURSOR_VALUE, FILE_PATH, FILE_SIZE, STATUS, PAYLOAD_CREATED_AT, RECORD_COUNT,"
            + " PROCESSED_COUNT, INSERTED_COUNT, UPDATED_COUNT, SKIPPED_COUNT, FAILED_LINE, REASON, DOWNLOADED_AT, LOAD_STARTED_AT, LOADED_AT";
    static final int MAX_REASON = 2000;

    private final Databases databases;

    @Inject
    public ReplicationBatches(Databases databases) {
        this.databases = databases;
    }

    /**
     * Records a payload stored durably for a site (the download phase's last step), keyed by the
     * batch its header names; storing the same batch again reuses its row, back to DOWNLOADED. A
     * file whose header cannot be read is recorded FAILED under its file name, with the reason.
     */
    public ReplicationBatch recordDownloaded(long siteId, Path file) {
        return recordDownloaded(siteId, file, false);
    }

    /** Batch keys of payloads asked again from a site's beginning (6.9, catch-up) start with this. */
    public static final String CATCHUP_PREFIX = "catchup:";

    /**
     * The key of a catch-up payload: apart from the site's regular payload of the same batch,
     * which holds other types. Within the column's 100 characters; a longer batch name is cut
     * and told apart by its hash.
     */
    public static String catchUpKey(String batch) {
        String key = CATCHUP_PREFIX + batch;
        if (key.length() <= PayloadReader.MAX_BATCH_LENGTH) {
            return key;
        }
        String hash;
        try {
            hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(batch.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 24);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return key.substring(0, PayloadReader.MAX_BATCH_LENGTH - 25) + "~" + hash;
    }

    /** As {@link #recordDownloaded(long, Path)}; {@code catchUp} for a payload asked again from the site's beginning. */
    public ReplicationBatch recordDownloaded(long siteId, Path file, boolean catchUp) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        String key;
        String cursor = null;
        Instant created = null;
        BatchStatus status = BatchStatus.DOWNLOADED;
        Integer failedLine = null;
        String reason = null;
        try {
            PayloadHeader header = PayloadReader.readHeader(file);
            key = catchUp ? catchUpKey(header.batch()) : header.batch();
            cursor = header.cursor();
            created = header.created();
        } catch (PayloadException e) {
            String name = file.getFileName().toString();
            key = name.length() > PayloadReader.MAX_BATCH_LENGTH ? name.substring(0, PayloadReader.MAX_BATCH_LENGTH) : name;
            status = BatchStatus.FAILED;
            failedLine = e.line();
            reason = cut(e.getMessage());
        }
        Instant now = Instant.now();
        Jdbc jdbc = databases.mainJdbc();
        String path = file.toAbsolutePath().toString();
        String finalKey = key;
        Long existing = jdbc.one("SELECT ID FROM REPLICATION_BATCHES WHERE SITE_ID = ? AND BATCH_KEY = ?", rs -> rs.getLong(1), siteId, finalKey)
                .orElse(null);
        long id;
        if (existing != null) {
            id = existing;
            jdbc.update("UPDATE REPLICATION_BATCHES SET CURSOR_VALUE = ?, FILE_PATH = ?, FILE_SIZE = ?, STATUS = ?, PAYLOAD_CREATED_AT = ?,"
                    + " RECORD_COUNT = NULL, PROCESSED_COUNT = 0, INSERTED_COUNT = 0, UPDATED_COUNT = 0, SKIPPED_COUNT = 0, FAILED_LINE = ?,"
                    + " REASON = ?, DOWNLOADED_AT = ?, LOAD_STARTED_AT = NULL, LOADED_AT = NULL WHERE ID = ?",
                    cursor, path, size, status, created, failedLine, reason, now, id);
        } else {
            id = databases.newId();
            jdbc.update("INSERT INTO REPLICATION_BATCHES (ID, SITE_ID, BATCH_KEY, CURSOR_VALUE, FILE_PATH, FILE_SIZE, STATUS, PAYLOAD_CREATED_AT,"
                    + " FAILED_LINE, REASON, DOWNLOADED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, siteId, key, cursor, path, size, status, created, failedLine, reason, now);
        }
        return find(id).orElseThrow();
    }

    public Optional<ReplicationBatch> find(long id) {
        return databases.mainJdbc().one("SELECT " + COLUMNS + " FROM REPLICATION_BATCHES WHERE ID = ?", ReplicationBatches::map, id);
    }

    /** The batch a site's payload header named, if one was stored. */
    public Optional<ReplicationBatch> find(long siteId, String batchKey) {
        return databases.mainJdbc().one("SELECT " + COLUMNS + " FROM REPLICATION_BATCHES WHERE SITE_ID = ? AND BATCH_KEY = ?", ReplicationBatches::map,
                siteId, batchKey);
    }

    /** A site's batches, oldest stored first: the order they are to be loaded in. */
    public List<ReplicationBatch> forSite(long siteId) {
        return databases.mainJdbc().query("SELECT " + COLUMNS + " FROM REPLICATION_BATCHES WHERE SITE_ID = ? ORDER BY DOWNLOADED_AT, ID",
                ReplicationBatches::map, siteId);
    }

    /** Batches stored and not loaded yet (DOWNLOADED), or left LOADING by a stop, oldest first. */
    public List<ReplicationBatch> pending(long siteId) {
        return databases.mainJdbc().query("SELECT " + COLUMNS + " FROM REPLICATION_BATCHES WHERE SITE_ID = ? AND STATUS IN ('DOWNLOADED', 'LOADING')"
                + " ORDER BY DOWNLOADED_AT, ID", ReplicationBatches::map, siteId);
    }

    static String cut(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    static ReplicationBatch map(ResultSet rs) throws SQLException {
        return new ReplicationBatch(rs.getLong("ID"), rs.getLong("SITE_ID"), rs.getString("BATCH_KEY"), rs.getString("CURSOR_VALUE"),
                Path.of(rs.getString("FILE_PATH")), rs.getLong("FILE_SIZE"), BatchStatus.valueOf(rs.getString("STATUS")),
                Jdbc.instant(rs, "PAYLOAD_CREATED_AT"), rs.getObject("RECORD_COUNT") == null ? null : rs.getInt("RECORD_COUNT"),
                rs.getInt("PROCESSED_COUNT"), rs.getInt("INSERTED_COUNT"), rs.getInt("UPDATED_COUNT"), rs.getInt("SKIPPED_COUNT"),
                rs.getObject("FAILED_LINE") == null ? null : rs.getInt("FAILED_LINE"), rs.getString("REASON"), Jdbc.instant(rs, "DOWNLOADED_AT"),
                Jdbc.instant(rs, "LOAD_STARTED_AT"), Jdbc.instant(rs, "LOADED_AT"));
    }
}
