package org.ream.central.usersync.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.ream.central.authserver.AzureSettings;

/**
 * Reads the users of an Azure AD tenant through Microsoft Graph (manual 8.7.3) with an app
 * token (client credentials): all users through {@code /users/delta}, so a full read ends with
 * the deltaLink of the next delta read, or the members of selected groups. Pages follow
 * {@code @odata.nextLink}; each user goes to the consumer as its page arrives.
 *
 * <p>429 and 503/504 are retried after Retry-After (bounded in count and wait); anything else
 * that is not a 200, and any answer that is not shaped as Graph's, fails the read with the
 * reason. Links from Graph are followed only to Graph's own origin: the token goes nowhere else.
 */
public final class GraphDirectoryReader {

    /** Waits before a retry; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final String USER_TYPE = "#microsoft.graph.user";
    private static final String GROUP_TYPE = "#microsoft.graph.group";
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AzureSettings server;
    private final GraphEndpoints endpoints;
    private final HttpClient http;
    private final Sleeper sleeper;
    private String token;
    private Instant tokenValidUntil = Instant.MIN;

    public GraphDirectoryReader(AzureSettings server, GraphEndpoints endpoints) {
        this(server, endpoints, HttpClient.newBuilder().connectTimeout(endpoints.timeout()).followRedirects(HttpClient.Redirect.NEVER).build(),
                d -> Thread.sleep(d.toMillis()));
    }

    GraphDirectoryReader(AzureSettings server, GraphEndpoints endpoints, HttpClient http, Sleeper sleeper) {
        this.server = server;
        this.endpoints = endpoints;
        this.http = http;
        this.sleeper = sleeper;
    }

    /**
     * Reads the users and gives each to {@code consumer}. An exception of the consumer stops the
     * read and comes out unchanged. When this method throws, users given so far are genuine but
     * the read is incomplete.
     *
     * @throws DeltaExpiredException  Graph no longer knows the deltaLink: read again without it
     * @throws DirectoryReadException token refused, an error answer, retries exhausted, a malformed answer
     */
    public ReadResult read(GraphQuery query, Consumer<DirectoryEntry> consumer) throws DirectoryReadException {
        Set<String> select = new LinkedHashSet<>(List.of("id", "userPrincipalName"));
        select.addAll(query.properties());
        String selectParam = "$select=" + enc(String.join(",", select));
        if (query.groupIds().isEmpty()) {
            return readAll(query, selectParam, consumer);
        }
        return readGroups(query, selectParam, consumer);
    }

    private ReadResult readAll(GraphQuery q, String select, Consumer<DirectoryEntry> consumer) throws DirectoryReadException {
        boolean delta = q.deltaLink() != null && !q.deltaLink().isBlank();
        String url = delta ? q.deltaLink() : endpoints.graphBase() + "/users/delta?" + select;
        long count = 0;
        long removed = 0;
        while (true) {
            JsonNode page = get(url, q.pageSize(), delta);
            for (JsonNode item : values(page, url)) {
                DirectoryEntry e = user(item, url, q);
                consumer.accept(e);
                count++;
                removed += e.removed() ? 1 : 0;
            }
            String next = link(page, "@odata.nextLink", url);
            if (next != null) {
                url = next;
                continue;
            }
            String deltaLink = link(page, "@odata.deltaLink", url);
            if (deltaLink == null) {
                throw new DirectoryReadException("Graph answer for " + path(url) + " has neither @odata.nextLink nor @odata.deltaLink: the read cannot be complete");
            }
            return new ReadResult(true, delta, count, removed, deltaLink, null);
        }
    }

    private ReadResult readGroups(GraphQuery q, String select, Consumer<DirectoryEntry> consumer) throws DirectoryReadException {
        // A user in two selected groups is given once; only ids are remembered, not users.
        Set<String> seen = q.groupIds().size() > 1 ? new HashSet<>() : null;
        long count = 0;
        for (String group : q.groupIds()) {
            String url = endpoints.graphBase() + "/groups/" + enc(group) + "/" + (q.transitiveMembers() ? "transitiveMembers" : "members") + "?" + select
                    + "&$top=" + q.pageSize();
            while (url != null) {
                JsonNode page = get(url, q.pageSize(), false);
                for (JsonNode item : values(page, url)) {
                    if (!isType(item, USER_TYPE, url)) {
                        continue;
                    }
                    DirectoryEntry e = user(item, url, q);
                    if (seen != null && !seen.add(e.id())) {
                        continue;
                    }
                    consumer.accept(e);
                    count++;
                }
                url = link(page, "@odata.nextLink", url);
            }
        }
        String note = q.deltaLink() != null ? "Graph has no delta read for members of groups: full read" : null;
        return new ReadResult(true, false, count, 0, null, note);
    }

    private DirectoryEntry user(JsonNode item, String url, GraphQuery q) throws DirectoryReadException {
        JsonNode idNode = item.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw new DirectoryReadException("Graph answer for " + path(url) + ": a user has no text id");
        }
        String id = idNode.asText();
        JsonNode removedNode = item.get("@removed");
        if (removedNode != null && !removedNode.isObject()) {
            throw new DirectoryReadException("Graph answer for " + path(url) + ": @removed of user " + id + " is not an object");
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().startsWith("@") || f.getKey().contains("@odata.")) {
                continue;
            }
            attributes.put(f.getKey(), values(f.getKey(), f.getValue(), id, url));
        }
        String upn = attributes.getOrDefault("userPrincipalName", List.of()).stream().findFirst().orElse(null);
        boolean removed = removedNode != null;
        List<String> groups = q.userGroups() && !removed ? groupsOf(id, q) : List.of();
        return new DirectoryEntry(id, upn, attributes, groups, removed);
    }

    private static List<String> values(String property, JsonNode v, String id, String url) throws DirectoryReadException {
        if (v.isNull()) {
            return List.of();
        }
        if (v.isValueNode()) {
            return List.of(v.asText());
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (e.isNull()) {
                    continue;
                }
                if (!e.isValueNode()) {
                    throw new DirectoryReadException("Graph answer for " + path(url) + ": property " + property + " of user " + id
                            + " holds objects, not values; choose plain properties");
                }
                out.add(e.asText());
            }
            return out;
        }
        throw new DirectoryReadException("Graph answer for " + path(url) + ": property " + property + " of user " + id
                + " is an object, not a value; choose plain properties");
    }

    /** The names of the groups the user is a direct member of, ignored ones left out. */
    private List<String> groupsOf(String userId, GraphQuery q) throws DirectoryReadException {
        List<String> names = new ArrayList<>();
        String url = endpoints.graphBase() + "/users/" + enc(userId) + "/memberOf?$select=id,displayName&$top=" + q.pageSize();
        while (url != null) {
            JsonNode page = get(url, q.pageSize(), false);
            for (JsonNode item : values(page, url)) {
                // Directory roles and administrative units are members' containers too; only groups count.
                if (!isType(item, GROUP_TYPE, url)) {
                    continue;
                }
                JsonNode name = item.get("displayName");
                if (name != null && !name.isNull() && !name.isTextual()) {
                    throw new DirectoryReadException("Graph answer for " + path(url) + ": displayName of a group is not text");
                }
                if (name != null && !name.isNull() && !name.asText().isBlank() && !q.ignoredGroups().ignores(name.asText())) {
                    names.add(name.asText());
                }
            }
            url = link(page, "@odata.nextLink", url);
        }
        return names;
    }

    private static boolean isType(JsonNode item, String type, String url) throws DirectoryReadException {
        JsonNode t = item.get("@odata.type");
        if (t == null) {
            // Collections of one type may leave it out.
            return true;
        }
        if (!t.isTextual()) {
            throw new DirectoryReadException("Graph answer for " + path(url) + ": @odata.type is not text");
        }
        return type.equalsIgnoreCase(t.asText());
    }

    private static JsonNode values(JsonNode page, String url) throws DirectoryReadException {
        JsonNode value = page.get("value");
        if (value == null || !value.isArray()) {
            throw new DirectoryReadException("Graph answer for " + path(url) + " has no \"value\" array: not a Graph collection");
        }
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw new DirectoryReadException("Graph answer for " + path(url) + ": an element of \"value\" is not an object");
            }
        }
        return value;
    }

    private String link(JsonNode page, String name, String url) throws DirectoryReadException {
        JsonNode l = page.get(name);
        if (l == null || l.isNull()) {
            return null;
        }
        if (!l.isTextual()) {
            throw new DirectoryReadException("Graph answer for " + path(url) + ": " + name + " is not text");
        }
        checkOrigin(l.asText(), name);
        return l.asText();
    }

    private void checkOrigin(String url, String what) throws DirectoryReadException {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new DirectoryReadException(what + " is not a URL");
        }
        URI base = endpoints.graphBase();
        if (!base.getScheme().equalsIgnoreCase(String.valueOf(u.getScheme())) || !base.getAuthority().equalsIgnoreCase(String.valueOf(u.getAuthority()))) {
            throw new DirectoryReadException(what + " leads to " + u.getScheme() + "://" + u.getAuthority() + ", not to Graph at " + base);
        }
    }

    /** GET with the app token; 429/503/504 and lost connections retried, a 401 answered by one new token. */
    private JsonNode get(String url, int pageSize, boolean deltaLinkRead) throws DirectoryReadException {
        checkOrigin(url, "The link");
        int retries = 0;
        boolean renewed = false;
        while (true) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET().timeout(endpoints.timeout())
                    .header("Authorization", "Bearer " + token()).header("Accept", "application/json")
                    .header("Prefer", "odata.maxpagesize=" + pageSize);
            HttpResponse<String> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (retries >= endpoints.maxRetries()) {
                    throw new DirectoryReadException("Graph cannot be reached at " + path(url) + " after " + (retries + 1) + " attempts: " + e.getMessage(), e);
                }
                pause(backoff(retries++));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DirectoryReadException("Read of Graph interrupted");
            }
            int status = r.statusCode();
            if (status == 200) {
                try {
                    JsonNode n = JSON.readTree(r.body());
                    if (n == null || !n.isObject()) {
                        throw new DirectoryReadException("Graph answer for " + path(url) + " is not a JSON object");
                    }
                    return n;
                } catch (JsonProcessingException e) {
                    throw new DirectoryReadException("Graph answer for " + path(url) + " is not JSON: " + e.getOriginalMessage());
                }
            }
            if (status == 401 && !renewed) {
                // The token may have expired during a long read.
                token = null;
                renewed = true;
                continue;
            }
            if ((status == 429 || status == 503 || status == 504) && retries < endpoints.maxRetries()) {
                Duration wait = retryAfter(r).orElse(backoff(retries));
                retries++;
                pause(wait.compareTo(endpoints.maxRetryWait()) > 0 ? endpoints.maxRetryWait() : wait);
                continue;
            }
            String error = graphError(r.body());
            if (deltaLinkRead && (status == 410 || error.toLowerCase().contains("resync") || error.contains("syncStateNotFound"))) {
                throw new DeltaExpiredException("Graph no longer knows the delta token (HTTP " + status + " " + error + "): a full read is needed");
            }
            throw new DirectoryReadException("Graph answered HTTP " + status + " for " + path(url) + (error.isEmpty() ? "" : ": " + error)
                    + (status == 429 || status == 503 || status == 504 ? " (still after " + retries + " retries)" : ""));
        }
    }

    private void pause(Duration d) throws DirectoryReadException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryReadException("Read of Graph interrupted");
        }
    }

    private Duration backoff(int retry) {
        Duration d = Duration.ofSeconds(1L << Math.min(retry, 10));
        return d.compareTo(endpoints.maxRetryWait()) > 0 ? endpoints.maxRetryWait() : d;
    }

    static java.util.Optional<Duration> retryAfter(HttpResponse<?> r) {
        return r.headers().firstValue("Retry-After").map(String::strip).flatMap(v -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
            } catch (NumberFormatException e) {
                try {
                    Duration d = Duration.between(Instant.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                    return java.util.Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException e2) {
                    return java.util.Optional.empty();
                }
            }
        });
    }

    private static String graphError(String body) {
        try {
            JsonNode e = JSON.readTree(body).path("error");
            String code = e.path("code").asText("");
            String message = e.path("message").asText("");
            return (code + (message.isEmpty() ? "" : " " + message)).strip();
        } catch (JsonProcessingException | RuntimeException e) {
            return "";
        }
    }

    private String token() throws DirectoryReadException {
        if (token != null && Instant.now().isBefore(tokenValidUntil)) {
            return token;
        }
        URI endpoint = URI.create(server.authority() + "/" + server.tenantId() + "/oauth2/v2.0/token");
        try {
            HTTPRequest request = new TokenRequest(endpoint, new ClientSecretPost(new ClientID(server.clientId()), new Secret(server.clientSecret())),
                    new ClientCredentialsGrant(), new Scope(endpoints.scope())).toHTTPRequest();
            int ms = (int) endpoints.timeout().toMillis();
            request.setConnectTimeout(ms);
            request.setReadTimeout(ms);
            TokenResponse response = TokenResponse.parse(request.send());
            if (!response.indicatesSuccess()) {
                ErrorObject e = response.toErrorResponse().getErrorObject();
                throw new DirectoryReadException("Azure AD refused the app token for tenant " + server.tenantId() + ": " + e.getCode()
                        + (e.getDescription() == null ? "" : " (" + e.getDescription() + ")") + "; check the client id, secret and the application's Graph permissions");
            }
            AccessToken at = response.toSuccessResponse().getTokens().getAccessToken();
            long lifetime = at.getLifetime() > 0 ? at.getLifetime() : 3600;
            token = at.getValue();
            tokenValidUntil = Instant.now().plusSeconds(lifetime).minus(TOKEN_MARGIN);
            return token;
        } catch (IOException | ParseException e) {
            throw new DirectoryReadException("The token endpoint " + endpoint + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The URL without its query, which may hold a delta or skip token. */
    private static String path(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",").replace("%24", "$");
    }
}
