package org.ream.central.sites;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ream.central.logging.SystemLog;

/**
 * Asks a site how it is (GET /ream-site/v1/status, signed) and records the manual's status:
 * 200 Ready, 404 Unknown, 5xx or a body "0" Error, no answer within the time-out Unreachable.
 */
@ApplicationScoped
@jakarta.inject.Named("siteStatusProbe")
public class SiteStatusProbe {

    static final String STATUS_PATH = "/ream-site/v1/status";

    @Inject
    SiteDirectory sites;

    @Inject
    SiteKeyring keyring;

    @Inject
    SitesConfig config;

    @Inject
    org.ream.central.sites.SiteTls tls;

    @Inject
    SystemLog log;

    public SiteStatus check(long siteId) {
        return check(siteId, config.statusTimeout());
    }

    public SiteStatus check(long siteId, Duration timeout) {
        SiteDirectory.Endpoint site = sites.endpoint(siteId);
        String before = databases.mainJdbc().one("SELECT STATUS FROM SITES WHERE ID = ?", rs -> rs.getString(1), siteId).map(String::trim).orElse(null);
        SiteStatus status = ask(site, timeout);
        sites.setStatus(siteId, status);
        // Said when it changes: a periodic check of hundreds of sites must not repeat itself in the log.
        if (!status.name().equals(before)) {
            if (status == SiteStatus.READY) {
                log.info("Sites", site.name(), "The site is ready again (it was " + before + ")");
            } else {
                log.warning("Sites", site.name(), "The site's status is " + status);
            }
        }
        return status;
    }

    /** Route sites-status-check: asks every enabled site, a few at a time (the period of ream.sites.status-period). */
    public int checkAll() {
        if (config.statusPeriod().isZero() || config.statusPeriod().isNegative()) {
            return 0;
        }
        return checkEnabled();
    }

    /** Asks every enabled site now; answers how many were asked. */
    int checkEnabled() {
        java.util.List<Long> ids = databases.mainJdbc().query("SELECT ID FROM SITES WHERE ENABLED = ?", rs -> rs.getLong(1), true);
        if (ids.isEmpty()) {
            return 0;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(PARALLEL_CHECKS, ids.size()));
        try {
            java.util.List<java.util.concurrent.Future<SiteStatus>> all = new java.util.ArrayList<>();
            for (long id : ids) {
                all.add(pool.submit(() -> check(id)));
            }
            int done = 0;
            for (java.util.concurrent.Future<SiteStatus> f : all) {
                try {
                    f.get();
                    done++;
                } catch (java.util.concurrent.ExecutionException e) {
                    org.jboss.logging.Logger.getLogger(SiteStatusProbe.class).warnf(e.getCause(), "A site's status check failed");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    static final int PARALLEL_CHECKS = 16;

    @Inject
    org.ream.central.persistence.Databases databases;

    private SiteStatus ask(SiteDirectory.Endpoint site, Duration timeout) {
        String password = keyring.passwordOf(sites.keyOf(site.name()).orElseThrow());
        HttpRequest.Builder request = keyring.signedGet(site, password, STATUS_PATH, timeout);
        HttpClient client = tls.client(timeout);
        try {
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return SiteStatus.of(answer.statusCode(), answer.body());
        } catch (IOException e) {
            return SiteStatus.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SiteStatus.UNREACHABLE;
        }
    }
}
