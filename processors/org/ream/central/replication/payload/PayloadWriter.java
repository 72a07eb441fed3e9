package org.ream.central.replication.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a payload as a site does (the simulator, tests): header, one line per record, and on
 * {@link #close()} the trailer with the record count and the SHA-256 of the record lines.
 */
public final class PayloadWriter implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GZIPOutputStream out;
    private final MessageDigest digest = PayloadReader.sha256();
    private final PayloadHeader header;
    private int records;
    private boolean closed;

    public PayloadWriter(OutputStream target, PayloadHeader header) {
        this.header = header;
        try {
            this.out = new GZIPOutputStream(target, 65536);
            ObjectNode h = JSON.createObjectNode();
            h.put("format", PayloadHeader.FORMAT);
            h.put("version", PayloadHeader.VERSION);
            h.put("site", header.site());
            h.put("batch", header.batch());
            h.put("cursor", header.cursor());
            h.put("created", header.created().toString());
            ArrayNode types = h.putArray("types");
            header.types().forEach(types::add);
            line(JSON.writeValueAsBytes(h), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a record of the given type and site id; {@code fields} are the other members (values as Jackson maps them). */
    public void write(RecordType type, String id, Map<String, ?> fields) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type.wireName());
        node.put("id", id);
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            node.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        write(node);
    }

    /** Writes a record given whole, {@code type} and {@code id} included. */
    public void write(JsonNode record) {
        try {
            line(JSON.writeValueAsBytes(record), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int recordCount() {
        return records;
    }

    private void line(byte[] bytes, boolean record) throws IOException {
        if (closed) {
            throw new IllegalStateException("payload already closed");
        }
        out.write(bytes);
        out.write('\n');
        if (record) {
            digest.update(bytes);
            digest.update((byte) '\n');
            records++;
        }
    }

    /** Signs the payload with the site's key in its trailer, as a site serving it for download does. */
    public PayloadWriter signedWith(byte[] siteKey) {
        this.key = siteKey;
        return this;
    }

    private byte[] key;

    /** Writes the trailer and finishes the gzip stream; closes the target. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            ObjectNode t = JSON.createObjectNode();
            t.put("type", PayloadReader.TRAILER_TYPE);
            t.put("records", records);
            String sha = HexFormat.of().formatHex(digest.digest());
            t.put("sha256", sha);
            if (key != null) {
                t.put("signature", SiteKeys.payloadSignature(key, header.site(), header.batch(), sha));
            }
            line(JSON.writeValueAsBytes(t), false);
            closed = true;
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
