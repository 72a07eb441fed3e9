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

    /**
     * Manual 6.9: printer groups, printer events or price lists switched on again are replicated
     * with what was skipped while they were off, so every site is asked for them from its
     * beginning at its next download. Jobs, projects and toner replacements switched on again
     * bring only new data: nothing to do.
     */
    void onSettingsChanged(@jakarta.enterprise.event.Observes SettingsStore.Changed changed) {
        Set<RecordType> again = EnumSet.noneOf(RecordType.class);
        if (changed.keys().contains("replication.printerGroups") && settings.getBool("replication.printerGroups")) {
            again.add(RecordType.PRINTER_GROUP);
        }
        if (changed.keys().contains("replication.printerEvents") && settings.getBool("replication.printerEvents")) {
            again.add(RecordType.PRINTER_EVENT);
        }
        if (changed.keys().contains("replication.priceLists") && settings.getBool("replication.priceLists")) {
            again.add(RecordType.PRICE_LIST);
        }
        if (again.isEmpty()) {
            return;
        }
        databases.mainJdbc().query("SELECT ID, CATCHUP_TYPES FROM SITES", rs -> {
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            if (rs.getString(2) != null) {
                for (String n : rs.getString(2).split(",")) {
                    if (!n.isBlank()) {
                        names.add(n.strip());
                    }
                }
            }
            again.forEach(t -> names.add(t.wireName()));
            return new Object[] {String.join(",", names), rs.getLong(1)};
        }).forEach(row -> databases.mainJdbc().update("UPDATE SITES SET CATCHUP_TYPES = ? WHERE ID = ?", row));
        log.info("Replication", null, "Data types switched on again (" + again.stream().map(RecordType::wireName).sorted()
                .collect(java.util.stream.Collectors.joining(", ")) + "): every site will send them from its beginning at its next replication.");
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

    /**
     * Queues the stored payloads of the given sites (all when empty) for loading again, oldest
     * first: after a database restore, to retry failed ones, or to bring in types switched on again. Loading is
     * idempotent, so records unchanged since the last load are not written. Returns the count queued.
     */
    public int reload(List<Long> siteIds) {
        return reload(siteIds, false);
    }

    /**
     * As {@link #reload(List)}; {@code recordByRecord} also looks up every record of a payload
     * loaded completely before with the same types (otherwise such a payload is known loaded and
     * writes nothing without a lookup), so that rows deleted since are written again.
     */
    public int reload(List<Long> siteIds, boolean recordByRecord) {
        String where = "STATUS IN ('LOADED', 'FAILED')";
        List<long[]> rows = new ArrayList<>();
        if (siteIds == null || siteIds.isEmpty()) {
            rows.addAll(databases.mainJdbc().query("SELECT ID, SITE_ID FROM REPLICATION_BATCHES WHERE " + where + " ORDER BY DOWNLOADED_AT, ID",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}));
        } else {
            for (long site : siteIds) {
                rows.addAll(databases.mainJdbc().query("SELECT ID, SITE_ID FROM REPLICATION_BATCHES WHERE SITE_ID = ? AND " + where
                        + " ORDER BY DOWNLOADED_AT, ID", rs -> new long[] {rs.getLong(1), rs.getLong(2)}, site));
            }
        }
        java.util.Set<Long> sites = new java.util.HashSet<>();
        for (long[] row : rows) {
            if (recordByRecord) {
                databases.mainJdbc().update("UPDATE REPLICATION_BATCHES SET STATUS = ?, LOADED_DIGEST = NULL WHERE ID = ?", "DOWNLOADED", row[0]);
            } else {
                databases.mainJdbc().update("UPDATE REPLICATION_BATCHES SET STATUS = ? WHERE ID = ?", "DOWNLOADED", row[0]);
            }
            if (sites.add(row[1])) {
                databases.mainJdbc().update("UPDATE SITES SET REPLICATION_STATUS = ? WHERE ID = ?", "PENDING", row[1]);
            }
        }
        for (long[] row : rows) {
            producer.sendBody(ENQUEUE_LOAD, Long.toString(row[0]));
        }
        return rows.size();
    }

    /**
     * The load phase's progress over the stored payloads (those whose load started at or after
     * {@code since} when given): payloads per status, their records, and the time spent loading
     * (the sum of each payload's load, which run one after the other).
     */
    public java.util.Map<String, Object> progress(Instant since) {
        java.util.Map<String, Long> byStatus = new java.util.TreeMap<>();
        for (org.ream.central.replication.load.BatchStatus s : org.ream.central.replication.load.BatchStatus.values()) {
            byStatus.put(s.name(), 0L);
        }
        long[] sums = new long[6]; // records, processed, inserted, updated, skipped, load ms
        Instant[] span = new Instant[2];
        String filter = since == null ? "" : " WHERE LOAD_STARTED_AT >= ?";
        Object[] params = since == null ? new Object[0] : new Object[] {since};
        databases.mainJdbc().query("SELECT STATUS, RECORD_COUNT, PROCESSED_COUNT, INSERTED_COUNT, UPDATED_COUNT, SKIPPED_COUNT, LOAD_STARTED_AT,"
                + " LOADED_AT FROM REPLICATION_BATCHES" + filter, rs -> {
                    byStatus.merge(rs.getString(1).trim(), 1L, Long::sum);
                    sums[0] += rs.getLong(2);
                    for (int i = 3; i <= 6; i++) {
                        sums[i - 2] += rs.getLong(i);
                    }
                    Instant started = org.ream.central.persistence.Jdbc.instant(rs, "LOAD_STARTED_AT");
                    Instant loaded = org.ream.central.persistence.Jdbc.instant(rs, "LOADED_AT");
                    if (started != null && loaded != null && !loaded.isBefore(started)) {
                        sums[5] += java.time.Duration.between(started, loaded).toMillis();
                        span[0] = span[0] == null || started.isBefore(span[0]) ? started : span[0];
                        span[1] = span[1] == null || loaded.isAfter(span[1]) ? loaded : span[1];
                    }
                    return null;
                }, params);
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("payloads", byStatus);
        out.put("waiting", byStatus.get("DOWNLOADED") + byStatus.get("LOADING"));
        out.put("records", sums[0]);
        out.put("processed", sums[1]);
        out.put("inserted", sums[2]);
        out.put("updated", sums[3]);
        out.put("skipped", sums[4]);
        out.put("loadMillis", sums[5]);
        out.put("firstLoadStartedAt", span[0] == null ? null : span[0].toString());
        out.put("lastLoadedAt", span[1] == null ? null : span[1].toString());
        return out;
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
        // The site's replication status in one transaction (each is a forced write on Firebird).
        Object[] after = databases.mainJdbc().inTransaction(c -> {
            List<Long> site = org.ream.central.persistence.Jdbc.query(c, "SELECT SITE_ID FROM REPLICATION_BATCHES WHERE ID = ?", rs -> rs.getLong(1),
                    batchId);
            if (site.isEmpty()) {
                return null;
            }
            long siteId = site.get(0);
            if (r.loaded()) {
                long waiting = org.ream.central.persistence.Jdbc.query(c, "SELECT COUNT(*) FROM REPLICATION_BATCHES WHERE SITE_ID = ?"
                        + " AND STATUS IN ('DOWNLOADED', 'LOADING')", rs -> rs.getLong(1), siteId).get(0);
                org.ream.central.persistence.Jdbc.update(c, "UPDATE SITES SET LAST_REPLICATED_AT = ?, REPLICATION_STATUS = ? WHERE ID = ?",
                        Instant.now(), waiting > 0 ? "PENDING" : "OK", siteId);
            } else {
                org.ream.central.persistence.Jdbc.update(c, "UPDATE SITES SET REPLICATION_STATUS = ? WHERE ID = ?", "ERROR", siteId);
            }
            long waitingAll = org.ream.central.persistence.Jdbc.query(c, "SELECT COUNT(*) FROM REPLICATION_BATCHES WHERE STATUS IN ('DOWNLOADED', 'LOADING')",
                    rs -> rs.getLong(1)).get(0);
            return new Object[] {siteId, waitingAll};
        });
        if (after == null) {
            return;
        }
        if (!r.loaded()) {
            log.error("Replication", "batch " + batchId, "A payload of site " + after[0] + " was not loaded: " + r.reason(), null);
        } else if ((Long) after[1] == 0) {
            try {
                loader.linkNewUsers();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Linking replicated rows to central users failed; the next load tries again");
            }
        }
    }
}
