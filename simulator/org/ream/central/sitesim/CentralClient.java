package org.ream.central.sitesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a site asks the central server (docs/site-protocol.md, "Site → central"): register, then its users. */
public final class CentralClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI central;
    private final RequestSigner signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public CentralClient(URI central, RequestSigner signer) {
        this.central = central;
        this.signer = signer;
    }

    /** Registers (or updates) the site; answers the central server's settings for it. */
    public JsonNode register(String site, String address, int port) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", site);
        body.put("address", address);
        body.put("port", port);
        body.put("secure", false);
        body.put("version", "site-simulator-1");
        body.putObject("licences").put("embedded", 2).put("embeddedLite", 1);
        return call(site, "POST", "/site-api/v1/register", JSON.writeValueAsBytes(body));
    }

    /** The user names the central server gives the site, paging with {@code since} until {@code more} is false. */
    public List<String> usernames(String site) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        long since = 0;
        while (true) {
            JsonNode page = call(site, "GET", "/site-api/v1/users?since=" + since + "&limit=1000", new byte[0]);
            for (JsonNode item : page.path("items")) {
                String name = item.path("username").asText(item.path("name").asText(""));
                if (!item.path("deleted").asBoolean(false) && !name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
            long next = page.path("next").asLong(since);
            if (!page.path("more").asBoolean(false) || next == since) {
                return names;
            }
            since = next;
        }
    }

    private JsonNode call(String site, String method, String pathAndQuery, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(central.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body.length > 0) {
            b.header("Content-Type", "application/json");
        }
        signer.headers(site, method, pathAndQuery, body).forEach(b::header);
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + pathAndQuery + ": HTTP " + r.statusCode());
        }
        return r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}
