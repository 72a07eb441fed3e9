package org.ream.central.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.Public;
import org.ream.central.security.SessionUser;
import org.ream.central.security.UserAccounts;
import org.ream.central.security.WebSessions;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/** Login, logout, the current user and password change for the web UI. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** User name and password, or a PIN alone, or user name and PIN (manual 8.4.1). */
    public record LoginRequest(String username, String password, String pin) {
    }

    public record PasswordRequest(String currentPassword, String newPassword) {
    }

    @Inject
    UserAccounts accounts;

    @Inject
    WebSessions sessions;

    @Inject
    CurrentUser current;

    @Inject
    SettingsStore settings;

    @Context
    HttpServerRequest request;

    @POST
    @Path("/login")
    @Public
    public Response login(LoginRequest body) {
        boolean byPin = body != null && body.pin() != null && !body.pin().isEmpty();
        boolean named = body != null && body.username() != null && !body.username().isBlank();
        if (!byPin && !named) {
            throw new ValidationException("username", "is required");
        }
        String client = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
        UserAccounts.LoginResult r = byPin ? accounts.loginByPin(named ? body.username().strip() : null, body.pin().strip(), client)
                : accounts.login(body.username().strip(), body.password(), client);
        return switch (r.outcome()) {
            case LOCKED -> ApiErrors.json(Response.Status.FORBIDDEN, Map.of("error",
                    "This account is locked after too many failed logins. Try again later or ask an administrator to unlock it"
                            + " (for *admin: ./ream admin-unlock).", "locked", true));
            case BAD_CREDENTIALS -> ApiErrors.json(Response.Status.UNAUTHORIZED, Map.of("error",
                    r.message() != null ? r.message() : byPin ? "Wrong PIN." : "Wrong user name or password."));
            case SERVER_UNAVAILABLE -> ApiErrors.json(Response.Status.SERVICE_UNAVAILABLE, Map.of("error", r.message(), "serverUnavailable", true));
            case PIN_NOT_ALLOWED -> ApiErrors.json(Response.Status.FORBIDDEN, Map.of("error", r.message()));
            case OK -> {
                String token = sessions.open(r.user(), client + " " + request.getHeader("User-Agent"));
                yield Response.ok(me(r.user(), Optional.ofNullable(r.language()))).cookie(cookie(token, -1)).build();
            }
        };
    }

    public record PinResetRequest(String username, String code) {
    }

    /** "Forgot your PIN?": mails a reset code when the user can have one; the answer is the same either way. */
    @POST
    @Path("/pin-reset")
    @Public
    public Response pinReset(PinResetRequest body) {
        if (body == null || body.username() == null || body.username().isBlank()) {
            throw new ValidationException("username", "is required");
        }
        pinReset.request(body.username().strip(), clientAddress());
        return Response.accepted(Map.of("message", "If this user has an email address, a reset code is on its way.")).build();
    }

    /** The emailed code gets a new PIN, sent by email. */
    @POST
    @Path("/pin-reset/confirm")
    @Public
    public Response pinResetConfirm(PinResetRequest body) {
        if (body == null || body.username() == null || body.username().isBlank()) {
            throw new ValidationException("username", "is required");
        }
        if (body.code() == null || body.code().isBlank()) {
            throw new ValidationException("code", "is required");
        }
        return switch (pinReset.confirm(body.username().strip(), body.code(), clientAddress())) {
            case NEW_PIN_SENT -> Response.noContent().build();
            case WRONG_CODE, NO_CODE -> ApiErrors.json(Response.Status.BAD_REQUEST, Map.of("error",
                    "This code is wrong or no longer valid: codes last 15 minutes and allow 5 attempts. Ask for a new one.",
                    "fields", Map.of("code", "is wrong or no longer valid")));
        };
    }

    @Inject
    org.ream.central.pins.PinReset pinReset;

    private String clientAddress() {
        return request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
    }

    @POST
    @Path("/logout")
    @Public
    public Response logout(@jakarta.ws.rs.CookieParam(WebSessions.COOKIE) String token) {
        sessions.close(token);
        return Response.noContent().cookie(cookie("", 0)).build();
    }

    @GET
    @Path("/me")
    public Map<String, Object> me() {
        SessionUser u = current.get();
        return me(u, accounts.language(u.userId()));
    }

    @POST
    @Path("/password")
    public Response changePassword(PasswordRequest body) {
        accounts.changeOwnPassword(current.get(), body == null ? null : body.currentPassword(), body == null ? null : body.newPassword());
        return Response.noContent().build();
    }

    private Map<String, Object> me(SessionUser u, Optional<String> language) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", u.userId());
        out.put("username", u.username());
        out.put("fullName", u.fullName());
        out.put("rights", u.rights());
        out.put("defaultPassword", u.username().equals(UserAccounts.ADMIN) && accounts.adminUsesDefaultPassword());
        out.put("language", language.orElse(settings.get("general.defaultLanguage")));
        return out;
    }

    public static NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(WebSessions.COOKIE).value(value).path("/").httpOnly(true).sameSite(NewCookie.SameSite.STRICT)
                .maxAge(maxAge).build();
    }
}
