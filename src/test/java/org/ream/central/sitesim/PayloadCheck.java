package org.ream.central.sitesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads a payload as docs/site-protocol.md says a central server must: anything off is refused. */
final class PayloadCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Payload(JsonNode header, List<JsonNode> records) {
    }

    static Payload read(byte[] gzip) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        List<JsonNode> records = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(gzip)),
                StandardCharsets.UTF_8))) {
            JsonNode header = JSON.readTree(in.readLine());
            if (!"ream-payload".equals(header.path("format").asText()) || header.path("version").asInt() != 1) {
                throw new IOException("not a version 1 payload: " + header);
            }
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode node = JSON.readTree(line);
                if (!node.isObject()) {
                    throw new IOException("line is not an object: " + line);
                }
                if ("end".equals(node.path("type").asText())) {
                    if (in.readLine() != null) {
                        throw new IOException("lines after the trailer");
                    }
                    if (node.path("records").asInt() != records.size()) {
                        throw new IOException("trailer counts " + node.path("records") + ", read " + records.size());
                    }
                    if (!node.path("sha256").asText().equals(HexFormat.of().formatHex(digest.digest()))) {
                        throw new IOException("SHA-256 of the records does not match the trailer's");
                    }
                    return new Payload(header, records);
                }
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
                records.add(node);
            }
        }
        throw new IOException("no trailer");
    }

    private PayloadCheck() {
    }
}
