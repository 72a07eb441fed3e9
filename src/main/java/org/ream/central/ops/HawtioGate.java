package org.ream.central.ops;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.ream.central.security.Right;
import org.ream.central.security.SessionUser;
import org.ream.central.security.WebSessions;

/**
 * Lets only administrators of Ream Central reach the Hawtio console: every request under /hawtio
 * (the page, its static files, Jolokia) needs the session cookie of a user with the right
 * ADMINISTRATOR. Hawtio's own authentication is off (hawtio.authenticationEnabled=false).
 * <p>
 * A Vert.x filter rather than a servlet filter: it runs before any route, so it guards every
 * path starting with /hawtio (any case, any spelling Vert.x normalises) whichever handler would
 * serve it, Hawtio's servlets, its files or the web UI's static route.
 * Without a session a browser is sent to the login page of the web UI, other clients get 401;
 * a session without the right gets 403.
 */
@ApplicationScoped
public class HawtioGate {

    static final String PATH = "/hawtio";
    /** Filters with a higher priority run first; this one only has to run before the routes. */
    static final int PRIORITY = 100;
    /** Context key of the path template that Quarkus' HTTP metrics use as the uri tag. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    private static final Pattern SAFE_NEXT = Pattern.compile("/hawtio(/[A-Za-z0-9._~/-]*)?");
    private static final Logger LOG = Logger.getLogger(HawtioGate.class);

    @Inject
    WebSessions sessions;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!guarded(path)) {
            rc.next();
            return;
        }
        // One series in /q/metrics for the console's pages, files, Jolokia and refusals, rather
        // than one per path anybody cares to request.
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(URL_PATH_TEMPLATE, PATH);
        }
        Cookie cookie = rc.request().getCookie(WebSessions.COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            refuse(rc, false);
            return;
        }
        // The session look-up may hit the database: off the event loop, with the request body
        // held back until Hawtio (Undertow) reads it.
        HttpServerRequest request = rc.request();
        if (!request.isEnded()) {
            request.pause();
        }
        String token = cookie.getValue();
        rc.vertx().<Optional<SessionUser>>executeBlocking(() -> sessions.check(token), false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warnf(ar.cause(), "Could not check the session for %s", path);
                resume(request);
                rc.fail(503, ar.cause());
            } else if (ar.result().filter(u -> u.has(Right.ADMINISTRATOR)).isPresent()) {
                rc.next();
            } else {
                refuse(rc, ar.result().isPresent());
            }
        });
    }

    static boolean guarded(String path) {
        return path != null && path.regionMatches(true, 0, PATH, 0, PATH.length());
    }

    private static void refuse(RoutingContext rc, boolean loggedIn) {
        HttpServerRequest request = rc.request();
        resume(request);
        HttpServerResponse response = rc.response().putHeader("Cache-Control", "no-store");
        if (wantsPage(request)) {
            if (!loggedIn) {
                response.setStatusCode(302).putHeader("Location", "/?next=" + next(rc.normalizedPath())).end();
            } else {
                response.setStatusCode(403).putHeader("Content-Type", "text/html; charset=utf-8")
                        .end("<!doctype html><title>Ream Central</title><p>The operations console needs the right"
                                + " Administrator. <a href=\"/\">Back to Ream Central</a></p>");
            }
            return;
        }
        response.setStatusCode(loggedIn ? 403 : 401).putHeader("Content-Type", "application/json")
                .end(loggedIn ? "{\"error\":\"This needs the right: [ADMINISTRATOR]\"}" : "{\"error\":\"Please log in\"}");
    }

    /** Where the login page sends the user back to: the requested console page, never another site. */
    static String next(String path) {
        if (path != null && SAFE_NEXT.matcher(path).matches()) {
            return path.equals(PATH) ? PATH + "/" : path;
        }
        return PATH + "/";
    }

    private static boolean wantsPage(HttpServerRequest request) {
        String accept = request.getHeader("Accept");
        return (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) && accept != null
                && accept.contains("text/html");
    }

    private static void resume(HttpServerRequest request) {
        if (!request.isEnded()) {
            // Nobody reads a refused body: let Vert.x drain it so the connection stays usable.
            request.resume();
        }
    }
}
