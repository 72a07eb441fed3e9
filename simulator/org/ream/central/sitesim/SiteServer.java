package org.ream.central.sitesim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One simulated site's HTTP side (docs/site-protocol.md, "Central → site"):
 * {@code GET /ream-site/v1/status} and {@code GET /ream-site/v1/export?after=&types=}, answering
 * 204 once every batch has been fetched. A misbehaviour can be set for every request or for the
 * next one only.
 */
public final class SiteServer implements Closeable {

    private static final Logger LOG = Logger.getLogger(SiteServer.class.getName());
    private static final String BASE = "/ream-site/v1/";

    private volatile ActivityGenerator site;
    private final RequestCheck check;
    private final Function<OutputStream, PayloadOut> payloads;
    private final HttpServer http;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger exports = new AtomicInteger();
    private volatile Misbehaviour misbehaviour = Misbehaviour.NONE;
    private volatile boolean once;
    private volatile long timeoutMillis = 120_000;

    /** Binds {@code address} (port 0: any free port); requests run on {@code executor}. Call {@link #start()}. */
    public SiteServer(ActivityGenerator site, InetSocketAddress address, Executor executor, RequestCheck check)
            throws IOException {
        this(site, address, executor, check, NdjsonPayloadOut::new);
    }

    /** As above, writing payloads with {@code payloads} (the codec's writer once merged). */
    public SiteServer(ActivityGenerator site, InetSocketAddress address, Executor executor, RequestCheck check,
            Function<OutputStream, PayloadOut> payloads) throws IOException {
        this(site, address, executor, check, payloads, null);
    }

    /** A site with "secure connection" on: HTTPS with the certificate of {@code tls}. */
    public static SiteServer https(ActivityGenerator site, InetSocketAddress address, Executor executor, RequestCheck check,
            javax.net.ssl.SSLContext tls) throws IOException {
        return new SiteServer(site, address, executor, check, NdjsonPayloadOut::new, tls);
    }

    private SiteServer(ActivityGenerator site, InetSocketAddress address, Executor executor, RequestCheck check,
            Function<OutputStream, PayloadOut> payloads, javax.net.ssl.SSLContext tls) throws IOException {
        this.site = site;
        this.check = check;
        this.payloads = payloads;
        if (tls == null) {
            this.http = HttpServer.create(address, 64);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            this.http = https;
        }
        this.http.setExecutor(executor);
        this.http.createContext(BASE, this::handle);
    }

    public SiteServer start() {
        http.start();
        return this;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Plays another site's activity from now on: the one registered, once its port is known. */
    public void site(ActivityGenerator site) {
        this.site = site;
    }

    public ActivityGenerator site() {
        return site;
    }

    /** Misbehaves on every request from now on ({@code onlyNext}: on the next one only). */
    public void misbehave(Misbehaviour mode, boolean onlyNext) {
        this.once = onlyNext;
        this.misbehaviour = mode;
    }

    /** How long a {@link Misbehaviour#TIMEOUT} request is held before the connection is dropped. */
    public void timeoutMillis(long millis) {
        this.timeoutMillis = millis;
    }

    /** Export requests answered so far, misbehaving or not. */
    public int exports() {
        return exports.get();
    }

    @Override
    public void close() {
        closing.countDown();
        http.stop(0);
    }

    private Misbehaviour take(boolean export) {
        Misbehaviour m = misbehaviour;
        if (m.payload() && !export) {
            return Misbehaviour.NONE;
        }
        if (once && m != Misbehaviour.NONE) {
            misbehaviour = Misbehaviour.NONE;
        }
        return m;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean export = path.equals(BASE + "export");
            if (!exchange.getRequestMethod().equals("GET") || !(export || path.equals(BASE + "status"))) {
                text(exchange, 404, "Not found");
                return;
            }
            String refusal = check.refusal(exchange);
            if (refusal != null) {
                LOG.warning(() -> site.spec().name() + ": request refused: " + refusal);
                text(exchange, 401, "Refused");
                return;
            }
            if (export) {
                exports.incrementAndGet();
            }
            Misbehaviour m = take(export);
            switch (m) {
                case TIMEOUT -> {
                    closing.await(timeoutMillis, TimeUnit.MILLISECONDS);
                    return; // the connection drops without an answer
                }
                case ERROR_500 -> text(exchange, 500, "Internal server error");
                case BODY_ZERO -> text(exchange, 200, "0");
                case NOT_FOUND -> text(exchange, 404, "Unknown");
                default -> {
                    if (export) {
                        export(exchange, m);
                    } else {
                        text(exchange, 200, "{\"site\":\"" + site.spec().name().replace("\"", "") + "\",\"state\":\"READY\","
                                + "\"batches\":" + site.batches() + "}");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, site.spec().name() + ": request failed", e);
        }
    }

    private void export(HttpExchange exchange, Misbehaviour m) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int batch;
        List<String> types;
        try {
            String after = query.get("after");
            batch = after == null || after.isEmpty() ? 1 : Integer.parseInt(after) + 1;
            if (batch < 1) {
                throw new NumberFormatException(after);
            }
            types = RecordTypes.chosen(query.get("types"));
        } catch (IllegalArgumentException e) { // NumberFormatException too
            text(exchange, 400, "Bad request: " + e.getMessage());
            return;
        }
        if (batch > site.batches()) {
            exchange.getResponseHeaders().set("Content-Length", "0");
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/gzip");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        if (m == Misbehaviour.CORRUPT_LINE) {
            Payloads.write(site, batch, types, m, body, check.payloadKey());
        } else {
            PayloadOut out = payloads.apply(body);
            out.signWith(check.payloadKey());
            Payloads.write(site, batch, types, m, out);
        }
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw == null) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            map.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }
}
