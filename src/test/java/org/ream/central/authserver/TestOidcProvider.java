package org.ream.central.authserver;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local OpenID Connect provider that behaves like Entra ID's v2.0 endpoints for one tenant:
 * discovery, authorize (redirects back with a code, as after a successful Microsoft login),
 * token (checks the client secret and the PKCE verifier) and JWKS. What the next ID token
 * looks like is chosen by the test: good, forged, wrong nonce, expired, other audience.
 */
final class TestOidcProvider implements AutoCloseable {

    enum Token { GOOD, FORGED, WRONG_NONCE, EXPIRED, OTHER_AUDIENCE }

    record Grant(String clientId, String redirectUri, String nonce, String challenge) {
    }

    static final String TENANT = "11111111-2222-4333-8444-555555555555";
    static final String CLIENT_ID = "ream-app";
    static final String CLIENT_SECRET = "ream-app-secret";

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey otherKey;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    volatile Token next = Token.GOOD;
    volatile String preferredUsername;
    volatile String email;
    volatile int tokenRequests;

    TestOidcProvider() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        // A forger's key with the same key id: only the signature check can tell.
        otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String t = "/" + TENANT;
        server.createContext(t + "/v2.0/.well-known/openid-configuration", x -> json(x, 200, """
                {"issuer":"%s","authorization_endpoint":"%s","token_endpoint":"%s","jwks_uri":"%s",
                 "response_types_supported":["code","id_token"],"subject_types_supported":["pairwise"],
                 "id_token_signing_alg_values_supported":["RS256"],"scopes_supported":["openid","profile","email"]}"""
                .formatted(issuer(), base() + t + "/oauth2/v2.0/authorize", base() + t + "/oauth2/v2.0/token", base() + t + "/discovery/v2.0/keys")));
        server.createContext(t + "/discovery/v2.0/keys", x -> json(x, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext(t + "/oauth2/v2.0/authorize", this::authorize);
        server.createContext(t + "/oauth2/v2.0/token", this::token);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String issuer() {
        return base() + "/" + TENANT + "/v2.0";
    }

    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        if (!"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method")) || q.get("nonce") == null
                || !CLIENT_ID.equals(q.get("client_id"))) {
            json(x, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        grants.put(code, new Grant(q.get("client_id"), q.get("redirect_uri"), q.get("nonce"), q.get("code_challenge")));
        x.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private void token(HttpExchange x) throws IOException {
        tokenRequests++;
        Map<String, String> f = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
            json(x, 401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}");
            return;
        }
        if ("client_credentials".equals(f.get("grant_type"))) {
            json(x, 200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"app-token\"}");
            return;
        }
        Grant g = grants.remove(String.valueOf(f.get("code")));
        if (g == null || !g.redirectUri().equals(f.get("redirect_uri")) || !g.challenge().equals(s256(f.get("code_verifier")))) {
            json(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: code or verifier invalid\"}");
            return;
        }
        try {
            long now = System.currentTimeMillis();
            Token kind = next;
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("sub-" + preferredUsername)
                    .audience(kind == Token.OTHER_AUDIENCE ? "another-app" : CLIENT_ID)
                    .issueTime(new Date(kind == Token.EXPIRED ? now - 7_200_000 : now))
                    .expirationTime(new Date(kind == Token.EXPIRED ? now - 3_600_000 : now + 3_600_000))
                    .claim("nonce", kind == Token.WRONG_NONCE ? "not-" + g.nonce() : g.nonce())
                    .claim("tid", TENANT).claim("preferred_username", preferredUsername).claim("name", "Test User");
            if (email != null) {
                claims.claim("email", email);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test-key").type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(kind == Token.FORGED ? otherKey : key));
            json(x, 200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"user-token\",\"id_token\":\"" + jwt.serialize() + "\"}");
        } catch (Exception e) {
            json(x, 500, "{\"error\":\"server_error\"}");
        }
    }

    /** Plays Microsoft's login page: follows the authorize URL and returns where it sends the browser back. */
    URI authorizeAndReturn(URI authorize) throws Exception {
        java.net.http.HttpResponse<Void> r = java.net.http.HttpClient.newHttpClient()
                .send(java.net.http.HttpRequest.newBuilder(authorize).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 302) {
            throw new IllegalStateException("authorize answered " + r.statusCode());
        }
        return URI.create(r.headers().firstValue("Location").orElseThrow());
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(verifier).getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void json(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
