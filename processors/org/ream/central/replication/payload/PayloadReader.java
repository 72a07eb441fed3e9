package org.ream.central.replication.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams a payload (gzip NDJSON, docs/site-protocol.md): the header is checked on open, each
 * record as it is read, the trailer's count and SHA-256 when it is reached. Any fault is a
 * {@link PayloadException} naming the line; a caller that must not write from a refused
 * payload reads it whole first ({@link #verify}).
 */
public final class PayloadReader implements Closeable {

    public static final String TRAILER_TYPE = "end";
    /** Same as the SITE_RECORD_ID columns. */
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_BATCH_LENGTH = 100;
    /** A line longer than this is taken for corruption rather than read into memory. */
    public static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream in;
    private final MessageDigest digest;
    private final PayloadHeader header;
    private int line;
    private int records;
    private boolean finished;
    /** The last line read ended with the file, not with '\n'. */
    private boolean unterminated;
    private final byte[] buf = new byte[65536];
    private int pos;
    private int limit;
    private final MessageDigest lineDigest = sha256();

    private PayloadReader(InputStream raw) throws PayloadException {
        try {
            this.in = new GZIPInputStream(raw, 65536);
        } catch (IOException e) {
            closeQuietly(raw);
            throw new PayloadException(0, "not a gzip stream (" + e.getMessage() + ")", e);
        }
        this.digest = sha256();
        try {
            this.header = readHeader();
        } catch (PayloadException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** Opens a payload and checks its header. The stream is closed with the reader. */
    public static PayloadReader open(InputStream gzipped) throws PayloadException {
        return new PayloadReader(gzipped);
    }

    public static PayloadReader open(Path file) throws PayloadException {
        try {
            return new PayloadReader(Files.newInputStream(file));
        } catch (IOException e) {
            throw new PayloadException(0, "cannot read " + file.getFileName() + " (" + e.getMessage() + ")", e);
        }
    }

    /** Reads only the header line. */
    public static PayloadHeader readHeader(Path file) throws PayloadException {
        try (PayloadReader r = open(file)) {
            return r.header();
        }
    }

    /** Reads a whole payload and checks every line and the trailer, keeping nothing but counts. */
    public static PayloadSummary verify(Path file) throws PayloadException {
        try (PayloadReader r = open(file)) {
            return r.readToEnd();
        }
    }

    /** As {@link #verify(Path)}, from a stream (a payload pushed as a message body); the stream is closed. */
    public static PayloadSummary verify(InputStream gzipped) throws PayloadException {
        try (PayloadReader r = open(gzipped)) {
            return r.readToEnd();
        }
    }

    private PayloadSummary readToEnd() throws PayloadException {
        Map<RecordType, Integer> perType = new EnumMap<>(RecordType.class);
        PayloadRecord rec;
        while ((rec = next()) != null) {
            perType.merge(rec.type(), 1, Integer::sum);
        }
        return new PayloadSummary(header(), recordCount(), perType);
    }

    public PayloadHeader header() {
        return header;
    }

    /** The SHA-256 (hex) of the record lines, once the trailer has been read and matched. */
    public String recordsSha256() {
        return recordsSha256;
    }

    /** The trailer's {@code signature} (SiteKeys.payloadSignature), or null when it has none. */
    public String trailerSignature() {
        return trailerSignature;
    }

    private String recordsSha256;
    private String trailerSignature;

    /** Records read so far. */
    public int recordCount() {
        return records;
    }

    /** The next record, or null once the trailer has been read and found to match. */
    public PayloadRecord next() throws PayloadException {
        if (finished) {
            return null;
        }
        byte[] bytes = readLine();
        if (bytes == null) {
            throw new PayloadException(line + 1, "truncated: the file ends after " + records + " records without its trailer");
        }
        ObjectNode node = parseObject(bytes);
        String type = text(node, "type");
        if (type == null) {
            throw new PayloadException(line, "no \"type\"");
        }
        if (TRAILER_TYPE.equals(type)) {
            checkTrailer(node);
            finished = true;
            return null;
        }
        digest.update(bytes);
        digest.update((byte) '\n');
        RecordType recordType = RecordType.fromWire(type)
                .orElseThrow(() -> new PayloadException(line, "unknown type \"" + type + "\""));
        String id = text(node, "id");
        if (id == null || id.isEmpty()) {
            throw new PayloadException(line, "no \"id\" (a non-empty string)");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new PayloadException(line, "\"id\" longer than " + MAX_ID_LENGTH + " characters");
        }
        records++;
        return new PayloadRecord(recordType, id, node, line, HexFormat.of().formatHex(lineDigest.digest(bytes)));
    }

    private PayloadHeader readHeader() throws PayloadException {
        byte[] bytes = readLine();
        if (bytes == null) {
            throw new PayloadException(1, "empty payload: no header");
        }
        ObjectNode node = parseObject(bytes);
        JsonNode format = node.get("format");
        if (format == null || !PayloadHeader.FORMAT.equals(format.asText(null))) {
            throw new PayloadException(1, "not a Ream payload (header format " + (format == null ? "missing" : format) + ")");
        }
        JsonNode version = node.get("version");
        if (version == null || !version.isInt() || version.intValue() != PayloadHeader.VERSION) {
            throw new PayloadException(1, "unsupported payload version " + (version == null ? "(missing)" : version.toString())
                    + ": this server reads version " + PayloadHeader.VERSION);
        }
        String site = required(node, "site");
        String batch = required(node, "batch");
        if (batch.length() > MAX_BATCH_LENGTH) {
            throw new PayloadException(1, "\"batch\" longer than " + MAX_BATCH_LENGTH + " characters");
        }
        String cursor = required(node, "cursor");
        Instant created;
        try {
            created = Instant.parse(required(node, "created"));
        } catch (DateTimeParseException e) {
            throw new PayloadException(1, "\"created\" is not an ISO-8601 instant");
        }
        JsonNode typesNode = node.get("types");
        if (typesNode == null || !typesNode.isArray()) {
            throw new PayloadException(1, "\"types\" is not a list");
        }
        List<String> types = new ArrayList<>();
        for (JsonNode t : typesNode) {
            if (!t.isTextual() || RecordType.fromWire(t.textValue()).isEmpty()) {
                throw new PayloadException(1, "unknown type " + t + " in \"types\"");
            }
            types.add(t.textValue());
        }
        return new PayloadHeader(site, batch, cursor, created, types);
    }

    private void checkTrailer(ObjectNode node) throws PayloadException {
        JsonNode count = node.get("records");
        if (count == null || !count.canConvertToLong()) {
            throw new PayloadException(line, "trailer without a \"records\" count");
        }
        if (count.longValue() != records) {
            throw new PayloadException(line, "trailer counts " + count.longValue() + " records but the payload holds " + records);
        }
        String expected = text(node, "sha256");
        if (expected == null) {
            throw new PayloadException(line, "trailer without \"sha256\"");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(expected)) {
            throw new PayloadException(line, "SHA-256 of the records does not match the trailer's");
        }
        recordsSha256 = actual;
        trailerSignature = text(node, "signature");
        int trailerLine = line;
        byte[] after = readLine();
        while (after != null) {
            if (after.length != 0) {
                throw new PayloadException(line, "content after the trailer (line " + trailerLine + ")");
            }
            after = readLine();
        }
    }

    private ObjectNode parseObject(byte[] bytes) throws PayloadException {
        if (bytes.length == 0) {
            throw new PayloadException(line, "empty line");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            if (unterminated) {
                throw new PayloadException(line, "truncated: the last line is cut short", e);
            }
            throw new PayloadException(line, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new PayloadException(line, "cannot be read (" + e.getMessage() + ")", e);
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new PayloadException(line, "not a JSON object");
        }
        return obj;
    }

    /**
     * One line without its '\n', or null at the end; bytes are hashed as they are, so lines are
     * split on '\n' only. Scans a buffer of its own: a byte-at-a-time read costs more than the
     * JSON parsing of the line.
     */
    private byte[] readLine() throws PayloadException {
        try {
            if (pos >= limit && !fill()) {
                return null;
            }
            line++;
            ByteArrayOutputStream longer = null;
            while (true) {
                int start = pos;
                int i = start;
                while (i < limit && buf[i] != '\n') {
                    i++;
                }
                int length = i - start;
                if ((longer == null ? 0 : longer.size()) + length > MAX_LINE_BYTES) {
                    throw new PayloadException(line, "line longer than " + MAX_LINE_BYTES + " bytes");
                }
                if (i < limit) {
                    pos = i + 1;
                    unterminated = false;
                    if (longer == null) {
                        return java.util.Arrays.copyOfRange(buf, start, i);
                    }
                    longer.write(buf, start, length);
                    return longer.toByteArray();
                }
                if (longer == null) {
                    longer = new ByteArrayOutputStream(Math.max(512, length * 2));
                }
                longer.write(buf, start, length);
                pos = limit;
                if (!fill()) {
                    unterminated = true;
                    return longer.toByteArray();
                }
            }
        } catch (EOFException e) {
            throw new PayloadException(line, "truncated: the compressed stream ends early", e);
        } catch (ZipException e) {
            throw new PayloadException(line, "corrupt compressed data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new PayloadException(line, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Refills the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private String required(ObjectNode node, String field) throws PayloadException {
        String v = text(node, field);
        if (v == null || v.isEmpty()) {
            throw new PayloadException(line, "header without \"" + field + "\"");
        }
        return v;
    }

    private static String text(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to tell than the refusal itself
        }
    }

    @Override
    public void close() {
        closeQuietly(in);
    }
}
