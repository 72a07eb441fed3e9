package org.ream.central.sitesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiteServerTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ExecutorService executor;
    private SiteServer server;

    @BeforeEach
    void start() throws Exception {
        executor = Executors.newFixedThreadPool(4);
        server = new SiteServer(new ActivityGenerator(SiteSpec.of(0, 9, 6, 25, 2)), new InetSocketAddress("127.0.0.1", 0),
                executor, RequestCheck.ACCEPT_ALL).start();
    }

    @AfterEach
    void stop() {
        server.close();
        executor.shutdownNow();
    }

    @Test
    void statusIsReady() throws Exception {
        HttpResponse<String> r = get("/ream-site/v1/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"site\":\"Site-001\"", "\"state\":\"READY\"");
    }

    @Test
    void exportsOneBatchPerDayThen204() throws Exception {
        HttpResponse<byte[]> first = export("");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/gzip");
        PayloadCheck.Payload one = PayloadCheck.read(first.body());
        assertThat(one.header().path("site").asText()).isEqualTo("Site-001");
        assertThat(one.header().path("cursor").asText()).isEqualTo("000001");
        assertThat(one.header().path("batch").asText()).isEqualTo("2026-11-03T00:00:05Z-000001");
        assertThat(one.records()).anyMatch(r -> r.path("type").asText().equals("printer"))
                .anyMatch(r -> r.path("type").asText().equals("session"));

        PayloadCheck.Payload two = PayloadCheck.read(export("after=000001").body());
        assertThat(two.header().path("cursor").asText()).isEqualTo("000002");
        assertThat(two.records()).noneMatch(r -> r.path("type").asText().equals("printer"));
        assertThat(two.records()).allMatch(r -> r.path("id").asText().matches("[a-z]+-2-\\d+"));

        HttpResponse<byte[]> none = export("after=000002");
        assertThat(none.statusCode()).isEqualTo(204);
        assertThat(none.body()).isEmpty();
    }

    @Test
    void sendsTheChosenTypesAndThoseAlwaysSent() throws Exception {
        PayloadCheck.Payload p = PayloadCheck.read(export("types=job").body());
        assertThat(p.header().path("types").toString()).isEqualTo("[\"printer\",\"job\",\"session\"]");
        assertThat(p.records()).map(r -> r.path("type").asText()).containsOnly("printer", "job", "session");
        assertThat(export("types=bogus").statusCode()).isEqualTo(400);
        assertThat(export("after=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void answersTheStatusesOfTheManual() throws Exception {
        server.misbehave(Misbehaviour.ERROR_500, false);
        assertThat(export("").statusCode()).isEqualTo(500);
        assertThat(get("/ream-site/v1/status").statusCode()).isEqualTo(500);
        server.misbehave(Misbehaviour.BODY_ZERO, false);
        HttpResponse<String> zero = get("/ream-site/v1/status");
        assertThat(zero.statusCode()).isEqualTo(200);
        assertThat(zero.body()).isEqualTo("0");
        server.misbehave(Misbehaviour.NOT_FOUND, false);
        assertThat(export("").statusCode()).isEqualTo(404);
    }

    @Test
    void aTimeoutLeavesTheRequestUnanswered() throws Exception {
        server.misbehave(Misbehaviour.TIMEOUT, true);
        server.timeoutMillis(10_000);
        HttpRequest request = HttpRequest.newBuilder(uri("/ream-site/v1/export")).timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(export("").statusCode()).isEqualTo(200); // only the one request
    }

    @Test
    void aTruncatedPayloadHasNoTrailer() throws Exception {
        server.misbehave(Misbehaviour.TRUNCATED, true);
        HttpResponse<byte[]> r = export("");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> PayloadCheck.read(r.body())).hasMessageContaining("end of ZLIB input");
        PayloadCheck.read(export("").body()); // the next one is whole
    }

    @Test
    void aCorruptLineIsNotJson() throws Exception {
        server.misbehave(Misbehaviour.CORRUPT_LINE, false);
        HttpResponse<byte[]> r = export("");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> PayloadCheck.read(r.body())).isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void duplicatesAreWellFormedRecordsSentTwice() throws Exception {
        server.misbehave(Misbehaviour.DUPLICATES, false);
        List<JsonNode> records = PayloadCheck.read(export("").body()).records();
        Set<String> keys = new HashSet<>();
        long twice = records.stream().filter(r -> !keys.add(r.path("type").asText() + "/" + r.path("id").asText())).count();
        assertThat(twice).isEqualTo((records.size() + 10) / 11);
        server.misbehave(Misbehaviour.NONE, false);
        assertThat(PayloadCheck.read(export("").body()).records()).hasSize(keys.size());
    }

    private HttpResponse<byte[]> export(String query) throws Exception {
        return client.send(HttpRequest.newBuilder(uri("/ream-site/v1/export" + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
