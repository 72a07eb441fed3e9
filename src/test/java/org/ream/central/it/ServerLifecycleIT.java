package org.ream.central.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged server's normal life on one data folder: a first start creates it and gets
 * ready, SIGTERM stops it cleanly, a second server on the same folder is turned away while the
 * first keeps serving (issue point 2), and a database file that was replaced by a restore of
 * our own backup is recognised as ours.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerLifecycleIT {

    static Path dir;
    static Path data;

    @Test
    @Order(1)
    void aFirstStartCreatesTheDataFolderGetsReadyAndStopsCleanlyOnSigterm() throws Exception {
        dir = ItSupport.freshFolder("lifecycle");
        data = dir.resolve("data");
        try (PackagedServer server = new PackagedServer(dir.resolve("first-run"), data)) {
            server.start().awaitReady();
            assertThat(server.get("/q/health/ready").body()).contains("\"status\": \"UP\"");
            assertThat(server.stdout()).contains("Ream Central booted (data folder " + data.toAbsolutePath() + ", database firebird embedded, broker embedded");
            assertThat(Files.readString(data.resolve("ream.lock"))).isEqualTo("pid " + server.pid());
            assertThat(data.resolve("db/ream.fdb.verified")).exists();
            assertThat(data.resolve("db/ream-log.fdb.verified")).exists();
            assertThat(data.resolve("broker/journal")).as("the embedded broker's journal in the data folder").isNotEmptyDirectory();

            int code = server.stop();

            assertThat(code).as("exit code after SIGTERM%n%s", server.output()).isIn(0, 143);
            assertThat(server.crashReports()).as("JVM crash reports").isEmpty();
            assertThat(server.stderrLines()).as("stderr of a clean run").filteredOn(l -> !l.isBlank()).isEmpty();
        }
    }

    @Test
    @Order(2)
    void aSecondServerOnTheSameFolderIsTurnedAwayAndTheFirstStaysHealthy() throws Exception {
        try (PackagedServer first = new PackagedServer(dir.resolve("running"), data)) {
            first.start().awaitReady();
            // The same configuration, HTTP port included: what starting it twice by mistake looks like.
            // (The running server writes to the folder meanwhile: no snapshot here.)
            try (PackagedServer second = new PackagedServer(dir.resolve("second"), data, first.port())) {
                second.start();
                ItSupport.assertRefusedLine(second, "Another Ream Central is already running on data folder " + data.toAbsolutePath(),
                        "(pid " + first.pid() + ")", "Stop it first", "REAM_DATA_DIR");
            }
            assertThat(first.isAlive()).isTrue();
            assertThat(first.readyStatus()).as("the first server's readiness after the second was turned away").isEqualTo(200);
            assertThat(Files.readString(data.resolve("ream.lock"))).isEqualTo("pid " + first.pid());
            assertThat(first.stop()).isIn(0, 143);
            assertThat(first.crashReports()).isEmpty();
        }
    }

    @Test
    @Order(3)
    void aDatabaseFileNotYetVerifiedIsCheckedOnACopyAndAccepted() throws Exception {
        Files.delete(data.resolve("db/ream.fdb.verified"));
        Files.delete(data.resolve("db/ream-log.fdb.verified"));
        try (PackagedServer server = new PackagedServer(dir.resolve("unverified"), data)) {
            server.start().awaitReady();
            assertThat(data.resolve("db/ream.fdb.verified")).exists();
            assertThat(data.resolve("db/ream-log.fdb.verified")).exists();
            assertThat(server.stop()).isIn(0, 143);
        }
    }
}
