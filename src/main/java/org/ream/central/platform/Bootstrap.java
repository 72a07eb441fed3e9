package org.ream.central.platform;

import io.quarkus.runtime.PreventFurtherStepsException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;
import org.ream.central.logging.SystemLog;
import org.ream.central.messaging.Broker;
import org.ream.central.persistence.Databases;
import org.ream.central.security.UserAccounts;
import org.ream.central.settings.SettingsStore;

/**
 * Brings the server up in an order that writes nothing until every check has passed:
 * data folder, databases and broker are checked (read only), then created, migrated and
 * started, and only then do the Camel routes start (they are declared with
 * auto-startup off). Any refusal is one line for the operator and exit code 2.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger("org.ream.central");

    /** Fired once the databases, the broker and the routes are up. */
    public record Ready(Instant at) {
    }

    /**
     * Fired on the bootstrap thread once the databases and the broker are up, while Camel may
     * still be booting: database-only preparation (built-in schedules) goes here, off the
     * critical path. Observers must not use Camel.
     */
    public record Prepared(Instant at) {
    }

    @Inject
    ReamConfig config;

    @Inject
    Databases databases;

    @Inject
    Broker broker;

    @Inject
    SystemLog systemLog;

    @Inject
    SettingsStore settings;

    @Inject
    UserAccounts accounts;

    @Inject
    CamelContext camel;

    @Inject
    Event<Ready> ready;

    @Inject
    Event<Prepared> prepared;

    @Inject
    CliToken cliToken;

    @Inject
    org.ream.central.sites.SiteTls siteTls;

    private DataFolder dataFolder;
    private Instant startedAt;
    private volatile boolean up;

    /** The data folder, databases and broker coming up; started before Camel boots. */
    private volatile java.util.concurrent.CompletableFuture<Void> preparation;
    private volatile long t0;

    /**
     * Starts bringing up the data folder, databases and broker on a thread of their own as
     * soon as Camel starts booting (the first runtime event with the configuration in place), so that this (the Firebird engine loading, the schema,
     * the broker's journal) overlaps Camel booting on the main thread; {@link #onStart} waits
     * for it before it starts the routes. Nothing here depends on Camel.
     */
    void onCamelBooting(@Observes org.apache.camel.quarkus.main.events.BeforeInitialize event) {
        prepareAsync();
    }

    private synchronized java.util.concurrent.CompletableFuture<Void> prepareAsync() {
        if (preparation == null) {
            t0 = System.nanoTime();
            java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
            Thread worker = new Thread(() -> {
                try {
                    prepare();
                    f.complete(null);
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "ream-bootstrap");
            worker.setDaemon(true);
            worker.start();
            preparation = f;
        }
        return preparation;
    }

    /** Checks first (writes nothing), then creates, migrates and starts. */
    private void prepare() {
        Path root = Path.of(config.dataDir());
        dataFolder = new DataFolder(root);
        dataFolder.checkWritable();
        dataFolder.lock();
        CliCommand.runBeforeDatabases(this);
        databases.configure(dataFolder.root());
        databases.check();
        broker.check();
        siteTls.check();
        // Checks passed: from here on the server writes.
        dataFolder.createLayout();
        // The broker's journal and the databases are independent: start them side by side.
        java.util.concurrent.CompletableFuture<Void> brokerUp =
                java.util.concurrent.CompletableFuture.runAsync(() -> broker.start(dataFolder.resolve("broker")));
        databases.open();
        settings.load();
        systemLog.setDebugEnabled(settings.getBool("log.debug"));
        systemLog.start();
        accounts.ensureSystemUsers();
        try {
            brokerUp.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (System.getProperty("reamctl.command") == null) {
            prepared.fire(new Prepared(Instant.now()));
        }
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        try {
            try {
                prepareAsync().join();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
            CliCommand.runIfRequested(this);
            cliToken.write(dataFolder);
            camel.getRouteController().startAllRoutes();
            startedAt = Instant.now();
            up = true;
            long ms = (System.nanoTime() - t0) / 1_000_000;
            systemLog.info("Platform", null, "Ream Central booted (data folder " + dataFolder.root() + ", database "
                    + databases.mainTarget().dialect().name().toLowerCase() + (databases.mainTarget().embedded() ? " embedded" : "")
                    + ", broker " + (broker.isExternal() ? broker.url() : "embedded") + ", " + ms + " ms)");
            ready.fire(new Ready(startedAt));
        } catch (StartupRefused e) {
            refuse(e.getMessage());
        } catch (CliCommand.Done done) {
            Quarkus.asyncExit(done.exitCode);
        } catch (Exception e) {
            LOG.error("Ream Central failed to start", e);
            refuse("Unexpected start-up failure: " + e + " (the log above has the details).");
        }
    }

    private void refuse(String message) {
        if (dataFolder != null) {
            dataFolder.abandon(); // leaves the folder as it was found
        }
        // Ends the start-up here, before the HTTP port is bound (a second server on the same
        // folder would otherwise fail on the port instead). Quarkus prints the message of a
        // PreventFurtherStepsException found as the root cause as one line on stderr, stops and
        // exits with its code; thrown bare from a startup step it would be swallowed (exit 0).
        String line = "Ream Central cannot start: " + message.replaceAll("\\s*\\R\\s*", " ").trim();
        throw new IllegalStateException("Start-up refused", new PreventFurtherStepsException(line, 2));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (up) {
            systemLog.notice("Platform", null, "Ream Central stopping");
            systemLog.flush();
        }
    }

    public boolean isUp() {
        return up;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public DataFolder dataFolder() {
        return dataFolder;
    }

    UserAccounts accounts() {
        return accounts;
    }
}
