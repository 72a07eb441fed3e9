package org.ream.central.usersync.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A local stand-in for Entra ID's token endpoint and Microsoft Graph, following Graph's contract
 * for what the reader uses: app tokens by client credentials, /users/delta with nextLink pages
 * and a final deltaLink (state tokens carry the $select, removals as @removed), group members
 * and memberOf with @odata.type, 401 without a valid token, 410 for an unknown delta token.
 * Canned answers can be queued for the next Graph requests (429, malformed bodies).
 */
final class GraphStub implements AutoCloseable {

    static final String TENANT = "contoso-tenant";
    static final String CLIENT_ID = "sync-app";
    static final String SECRET = "app-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final Map<String, ObjectNode> users = new TreeMap<>();
    private final Map<String, Integer> changedAt = new HashMap<>();
    private final Map<String, Integer> removedAt = new TreeMap<>();
    private final Map<String, String> groupNames = new HashMap<>();
    private final Map<String, List<String>> members = new HashMap<>();
    private final Set<String> tokens = new HashSet<>();
    private int version;
    final Deque<Reply> canned = new ArrayDeque<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    int tokensIssued;

    GraphStub() throws IOException {
        this(0);
    }

    /** On a given port: for a server whose configuration names the stub before it starts. */
    GraphStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String authority() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String graph() {
        return authority() + "/v1.0";
    }

    synchronized void putUser(String id, String upn, Object... properties) {
        ObjectNode u = JSON.createObjectNode();
        u.put("@odata.type", "#microsoft.graph.user");
        u.put("id", id);
        u.put("userPrincipalName", upn);
        for (int i = 0; i + 1 < properties.length; i += 2) {
            u.set((String) properties[i], JSON.valueToTree(properties[i + 1]));
        }
        users.put(id, u);
        changedAt.put(id, ++version);
        removedAt.remove(id);
    }

    synchronized void deleteUser(String id) {
        users.remove(id);
        changedAt.remove(id);
        removedAt.put(id, ++version);
    }

    synchronized void putGroup(String id, String name, String... memberIds) {
        groupNames.put(id, name);
        members.put(id, List.of(memberIds));
    }

    /** Forgets users, groups, canned answers and requests (not the version counter: old delta tokens stay in the past). */
    synchronized void reset() {
        users.clear();
        changedAt.clear();
        removedAt.clear();
        groupNames.clear();
        members.clear();
        canned.clear();
        requests.clear();
    }

    synchronized void revokeTokens() {
        tokens.clear();
    }

    synchronized void enqueue(int status, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        canned.add(new Reply(status, h, body));
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            Reply r;
            synchronized (this) {
                r = answer(x);
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            r.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                x.getResponseBody().write(body);
            }
        }
    }

    private Reply answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath();
        Map<String, String> query = params(x.getRequestURI().getRawQuery());
        if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
            Map<String, String> form = params(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id")) || !SECRET.equals(form.get("client_secret"))) {
                return new Reply(401, Map.of(), "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}");
            }
            String token = "token-" + ++tokensIssued;
            tokens.add(token);
            return new Reply(200, Map.of(), "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + token + "\"}");
        }
        requests.add(path + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery()));
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
            return error(401, "InvalidAuthenticationToken", "Access token is empty or expired.");
        }
        if (!canned.isEmpty()) {
            return canned.poll();
        }
        int pageSize = pageSize(x, query);
        if (path.equals("/v1.0/users/delta")) {
            return delta(query, pageSize);
        }
        String[] parts = path.split("/");
        // /v1.0/groups/{id}/members|transitiveMembers, /v1.0/users/{id}/memberOf
        if (parts.length == 5 && parts[2].equals("groups") && (parts[4].equals("members") || parts[4].equals("transitiveMembers"))) {
            if (!groupNames.containsKey(parts[3])) {
                return error(404, "Request_ResourceNotFound", "Resource '" + parts[3] + "' does not exist.");
            }
            List<ObjectNode> out = new ArrayList<>();
            collectMembers(parts[3], parts[4].equals("transitiveMembers"), new HashSet<>(), out, select(query.get("$select")));
            return page(out, query, pageSize, x.getRequestURI().getRawPath());
        }
        if (parts.length == 5 && parts[2].equals("users") && parts[4].equals("memberOf")) {
            if (!users.containsKey(parts[3])) {
                return error(404, "Request_ResourceNotFound", "Resource '" + parts[3] + "' does not exist.");
            }
            List<ObjectNode> out = new ArrayList<>();
            for (Map.Entry<String, List<String>> g : new TreeMap<>(members).entrySet()) {
                if (g.getValue().contains(parts[3])) {
                    out.add(group(g.getKey()));
                }
            }
            // Users also belong to directory roles, which are not groups.
            ObjectNode role = JSON.createObjectNode();
            role.put("@odata.type", "#microsoft.graph.directoryRole");
            role.put("id", "role-1");
            role.put("displayName", "Global Reader");
            out.add(role);
            return page(out, query, pageSize, x.getRequestURI().getRawPath());
        }
        return error(400, "BadRequest", "Unsupported request " + path);
    }

    private ObjectNode group(String id) {
        ObjectNode g = JSON.createObjectNode();
        g.put("@odata.type", "#microsoft.graph.group");
        g.put("id", id);
        g.put("displayName", groupNames.get(id));
        return g;
    }

    private void collectMembers(String group, boolean transitive, Set<String> done, List<ObjectNode> out, Set<String> select) {
        for (String m : members.get(group)) {
            if (!done.add(m)) {
                continue;
            }
            if (users.containsKey(m)) {
                out.add(project(users.get(m), select));
            } else if (groupNames.containsKey(m)) {
                out.add(group(m));
                if (transitive) {
                    collectMembers(m, true, done, out, select);
                }
            } else {
                ObjectNode device = JSON.createObjectNode();
                device.put("@odata.type", "#microsoft.graph.device");
                device.put("id", m);
                out.add(device);
            }
        }
    }

    /** Pages by offset in $skiptoken; the next link repeats the original query. */
    private Reply page(List<ObjectNode> all, Map<String, String> query, int pageSize, String path) {
        int offset = query.containsKey("$skiptoken") ? Integer.parseInt(query.get("$skiptoken")) : 0;
        ObjectNode body = JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        all.subList(Math.min(offset, all.size()), Math.min(offset + pageSize, all.size())).forEach(value::add);
        if (offset + pageSize < all.size()) {
            StringBuilder link = new StringBuilder(graphOrigin() + path + "?");
            query.forEach((k, v) -> {
                if (!k.equals("$skiptoken")) {
                    link.append(k).append('=').append(enc(v)).append('&');
                }
            });
            body.put("@odata.nextLink", link.append("$skiptoken=").append(offset + pageSize).toString());
        }
        return new Reply(200, Map.of(), body.toString());
    }

    /** Delta state: "since|offset|snapshot|select"; a full round is since 0. */
    private Reply delta(Map<String, String> query, int pageSize) {
        int since;
        int offset = 0;
        int snapshot;
        String select;
        if (query.containsKey("$deltatoken")) {
            String[] s = state(query.get("$deltatoken"));
            if (s == null || s.length != 2 || !s[0].matches("\\d+")) {
                return error(410, "SyncStateNotFound", "The sync state is no longer available; restart without a delta token.");
            }
            since = Integer.parseInt(s[0]);
            snapshot = version;
            select = s[1];
        } else if (query.containsKey("$skiptoken")) {
            String[] s = state(query.get("$skiptoken"));
            since = Integer.parseInt(s[0]);
            offset = Integer.parseInt(s[1]);
            snapshot = Integer.parseInt(s[2]);
            select = s[3];
        } else {
            since = 0;
            snapshot = version;
            select = query.getOrDefault("$select", "");
        }
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode u : users.values()) {
            int v = changedAt.get(u.get("id").asText());
            if (v > since && v <= snapshot) {
                ObjectNode p = project(u, select(select));
                p.remove("@odata.type");
                items.add(p);
            }
        }
        if (since > 0) {
            removedAt.forEach((id, v) -> {
                if (v > since && v <= snapshot) {
                    ObjectNode gone = JSON.createObjectNode();
                    gone.put("id", id);
                    gone.putObject("@removed").put("reason", "deleted");
                    items.add(gone);
                }
            });
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        items.subList(Math.min(offset, items.size()), Math.min(offset + pageSize, items.size())).forEach(value::add);
        if (offset + pageSize < items.size()) {
            body.put("@odata.nextLink", graph() + "/users/delta?$skiptoken=" + token(since + "|" + (offset + pageSize) + "|" + snapshot + "|" + select));
        } else {
            body.put("@odata.deltaLink", graph() + "/users/delta?$deltatoken=" + token(snapshot + "|" + select));
        }
        return new Reply(200, Map.of(), body.toString());
    }

    private static ObjectNode project(ObjectNode u, Set<String> select) {
        ObjectNode p = JSON.createObjectNode();
        u.fields().forEachRemaining(f -> {
            if (f.getKey().startsWith("@") || f.getKey().equals("id") || select.isEmpty() || select.contains(f.getKey().toLowerCase())) {
                p.set(f.getKey(), f.getValue());
            }
        });
        return p;
    }

    private static Set<String> select(String s) {
        Set<String> out = new HashSet<>();
        if (s != null) {
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip().toLowerCase());
                }
            }
        }
        return out;
    }

    private static int pageSize(HttpExchange x, Map<String, String> query) {
        String prefer = x.getRequestHeaders().getFirst("Prefer");
        if (query.containsKey("$top")) {
            return Integer.parseInt(query.get("$top"));
        }
        if (prefer != null && prefer.startsWith("odata.maxpagesize=")) {
            return Integer.parseInt(prefer.substring("odata.maxpagesize=".length()));
        }
        return 100;
    }

    private static String token(String state) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(state.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] state(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Reply error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return new Reply(status, Map.of(), body.toString());
    }

    private String graphOrigin() {
        return authority();
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            m.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
