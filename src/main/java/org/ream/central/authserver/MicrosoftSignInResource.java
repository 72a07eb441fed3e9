package org.ream.central.authserver;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ream.central.security.Public;
import org.ream.central.security.SessionUser;
import org.ream.central.security.WebSessions;
import org.ream.central.web.AuthResource;

/**
 * "Sign in with Microsoft" for the web UI. The browser goes to /start, on to Microsoft and back
 * to /callback, which opens the same session cookie as a password login and returns to the UI;
 * a failed sign-in returns to the UI with {@code ?signInError=<message>}.
 */
@Path("/api/auth/microsoft")
@Public
public class MicrosoftSignInResource {

    static final String BROWSER_COOKIE = "REAM_MS_SIGNIN";

    @Inject
    MicrosoftSignIn signIn;

    @Inject
    WebSessions sessions;

    @Context
    UriInfo uri;

    @Context
    HttpServerRequest request;

    /** The Azure AD servers offering the button on the login page. */
    @GET
    @Path("/servers")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> servers() {
        return signIn.signInServers();
    }

    @GET
    @Path("/start")
    public Response start(@QueryParam("server") Long server) {
        if (server == null) {
            return failed("server: which Azure AD server to sign in with is required");
        }
        try {
            MicrosoftSignIn.Started started = signIn.start(server, callbackUri());
            return Response.seeOther(started.location()).cookie(browserCookie(started.browser(), (int) MicrosoftSignIn.PENDING_TTL.toSeconds())).build();
        } catch (MicrosoftSignIn.SignInFailed e) {
            return failed(e.getMessage());
        }
    }

    @GET
    @Path("/callback")
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code, @QueryParam("error") String error,
            @QueryParam("error_description") String errorDescription, @CookieParam(BROWSER_COOKIE) String browser) {
        String client = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
        try {
            SessionUser user = signIn.complete(state, browser, code, error, errorDescription, client);
            String token = sessions.open(user, client + " " + request.getHeader("User-Agent"));
            return Response.seeOther(URI.create("/")).cookie(AuthResource.cookie(token, -1), browserCookie("", 0)).build();
        } catch (MicrosoftSignIn.SignInFailed e) {
            return Response.fromResponse(failed(e.getMessage())).cookie(browserCookie("", 0)).build();
        }
    }

    /**
     * Ties a sign-in to the browser that started it. Lax, not Strict: the browser comes back
     * from Microsoft in a cross-site navigation, which Strict cookies do not follow.
     */
    static NewCookie browserCookie(String value, int maxAge) {
        return new NewCookie.Builder(BROWSER_COOKIE).value(value).path("/api/auth/microsoft").httpOnly(true).sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAge).build();
    }

    private URI callbackUri() {
        return uri.getBaseUriBuilder().path("api/auth/microsoft/callback").build();
    }

    private static Response failed(String message) {
        return Response.seeOther(URI.create("/?signInError=" + URLEncoder.encode(message, StandardCharsets.UTF_8))).build();
    }
}
