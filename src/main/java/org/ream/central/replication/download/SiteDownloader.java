package org.ream.central.replication.download;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.IncomingPayloads;
import org.ream.central.replication.load.ReplicationBatch;
import org.ream.central.replication.load.ReplicationBatches;
import org.ream.central.replication.payload.RecordType;
import org.ream.central.sites.SiteDirectory;
import org.ream.central.sites.SiteKeyring;
import org.ream.central.sites.SiteStatus;
import org.ream.central.sites.SitesConfig;

/**
 * The download phase of replication (manual 6.14.1): asks a site for what it recorded after the
 * cursor of the last payload stored, payload after payload, and writes each one durably into
 * the data folder ({@link IncomingPayloads}) before recording it. Only
 * then is its load queued. A failing site gets its status and download error; others go on.
 */
@ApplicationScoped
public class SiteDownloader {

    static final String EXPORT_PATH = "/ream-site/v1/export";
    /** A site that keeps answering payloads is asked at most this many times a run (then the next run continues). */
    static final int MAX_PAYLOADS_PER_RUN = 1000;

    /** What a download of one site did: the payloads stored (their batch ids, to load) and the problem if it stopped early. */
    public record Result(long siteId, String site, List<Long> stored, SiteStatus status, String problem) {
    }

    @Inject
    Databases databases;

    @Inject
    SiteDirectory sites;

    @Inject
    SiteKeyring keyring;

    @Inject
    SitesConfig config;

    @Inject
    org.ream.central.sites.SiteTls tls;

    @Inject
    ReplicationBatches batches;

    @Inject
    IncomingPayloads incoming;

    @Inject
    SystemLog log;

    public Result download(long siteId, Set<RecordType> types) {
        SiteDirectory.Endpoint site = sites.endpoint(siteId);
        String password = keyring.passwordOf(sites.keyOf(site.name()).orElseThrow());
        HttpClient client = tls.client(config.statusTimeout());
        List<Long> stored = new ArrayList<>();
        Set<RecordType> effective = RecordType.effective(types);
        // Types switched on again (6.9) are first asked from the site's beginning, once.
        Set<RecordType> catchUp = catchUpTypes(siteId);
        catchUp.retainAll(effective);
        if (!catchUp.isEmpty()) {
            Outcome o = follow(site, password, client, catchUp, null, true, Integer.MAX_VALUE, stored);
            if (o.problem() != null) {
                return finished(siteId, site.name(), stored, o.status(), "catching up " + typeList(catchUp) + ": " + o.problem());
            }
            databases.mainJdbc().update("UPDATE SITES SET CATCHUP_TYPES = NULL WHERE ID = ?", siteId);
        } else if (!catchUpTypes(siteId).isEmpty()) {
            databases.mainJdbc().update("UPDATE SITES SET CATCHUP_TYPES = NULL WHERE ID = ?", siteId); // switched off again meanwhile
        }
        Outcome o = follow(site, password, client, effective, lastCursor(siteId), false, MAX_PAYLOADS_PER_RUN, stored);
        return finished(siteId, site.name(), stored, o.status(), o.problem());
    }

    private record Outcome(SiteStatus status, String problem) {
    }

    /**
     * Asks the site for payloads of these types after {@code cursor} (from its beginning when
     * null), one after the other, storing each durably, until it has nothing new (204), fails,
     * or {@code maxRounds} payloads were stored.
     */
    private Outcome follow(SiteDirectory.Endpoint site, String password, HttpClient client, Set<RecordType> types, String cursor,
            boolean catchUp, int maxRounds, List<Long> stored) {
        long siteId = site.id();
        String typeList = typeList(types);
        for (int round = 0; round < maxRounds; round++) {
            String pathAndQuery = EXPORT_PATH + "?types=" + URLEncoder.encode(typeList, StandardCharsets.UTF_8)
                    + (cursor == null ? "" : "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpRequest.Builder request = keyring.signedGet(site, password, pathAndQuery, config.downloadTimeout());
            Path part = null;
            try {
                part = incoming.newPart(siteId, "download-");
                HttpResponse<Path> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofFile(part, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING));
                int code = answer.statusCode();
                if (code == 204) {
                    Files.deleteIfExists(part);
                    return new Outcome(SiteStatus.READY, null);
                }
                if (code != 200 || Files.size(part) <= 1) {
                    String body = Files.size(part) <= 64 ? Files.readString(part).strip() : "";
                    Files.deleteIfExists(part);
                    return new Outcome(SiteStatus.of(code, body), "the site answered " + code + (body.isEmpty() ? "" : " \"" + body + "\""));
                }
                String unsigned = unsigned(part, site.name(), keyring.signature().key(site.name(), password));
                if (unsigned != null) {
                    IncomingPayloads.deleteQuietly(part);
                    return new Outcome(SiteStatus.ERROR, "a payload was refused: " + unsigned);
                }
                Path file = incoming.keep(part, (catchUp ? "catchup-" : "payload-") + Instant.now().toEpochMilli() + "-" + round + ".ndjson.gz");
                ReplicationBatch batch = batches.recordDownloaded(siteId, file, catchUp);
                stored.add(batch.id());
                if (batch.status() == org.ream.central.replication.load.BatchStatus.FAILED) {
                    // Its header could not be read: the same cursor would fetch it again for ever.
                    return new Outcome(SiteStatus.ERROR, "a payload was refused: " + batch.reason());
                }
                if (cursor != null && cursor.equals(batch.cursor())) {
                    return new Outcome(SiteStatus.ERROR, "the site sent the same cursor again (" + cursor + ")");
                }
                cursor = batch.cursor();
            } catch (IOException e) {
                IncomingPayloads.deleteQuietly(part);
                return new Outcome(SiteStatus.UNREACHABLE, "no answer: " + e.getMessage());
            } catch (InterruptedException e) {
                IncomingPayloads.deleteQuietly(part);
                Thread.currentThread().interrupt();
                return new Outcome(SiteStatus.UNREACHABLE, "interrupted");
            }
        }
        return new Outcome(SiteStatus.READY, null);
    }

    /**
     * Why a downloaded payload is not the site's own (its trailer is not signed with the site's
     * key, or it names another site), or null. A payload that cannot even be read is kept: the
     * load refuses it naming the line, as it does any other, and nothing of it is loaded.
     */
    static String unsigned(Path part, String siteName, byte[] key) {
        try (org.ream.central.replication.payload.PayloadReader reader = org.ream.central.replication.payload.PayloadReader.open(part)) {
            while (reader.next() != null) {
                // read to the trailer: its digest covers every record
            }
            if (!reader.header().site().equals(siteName)) {
                return "it is from site \"" + reader.header().site() + "\"";
            }
            if (reader.trailerSignature() == null) {
                return "it is not signed by the site (no signature in its trailer)";
            }
            if (!org.ream.central.replication.payload.SiteKeys.verifyPayload(key, siteName, reader.header().batch(), reader.recordsSha256(),
                    reader.trailerSignature())) {
                return "its signature does not match (another communication password, or changed on its way)";
            }
            return null;
        } catch (org.ream.central.replication.payload.PayloadException e) {
            return null;
        }
    }

    private static String typeList(Set<RecordType> types) {
        return types.stream().map(RecordType::wireName).sorted().collect(Collectors.joining(","));
    }

    /** The types the site still has to send from its beginning (SITES.CATCHUP_TYPES, wire names). */
    Set<RecordType> catchUpTypes(long siteId) {
        String list = databases.mainJdbc().one("SELECT CATCHUP_TYPES FROM SITES WHERE ID = ?", rs -> rs.getString(1), siteId).orElse(null);
        Set<RecordType> out = java.util.EnumSet.noneOf(RecordType.class);
        if (list != null) {
            for (String name : list.split(",")) {
                RecordType.fromWire(name.strip()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The cursor of the newest payload stored for the site (a refused one included: its data is not asked for again). */
    String lastCursor(long siteId) {
        return databases.mainJdbc().one("SELECT CURSOR_VALUE FROM REPLICATION_BATCHES WHERE SITE_ID = ? AND CURSOR_VALUE IS NOT NULL"
                + " AND BATCH_KEY NOT LIKE ? ORDER BY DOWNLOADED_AT DESC, ID DESC", rs -> rs.getString(1), siteId,
                ReplicationBatches.CATCHUP_PREFIX + "%").orElse(null);
    }

    private Result finished(long siteId, String name, List<Long> stored, SiteStatus status, String problem) {
        Instant now = Instant.now();
        if (problem == null) {
            databases.mainJdbc().update("UPDATE SITES SET STATUS = ?, STATUS_AT = ?, DOWNLOAD_STATUS = ?, LAST_DOWNLOADED_AT = ? WHERE ID = ?",
                    status.name(), now, "OK", now, siteId);
        } else {
            databases.mainJdbc().update("UPDATE SITES SET STATUS = ?, STATUS_AT = ?, DOWNLOAD_STATUS = ? WHERE ID = ?", status.name(), now, "ERROR", siteId);
            log.warning("Replication", name, "Download from " + name + " stopped: " + problem + (stored.isEmpty() ? "" : " (" + stored.size()
                    + " payload(s) stored before)"));
        }
        return new Result(siteId, name, List.copyOf(stored), status, problem);
    }
}
