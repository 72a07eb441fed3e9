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
public class SiteStatusProbe {

    static final String STATUS_PATH = "/ream-site/v1/status";

    @Inject
    SiteDirectory sites;

    @Inject
    SiteKeyring keyring;

    @Inject
    SitesConfig config;

    @Inject
    SystemLog log;

    public SiteStatus check(long siteId) {
        return check(siteId, config.statusTimeout());
    }

    public SiteStatus check(long siteId, Duration timeout) {
        SiteDirectory.Endpoint site = sites.endpoint(siteId);
        SiteStatus status = ask(site, timeout);
        sites.setStatus(siteId, status);
        if (status != SiteStatus.READY) {
            log.warning("Sites", site.name(), "The site's status is " + status);
        }
        return status;
    }

    private SiteStatus ask(SiteDirectory.Endpoint site, Duration timeout) {
        String password = keyring.passwordOf(sites.keyOf(site.name()).orElseThrow());
        HttpRequest.Builder request = keyring.signedGet(site, password, STATUS_PATH, timeout);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
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
