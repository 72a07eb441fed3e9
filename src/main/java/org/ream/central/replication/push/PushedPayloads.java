package org.ream.central.replication.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.ream.central.logging.SystemLog;
import org.ream.central.messaging.Broker;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.IncomingPayloads;
import org.ream.central.replication.load.BatchStatus;
import org.ream.central.replication.load.ReplicationBatch;
import org.ream.central.replication.load.ReplicationBatches;
import org.ream.central.sites.SiteDirectory;
import org.ream.central.sites.SiteKeyring;

/**
 * Route replication-receive: a payload a site pushed to {@code replication.payloads}
 * (docs/site-protocol.md, "Push"). An accepted payload is stored durably like a downloaded one,
 * recorded, and its batch id returned for the route to queue its load. A refused message (unknown
 * site, missing or wrong signature, unreadable payload, header and properties disagreeing) or a
 * batch already received returns null: the message is consumed, the reason is in the system log
 * and, for a known site, its download status is Error. Anything else (database, disk) throws, so
 * that the broker redelivers the message later.
 */
@ApplicationScoped
@Named("pushedPayloads")
public class PushedPayloads {

    static final String SUBSYSTEM = "Replication";
    /** The queue sites push to: the log context of a message that names no site. */
    public static final String QUEUE = Broker.PUSH_QUEUE;

    @Inject
    Databases databases;

    @Inject
    SiteDirectory sites;

    @Inject
    SiteKeyring keyring;

    @Inject
    ReplicationBatches batches;

    @Inject
    IncomingPayloads incoming;

    @Inject
    SystemLog log;

    /** Returns the id of the batch to load, or null when there is nothing to load. */
    public Long receive(@Header("site") String site, @Header("batch") String batch, @Header("signature") String signature,
            @Header("JMSRedelivered") Boolean redelivered, @Body byte[] body) {
        if (site == null || site.isBlank()) {
            log.warning(SUBSYSTEM, QUEUE, "A pushed payload was refused: the message has no site property");
            return null;
        }
        Optional<SiteDirectory.SiteKey> known = sites.keyOf(site);
        if (known.isEmpty()) {
            log.warning(SUBSYSTEM, site, "A payload pushed in the name of '" + site + "' was refused: no site of that name is known");
            return null;
        }
        SiteDirectory.SiteKey siteKey = known.get();
        String password = keyring.passwordOf(siteKey);
        if (password == null || password.isEmpty()) {
            return refuse(siteKey, batch, "no communication password is set (system settings)");
        }
        PushedPayloadCheck.Verdict verdict = PushedPayloadCheck.check(site, batch, signature, keyring.signature().key(site, password), body);
        if (!verdict.accepted()) {
            return refuse(siteKey, batch, verdict.refusal());
        }
        Optional<ReplicationBatch> earlier = batches.find(siteKey.id(), batch);
        if (earlier.isPresent() && !mayStoreAgain(earlier.get(), Boolean.TRUE.equals(redelivered))) {
            log.notice(SUBSYSTEM, site, "Payload " + batch + " of site " + site + " was pushed again and ignored: it was received before (status "
                    + earlier.get().status() + ")");
            return null;
        }
        Path file;
        try {
            file = incoming.store(siteKey.id(), fileName(batch), body);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store payload " + batch + " of site " + site + ": " + e, e);
        }
        ReplicationBatch stored = batches.recordDownloaded(siteKey.id(), file);
        if (stored.status() == BatchStatus.FAILED) {
            // Checked whole above: only a file changed on disk since gets here.
            return refuse(siteKey, batch, "the stored payload could not be read back: " + stored.reason());
        }
        Instant now = Instant.now();
        databases.mainJdbc().update("UPDATE SITES SET DOWNLOAD_STATUS = ?, LAST_DOWNLOADED_AT = ?, REPLICATION_STATUS = ? WHERE ID = ?", "OK", now,
                "PENDING", siteKey.id());
        log.info(SUBSYSTEM, site, "Payload " + batch + " pushed by site " + site + " was stored (" + verdict.summary().records()
                + " records) and queued for loading");
        return stored.id();
    }

    /**
     * A batch received before is stored again only when its load failed, or when this message
     * is a redelivery of one whose first delivery recorded it and then failed before its load
     * was queued. Otherwise it is a duplicate: loaded, being loaded, or waiting on the load queue.
     */
    static boolean mayStoreAgain(ReplicationBatch earlier, boolean redelivered) {
        return earlier.status() == BatchStatus.FAILED || redelivered && earlier.status() == BatchStatus.DOWNLOADED;
    }

    /** A file name per batch, readable and safe whatever the batch name (the hash keeps two names that clean up alike apart). */
    static String fileName(String batch) {
        String readable = batch.replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60);
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(batch.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return "push-" + readable + "-" + HexFormat.of().formatHex(hash, 0, 6) + ".ndjson.gz";
    }

    private Long refuse(SiteDirectory.SiteKey site, String batch, String reason) {
        databases.mainJdbc().update("UPDATE SITES SET DOWNLOAD_STATUS = ? WHERE ID = ?", "ERROR", site.id());
        log.warning(SUBSYSTEM, site.name(), "A payload pushed by site " + site.name() + (batch == null || batch.isBlank() ? "" : " (batch " + batch + ")")
                + " was refused: " + reason);
        return null;
    }
}
