package org.ream.central.sitesim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/**
 * A payload as docs/site-protocol.md describes it: gzip of UTF-8 NDJSON, header line, one line
 * per record, trailer {"type":"end","records":n,"sha256":hex of the record lines, each with its
 * newline}. Kept apart so the codec's PayloadWriter can take its place once merged.
 */
public final class NdjsonPayloadOut implements PayloadOut {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream target;
    private final GZIPOutputStream gzip;
    private final OutputStream lines;
    private final MessageDigest digest;
    private int records;
    private boolean begun;
    private boolean ended;

    public NdjsonPayloadOut(OutputStream target) {
        this(target, UnaryOperator.identity());
    }

    /** {@code plainFilter} sees the uncompressed lines on their way to gzip (a misbehaving site corrupts them there). */
    NdjsonPayloadOut(OutputStream target, UnaryOperator<OutputStream> plainFilter) {
        try {
            this.target = target;
            this.gzip = new GZIPOutputStream(target, 65536, true);
            this.lines = plainFilter.apply(gzip);
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key;
    private BatchHeader header;

    @Override
    public void signWith(byte[] siteKey) {
        this.key = siteKey;
    }

    @Override
    public void begin(BatchHeader header) {
        if (begun) {
            throw new IllegalStateException("payload already begun");
        }
        begun = true;
        this.header = header;
        ObjectNode h = JSON.createObjectNode();
        h.put("format", "ream-payload");
        h.put("version", 1);
        h.put("site", header.site());
        h.put("batch", header.batch());
        h.put("cursor", header.cursor());
        h.put("created", header.created().toString());
        header.types().forEach(h.putArray("types")::add);
        line(h, false);
    }

    @Override
    public void record(SimRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", record.type());
        node.put("id", record.id());
        for (Map.Entry<String, Object> e : record.fields().entrySet()) {
            node.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        line(node, true);
    }

    @Override
    public void finish() {
        ObjectNode t = JSON.createObjectNode();
        t.put("type", "end");
        t.put("records", records);
        String sha = HexFormat.of().formatHex(digest.digest());
        t.put("sha256", sha);
        if (key != null && header != null) {
            t.put("signature", org.ream.central.replication.payload.SiteKeys.payloadSignature(key, header.site(), header.batch(), sha));
        }
        line(t, false);
        ended = true;
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void abort() {
        ended = true;
        try {
            lines.flush(); // sync flush: the lines so far can be inflated, the gzip end never comes
            target.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int records() {
        return records;
    }

    private void line(ObjectNode node, boolean record) {
        if (!begun || ended) {
            throw new IllegalStateException(ended ? "payload already ended" : "payload not begun");
        }
        try {
            byte[] bytes = JSON.writeValueAsBytes(node);
            lines.write(bytes);
            lines.write('\n');
            if (record) {
                digest.update(bytes);
                digest.update((byte) '\n');
                records++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
