package org.ream.central.replication.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.payload.PayloadReader;
import org.ream.central.replication.payload.RecordType;
import org.ream.central.sitesim.ActivityGenerator;
import org.ream.central.sitesim.NdjsonPayloadOut;
import org.ream.central.sitesim.RecordTypes;
import org.ream.central.sitesim.SiteSpec;

/** The simulator and the central server agree on the payload contract: what a simulated site serves loads whole, and twice changes nothing. */
@QuarkusTest
class SimulatorPayloadLoadTest {

    @Inject
    Databases databases;

    @Inject
    ReplicationBatches batches;

    @Inject
    PayloadLoader loader;

    /** One simulated site-day: its site row and its payload file. */
    record Day(long siteId, Path file, int records) {
    }

    Day simulatedDay() throws Exception {
        SiteSpec spec = SiteSpec.of((int) (System.nanoTime() % 100_000), 7, 5, 20, 1);
        long siteId = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                siteId, spec.name(), "127.0.0.1", 8093, false, true, "READY", Instant.now());
        Path file = Files.createTempFile("sim-", ".ndjson.gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            new ActivityGenerator(spec).writeBatch(1, RecordTypes.ALL, new NdjsonPayloadOut(out));
        }
        int records = PayloadReader.verify(file).records();
        return new Day(siteId, file, records);
    }

    @Test
    void aSimulatedSitesDayLoadsEveryRecordAndReloadsWithoutChange() throws Exception {
        Day day = simulatedDay();
        long siteId = day.siteId();
        Path file = day.file();
        int records = day.records();
        assertThat(records).isPositive();

        long batch = batches.recordDownloaded(siteId, file).id();
        LoadResult first = loader.load(batch, EnumSet.allOf(RecordType.class));
        assertThat(first.loaded()).as(String.valueOf(first.reason())).isTrue();
        assertThat(first.records()).isEqualTo(records);
        assertThat(first.inserted()).isPositive();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", siteId)).isPositive();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM PRINTERS WHERE SITE_ID = ?", siteId)).isEqualTo(5);

        LoadResult again = loader.load(batch, EnumSet.allOf(RecordType.class));
        assertThat(again.loaded()).isTrue();
        assertThat(again.inserted()).isZero();
        assertThat(again.updated()).isZero();

        // Rows deleted since: a payload known loaded is not looked at again, unless record by record.
        long sessions = databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", siteId);
        int deleted = databases.mainJdbc().update("DELETE FROM USER_SESSIONS WHERE SITE_ID = ? AND SITE_RECORD_ID IN"
                + " (SELECT FIRST 3 SITE_RECORD_ID FROM USER_SESSIONS WHERE SITE_ID = ? ORDER BY SITE_RECORD_ID)", siteId, siteId);
        assertThat(deleted).isEqualTo(3);
        assertThat(loader.load(batch, EnumSet.allOf(RecordType.class)).inserted()).isZero();
        databases.mainJdbc().update("UPDATE REPLICATION_BATCHES SET LOADED_DIGEST = NULL WHERE ID = ?", batch); // what reload(recordByRecord) does
        LoadResult repaired = loader.load(batch, EnumSet.allOf(RecordType.class));
        assertThat(repaired.inserted()).isEqualTo(3);
        assertThat(repaired.updated()).isZero();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", siteId)).isEqualTo(sessions);
        // A choice of types other than the last load's is loaded record by record.
        LoadResult fewer = loader.load(batch, EnumSet.of(RecordType.SESSION, RecordType.PRINTER));
        assertThat(fewer.inserted() + fewer.updated()).isZero();
        assertThat(fewer.skipped()).isPositive();
    }

    /** A payload too large to keep in memory is read twice (checked, then written): same rows, same counts. */
    @Test
    void aPayloadTooLargeToKeepLoadsTheSameInTwoPasses() throws Exception {
        Day day = simulatedDay();
        long siteId = day.siteId();
        Path file = day.file();
        int records = day.records();
        long batch = batches.recordDownloaded(siteId, file).id();
        int kept = loader.keepRows;
        loader.keepRows = 10;
        try {
            LoadResult first = loader.load(batch, EnumSet.of(RecordType.SESSION, RecordType.PRINTER));
            assertThat(first.loaded()).as(String.valueOf(first.reason())).isTrue();
            assertThat(first.records()).isEqualTo(records);
            long sessions = databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", siteId);
            assertThat(first.inserted()).isEqualTo(sessions + 5);
            assertThat(first.skipped()).isEqualTo(records - first.inserted());
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM JOBS WHERE SITE_ID = ?", siteId)).isZero();
            loader.keepRows = kept;
            LoadResult again = loader.load(batch, EnumSet.of(RecordType.SESSION, RecordType.PRINTER));
            assertThat(again.inserted()).isZero();
            assertThat(again.updated()).isZero();
            assertThat(again.skipped()).isEqualTo(first.skipped());
        } finally {
            loader.keepRows = kept;
        }
    }
}
