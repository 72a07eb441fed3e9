package org.ream.central.authserver;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ream.central.audit.AuditLog;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.security.SessionUser;
import org.ream.central.security.UserAccounts;

/**
 * "Sign in with Microsoft" (manual 6.6.2): OpenID Connect authorization-code flow with PKCE,
 * state and nonce against the tenant's Entra ID endpoints. The ID token is checked (signature
 * against the tenant's JWKS, issuer, audience, nonce, expiry) and its user name mapped to a Ream
 * user who uses this Azure AD server.
 */
@ApplicationScoped
public class MicrosoftSignIn {

    static final Duration PENDING_TTL = Duration.ofMinutes(10);
    static final int MAX_PENDING = 10_000;
    private static final Duration METADATA_TTL = Duration.ofHours(1);
    private static final int HTTP_TIMEOUT_MS = 10_000;

    /** A sign-in that went to Microsoft and has not come back yet. */
    record Pending(long serverId, Nonce nonce, CodeVerifier verifier, URI redirectUri, String browser, Instant startedAt) {
    }

    /** Where to send the browser, and the key that ties the sign-in to that browser (a cookie). */
    public record Started(URI location, String browser) {
    }

    record Provider(AzureSettings settings, OIDCProviderMetadata metadata, IDTokenValidator validator, Instant loadedAt) {
    }

    /** Why a sign-in failed, in words fit for the user. */
    public static class SignInFailed extends Exception {
        public SignInFailed(String message) {
            super(message);
        }
    }

    @Inject
    AuthServers servers;

    @Inject
    Databases databases;

    @Inject
    UserAccounts accounts;

    @Inject
    AuditLog audit;

    @Inject
    SystemLog log;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, Provider> providers = new ConcurrentHashMap<>();

    /** Servers offering the button on the login page. */
    public List<Map<String, Object>> signInServers() {
        List<Map<String, Object>> out = new ArrayList<>();
        databases.mainJdbc().query("SELECT ID FROM AUTH_SERVERS WHERE KIND = ? ORDER BY NAME", rs -> rs.getLong(1), AuthServerKind.AZURE.name())
                .forEach(id -> servers.find(id).ifPresent(s -> {
                    if (Boolean.TRUE.equals(s.config().get("signInWithMicrosoft"))) {
                        out.add(Map.of("id", s.id(), "name", s.name()));
                    }
                }));
        return out;
    }

    /** Where to send the browser to start signing in with the given server. */
    public Started start(long serverId, URI redirectUri) throws SignInFailed {
        AuthServers.Server s = servers.find(serverId).filter(x -> x.kind() == AuthServerKind.AZURE)
                .orElseThrow(() -> new SignInFailed("There is no Azure AD server " + serverId));
        if (!Boolean.TRUE.equals(s.config().get("signInWithMicrosoft"))) {
            throw new SignInFailed("Sign in with Microsoft is not enabled for " + s.name());
        }
        Provider p = provider(s);
        Instant now = Instant.now();
        pending.values().removeIf(x -> x.startedAt().plus(PENDING_TTL).isBefore(now));
        if (pending.size() >= MAX_PENDING) {
            throw new SignInFailed("Too many sign-ins in progress; try again in a few minutes");
        }
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        String browser = new State().getValue();
        pending.put(state.getValue(), new Pending(serverId, nonce, verifier, redirectUri, browser, now));
        return new Started(new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE), new Scope("openid", "profile", "email"),
                new ClientID(p.settings().clientId()), redirectUri)
                .endpointURI(p.metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).responseMode(ResponseMode.QUERY)
                .build().toURI(), browser);
    }

    /** Completes a sign-in: the code is exchanged, the ID token checked and the user found. */
    public SessionUser complete(String stateValue, String browser, String code, String error, String errorDescription, String client)
            throws SignInFailed {
        Pending p = stateValue == null ? null : pending.remove(stateValue);
        if (p == null || p.startedAt().plus(PENDING_TTL).isBefore(Instant.now())) {
            throw new SignInFailed("This sign-in is unknown or has expired; start again");
        }
        // A callback link made by someone else's sign-in must not log this browser in as them.
        if (browser == null || !java.security.MessageDigest.isEqual(browser.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                p.browser().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            log.warning("WebUI", null, "Sign in with Microsoft refused: callback from another browser than the one that started it (" + client + ")");
            throw new SignInFailed("This sign-in was started in another browser; start again");
        }
        if (error != null && !error.isBlank()) {
            throw new SignInFailed("Microsoft refused the sign-in: " + error + (errorDescription == null ? "" : " (" + errorDescription + ")"));
        }
        if (code == null || code.isBlank()) {
            throw new SignInFailed("Microsoft returned no authorization code");
        }
        AuthServers.Server s = servers.find(p.serverId()).filter(x -> x.kind() == AuthServerKind.AZURE)
                .orElseThrow(() -> new SignInFailed("The Azure AD server of this sign-in no longer exists"));
        if (!Boolean.TRUE.equals(s.config().get("signInWithMicrosoft"))) {
            throw new SignInFailed("Sign in with Microsoft is not enabled for " + s.name());
        }
        Provider provider = provider(s);
        IDTokenClaimsSet claims;
        try {
            TokenRequest request = new TokenRequest(provider.metadata().getTokenEndpointURI(),
                    new ClientSecretPost(new ClientID(provider.settings().clientId()), new Secret(provider.settings().clientSecret())),
                    new AuthorizationCodeGrant(new AuthorizationCode(code), p.redirectUri(), p.verifier()));
            TokenResponse response = OIDCTokenResponseParser.parse(send(request.toHTTPRequest()));
            if (!response.indicatesSuccess()) {
                ErrorObject e = ((TokenErrorResponse) response).getErrorObject();
                throw new SignInFailed("Microsoft did not issue a token: " + e.getCode() + (e.getDescription() == null ? "" : " (" + e.getDescription() + ")"));
            }
            JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
            if (idToken == null) {
                throw new SignInFailed("Microsoft returned no ID token");
            }
            claims = provider.validator().validate(idToken, p.nonce());
        } catch (com.nimbusds.jose.proc.BadJOSEException e) {
            log.warning("WebUI", null, "Sign in with Microsoft (" + s.name() + ") refused an ID token from " + client + ": " + e.getMessage());
            throw new SignInFailed("The sign-in token is not valid: " + e.getMessage());
        } catch (com.nimbusds.jose.JOSEException | ParseException | IOException e) {
            throw new SignInFailed("Microsoft cannot be reached or answered nonsense: " + e.getMessage());
        }
        Set<String> names = new LinkedHashSet<>();
        for (String claim : List.of("preferred_username", "upn", "email", "unique_name")) {
            Object v = claims.getClaim(claim);
            if (v instanceof String str && !str.isBlank()) {
                names.add(str.strip());
            }
        }
        if (names.isEmpty()) {
            throw new SignInFailed("The Microsoft account has no user name (preferred_username, upn or email)");
        }
        SessionUser user = findUser(s.id(), names).orElseThrow(() -> {
            log.warning("WebUI", null, "Sign in with Microsoft: no user of " + s.name() + " for " + names + " (from " + client + ")");
            return new SignInFailed("No user " + names.iterator().next() + " uses " + s.name() + " to log in here");
        });
        log.notice("WebUI", null, "Login success: '" + user.username() + "' (Sign in with Microsoft, " + s.name() + ")");
        audit.record(user.actor(), "WebUI", "Sign in with Microsoft", "User " + user.username() + " signed in with Microsoft through " + s.name(),
                s.name(), null);
        return user;
    }

    /** A user whose account uses this server, matched by user name (as written, then ignoring case) or email. */
    private Optional<SessionUser> findUser(long serverId, Set<String> names) throws SignInFailed {
        String base = "SELECT ID, USERNAME, FULL_NAME, LOCKED_AT FROM USERS WHERE USE_AUTH_SERVER = ? AND AUTH_SERVER_ID = ? AND DELETED_AT IS NULL AND IS_SYSTEM = ? AND ";
        record Row(long id, String username, String fullName, boolean locked) {
        }
        for (String where : List.of("USERNAME = ?", "LOWER(USERNAME) = ?", "LOWER(EMAIL) = ?")) {
            for (String n : names) {
                String value = where.startsWith("LOWER") ? n.toLowerCase(java.util.Locale.ROOT) : n;
                List<Row> rows = databases.mainJdbc().query(base + where, rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4) != null), true, serverId, false, value);
                if (rows.size() > 1) {
                    throw new SignInFailed("Several users match " + n + "; ask an administrator");
                }
                if (rows.size() == 1) {
                    Row r = rows.get(0);
                    if (r.locked()) {
                        throw new SignInFailed("The account " + r.username() + " is locked");
                    }
                    return Optional.of(new SessionUser(r.id(), r.username(), r.fullName(), accounts.rightsOf(r.id(), r.username())));
                }
            }
        }
        return Optional.empty();
    }

    /** The Test button: reads the tenant's discovery document and asks for an app token with the client secret. */
    public TestReport test(AzureSettings settings) {
        List<String> steps = new ArrayList<>();
        OIDCProviderMetadata meta;
        try {
            meta = metadata(settings);
            steps.add("Discovery document read: issuer " + meta.getIssuer());
        } catch (SignInFailed e) {
            steps.add(e.getMessage());
            return new TestReport(false, "The tenant's OpenID configuration cannot be read", steps);
        }
        try {
            TokenRequest request = new TokenRequest(meta.getTokenEndpointURI(),
                    new ClientSecretPost(new ClientID(settings.clientId()), new Secret(settings.clientSecret())), new ClientCredentialsGrant(),
                    new Scope("https://graph.microsoft.com/.default"));
            TokenResponse response = TokenResponse.parse(send(request.toHTTPRequest()));
            if (response.indicatesSuccess()) {
                steps.add("Client id and secret accepted");
                return new TestReport(true, "Azure AD server answered; client id and secret accepted", steps);
            }
            ErrorObject e = response.toErrorResponse().getErrorObject();
            steps.add("Token request refused: " + e.getCode() + (e.getDescription() == null ? "" : " (" + e.getDescription() + ")"));
            return new TestReport(false, "The client id or secret was refused", steps);
        } catch (ParseException | IOException e) {
            steps.add("Token endpoint: " + e.getMessage());
            return new TestReport(false, "The token endpoint cannot be reached", steps);
        }
    }

    /** Forgets cached endpoints and keys of a server (its settings changed). */
    public void forget(long serverId) {
        providers.remove(serverId);
    }

    private Provider provider(AuthServers.Server s) throws SignInFailed {
        AzureSettings settings;
        try {
            settings = AzureSettings.from(s.config());
        } catch (InvalidServerSettings e) {
            throw new SignInFailed("The settings of " + s.name() + " are not valid: " + e.getMessage());
        }
        Provider p = providers.get(s.id());
        if (p != null && p.settings().equals(settings) && p.loadedAt().plus(METADATA_TTL).isAfter(Instant.now())) {
            return p;
        }
        OIDCProviderMetadata meta = metadata(settings);
        try {
            URL jwks = meta.getJWKSetURI().toURL();
            Issuer issuer = new Issuer(meta.getIssuer().getValue().replace("{tenantid}", settings.tenantId()));
            IDTokenValidator validator = new IDTokenValidator(issuer, new ClientID(settings.clientId()), JWSAlgorithm.RS256, jwks,
                    new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS));
            p = new Provider(settings, meta, validator, Instant.now());
            providers.put(s.id(), p);
            return p;
        } catch (IOException | RuntimeException e) {
            throw new SignInFailed("The OpenID configuration of " + s.name() + " is not usable: " + e.getMessage());
        }
    }

    private static OIDCProviderMetadata metadata(AzureSettings settings) throws SignInFailed {
        try {
            HTTPRequest get = new HTTPRequest(HTTPRequest.Method.GET, URI.create(settings.discoveryUrl()));
            HTTPResponse r = send(get);
            if (r.getStatusCode() != 200) {
                throw new SignInFailed("The OpenID configuration " + settings.discoveryUrl() + " answered HTTP " + r.getStatusCode());
            }
            OIDCProviderMetadata meta = OIDCProviderMetadata.parse(r.getBodyAsJSONObject());
            if (meta.getAuthorizationEndpointURI() == null || meta.getTokenEndpointURI() == null || meta.getJWKSetURI() == null) {
                throw new SignInFailed("The OpenID configuration " + settings.discoveryUrl() + " lacks an endpoint");
            }
            return meta;
        } catch (IOException | ParseException e) {
            throw new SignInFailed("The OpenID configuration " + settings.discoveryUrl() + " cannot be read: " + e.getMessage());
        }
    }

    private static HTTPResponse send(HTTPRequest request) throws IOException {
        request.setConnectTimeout(HTTP_TIMEOUT_MS);
        request.setReadTimeout(HTTP_TIMEOUT_MS);
        return request.send();
    }

}
