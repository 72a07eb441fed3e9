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
    ReplicationBatches batches;

    @Inject
    IncomingPayloads incoming;

    @Inject
    SystemLog log;

    public Result download(long siteId, Set<RecordType> types) {
        SiteDirectory.Endpoint site = sites.endpoint(siteId);
        String password = keyring.passwordOf(sites.keyOf(site.name()).orElseThrow());
        String typeList = RecordType.effective(types).stream().map(RecordType::wireName).sorted().collect(Collectors.joining(","));
        HttpClient client = HttpClient.newBuilder().connectTimeout(config.statusTimeout()).build();
        List<Long> stored = new ArrayList<>();
        for (int round = 0; round < MAX_PAYLOADS_PER_RUN; round++) {
            String cursor = lastCursor(siteId);
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
                    return finished(siteId, site.name(), stored, SiteStatus.READY, null);
                }
                if (code != 200 || Files.size(part) <= 1) {
                    String body = Files.size(part) <= 64 ? Files.readString(part).strip() : "";
                    Files.deleteIfExists(part);
                    SiteStatus status = SiteStatus.of(code, body);
                    return finished(siteId, site.name(), stored, status, "the site answered " + code + (body.isEmpty() ? "" : " \"" + body + "\""));
                }
                Path file = incoming.keep(part, "payload-" + Instant.now().toEpochMilli() + "-" + round + ".ndjson.gz");
                ReplicationBatch batch = batches.recordDownloaded(siteId, file);
                stored.add(batch.id());
                if (batch.status() == org.ream.central.replication.load.BatchStatus.FAILED) {
                    // Its header could not be read: the same cursor would fetch it again for ever.
                    return finished(siteId, site.name(), stored, SiteStatus.ERROR, "a payload was refused: " + batch.reason());
                }
                if (cursor != null && cursor.equals(batch.cursor())) {
                    return finished(siteId, site.name(), stored, SiteStatus.ERROR, "the site sent the same cursor again (" + cursor + ")");
                }
            } catch (IOException e) {
                IncomingPayloads.deleteQuietly(part);
                return finished(siteId, site.name(), stored, SiteStatus.UNREACHABLE, "no answer: " + e.getMessage());
            } catch (InterruptedException e) {
                IncomingPayloads.deleteQuietly(part);
                Thread.currentThread().interrupt();
                return finished(siteId, site.name(), stored, SiteStatus.UNREACHABLE, "interrupted");
            }
        }
        return finished(siteId, site.name(), stored, SiteStatus.READY, null);
    }

    /** The cursor of the newest payload stored for the site (a refused one included: its data is not asked for again). */
    String lastCursor(long siteId) {
        return databases.mainJdbc().one("SELECT CURSOR_VALUE FROM REPLICATION_BATCHES WHERE SITE_ID = ? AND CURSOR_VALUE IS NOT NULL"
                + " ORDER BY DOWNLOADED_AT DESC, ID DESC", rs -> rs.getString(1), siteId).orElse(null);
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
