package org.ream.central.sites;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.ream.central.logging.SystemLog;

/**
 * Checks the signature of every call to a {@link SiteSigned} resource before anything else
 * runs (docs/site-protocol.md). A refused call gets 401 and a logged reason, and nothing
 * else is done for it. Only the register call is accepted from a site not known yet, signed
 * with the system-wide communication password.
 */
public class SiteRequestFilter {

    private static final Logger LOG = Logger.getLogger(SiteRequestFilter.class);
    static final String REGISTER_PATH = "/site-api/v1/register";

    @Inject
    SiteDirectory sites;

    @Inject
    SiteKeyring keyring;

    @Inject
    CurrentSite current;

    @Inject
    SystemLog log;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> verify(ContainerRequestContext ctx, ResourceInfo resource, HttpServerRequest request) {
        Class<?> type = resource.getResourceClass();
        if (type == null || !type.isAnnotationPresent(SiteSigned.class)) {
            return Optional.empty();
        }
        String siteName = SiteSignature.siteName(ctx.getHeaderString(SiteSignature.SITE_HEADER));
        if (siteName == null) {
            return refuse(null, "no or badly encoded " + SiteSignature.SITE_HEADER + " header");
        }
        String pathAndQuery = request.uri();
        Optional<SiteDirectory.SiteKey> site = sites.keyOf(siteName);
        String password;
        if (site.isPresent()) {
            password = keyring.passwordOf(site.get());
        } else if (request.path().equals(REGISTER_PATH)) {
            password = keyring.systemPassword();
        } else {
            return refuse(siteName, "unknown site");
        }
        if (password.isEmpty()) {
            return refuse(siteName, "no communication password is set (system settings)");
        }
        byte[] body;
        try {
            body = ctx.hasEntity() ? ctx.getEntityStream().readAllBytes() : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.setEntityStream(new ByteArrayInputStream(body));
        Optional<String> refusal = keyring.signature().refusal(siteName, password, ctx.getMethod(), pathAndQuery,
                ctx.getHeaderString(SiteSignature.TIMESTAMP_HEADER), ctx.getHeaderString(SiteSignature.NONCE_HEADER),
                ctx.getHeaderString(SiteSignature.SIGNATURE_HEADER), body);
        if (refusal.isPresent()) {
            return refuse(siteName, refusal.get());
        }
        current.set(siteName, site.map(SiteDirectory.SiteKey::id).orElse(null));
        ctx.setProperty(SiteSigned.VERIFIED, siteName);
        return Optional.empty();
    }

    private Optional<Response> refuse(String siteName, String reason) {
        LOG.warnf("Site request refused (%s): %s", siteName, reason);
        log.warning("Sites", siteName, "A request of the site was refused: " + reason);
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "Site request refused: " + reason)).build());
    }
}
