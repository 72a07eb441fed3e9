package org.ream.central.replication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.download.SiteDownloader;
import org.ream.central.replication.load.LoadResult;
import org.ream.central.replication.load.PayloadLoader;
import org.ream.central.replication.payload.RecordType;
import org.ream.central.settings.SettingsStore;

/**
 * Replication runs (6.14.1): the download phase for the chosen sites (a few at a time), each
 * stored payload queued on replication.loads; the load phase (route replication-load) brings
 * them into the database one after the other and sets each site's replication status.
 */
@ApplicationScoped
@Named("replicationRuns")
public class ReplicationRuns {

    public static final String ENQUEUE_LOAD = "direct:replication-enqueue-load";
    static final int PARALLEL_DOWNLOADS = 8;
    private static final Logger LOG = Logger.getLogger(ReplicationRuns.class);

    /** What a download run did, for the scheduler's result and the Sites page. */
    public record DownloadSummary(int sites, int payloads, List<String> problems) {
    }

    @Inject
    SiteDownloader downloader;

    @Inject
    PayloadLoader loader;

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    SystemLog log;

    @Inject
    ProducerTemplate producer;

    /** The data types to replicate (6.9): sessions and printers always, the others as chosen. */
    public Set<RecordType> chosenTypes() {
        Set<RecordType> t = EnumSet.of(RecordType.SESSION, RecordType.PRINTER);
        if (settings.getBool("replication.printerGroups")) {
            t.add(RecordType.PRINTER_GROUP);
        }
        if (settings.getBool("replication.printerEvents")) {
            t.add(RecordType.PRINTER_EVENT);
        }
        if (settings.getBool("replication.priceLists")) {
            t.add(RecordType.PRICE_LIST);
        }
        if (settings.getBool("replication.projects")) {
            t.add(RecordType.PROJECT);
        }
        if (settings.getBool("replication.jobs")) {
            t.add(RecordType.JOB);
            t.add(RecordType.PRINTER_JOB);
        }
        if (settings.getBool("replication.tonerReplacement")) {
            t.add(RecordType.TONER_REPLACEMENT);
        }
        return t;
    }

    /** Downloads from the given sites (all enabled ones when empty) and queues every stored payload's load. */
    public DownloadSummary downloadAll(List<Long> siteIds) {
        List<Long> ids = siteIds == null || siteIds.isEmpty()
                ? databases.mainJdbc().query("SELECT ID FROM SITES WHERE ENABLED = ? ORDER BY NAME", rs -> rs.getLong(1), true)
                : siteIds;
        Set<RecordType> types = chosenTypes();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_DOWNLOADS, ids.size())));
        List<String> problems = new ArrayList<>();
        int payloads = 0;
        try {
            List<Future<SiteDownloader.Result>> results = new ArrayList<>();
            for (long id : ids) {
                results.add(pool.submit(() -> downloader.download(id, types)));
            }
            for (Future<SiteDownloader.Result> f : results) {
                SiteDownloader.Result r;
                try {
                    r = f.get();
                } catch (Exception e) {
                    problems.add(String.valueOf(e.getMessage()));
                    continue;
                }
                for (long batch : r.stored()) {
                    producer.sendBody(ENQUEUE_LOAD, Long.toString(batch));
                }
                payloads += r.stored().size();
                if (!r.stored().isEmpty()) {
                    databases.mainJdbc().update("UPDATE SITES SET REPLICATION_STATUS = ? WHERE ID = ?", "PENDING", r.siteId());
                }
                if (r.problem() != null) {
                    problems.add(r.site() + ": " + r.problem());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new DownloadSummary(ids.size(), payloads, problems);
    }

    /** Route replication-load: loads one stored payload; the site's replication status follows. */
    public void load(String body) {
        long batchId;
        try {
            batchId = Long.parseLong(body == null ? "" : body.strip());
        } catch (NumberFormatException e) {
            LOG.warnf("Ignoring a message on replication.loads that is not a batch id: %s", body);
            return;
        }
        LoadResult r = loader.load(batchId, chosenTypes());
        Long siteId = databases.mainJdbc().one("SELECT SITE_ID FROM REPLICATION_BATCHES WHERE ID = ?", rs -> rs.getLong(1), batchId).orElse(null);
        if (siteId == null) {
            return;
        }
        long waiting = databases.mainJdbc().count("SELECT COUNT(*) FROM REPLICATION_BATCHES WHERE SITE_ID = ? AND STATUS IN ('DOWNLOADED', 'LOADING')", siteId);
        if (r.loaded()) {
            databases.mainJdbc().update("UPDATE SITES SET LAST_REPLICATED_AT = ?, REPLICATION_STATUS = ? WHERE ID = ?", Instant.now(),
                    waiting > 0 ? "PENDING" : "OK", siteId);
        } else {
            databases.mainJdbc().update("UPDATE SITES SET REPLICATION_STATUS = ? WHERE ID = ?", "ERROR", siteId);
            log.error("Replication", "batch " + batchId, "A payload of site " + siteId + " was not loaded: " + r.reason(), null);
        }
    }
}
