package org.ream.central.replication.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Good and bad payloads through the reader: what it accepts, and the reason and line of each refusal. */
class PayloadReaderTest {

    static final PayloadHeader HEADER = new PayloadHeader("Prague", "2026-11-25T22:00:00Z-000017", "000017",
            Instant.parse("2026-11-25T22:00:01Z"), List.of("session", "printer"));
    static final String HEADER_LINE = "{\"format\":\"ream-payload\",\"version\":1,\"site\":\"Prague\",\"batch\":\"b1\",\"cursor\":\"c1\","
            + "\"created\":\"2026-11-25T22:00:01Z\",\"types\":[\"session\",\"printer\"]}";
    static final String P1 = "{\"type\":\"printer\",\"id\":\"p-12\",\"name\":\"Floor 2 colour\"}";
    static final String S1 = "{\"type\":\"session\",\"id\":\"s-9913\",\"userId\":\"u-77\",\"username\":\"tom\",\"priceUser\":1.25}";

    static byte[] written() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PayloadWriter w = new PayloadWriter(out, HEADER)) {
            w.write(RecordType.PRINTER, "p-12", Map.of("name", "Floor 2 colour", "groupIds", List.of("g-1")));
            w.write(RecordType.SESSION, "s-9913", Map.of("userId", "u-77", "username", "tom", "priceUser", 1.25));
        }
        return out.toByteArray();
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static String trailer(int count, String... records) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String r : records) {
            sha.update((r + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return "{\"type\":\"end\",\"records\":" + count + ",\"sha256\":\"" + HexFormat.of().formatHex(sha.digest()) + "\"}";
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static PayloadSummary read(byte[] gz) throws PayloadException {
        try (PayloadReader r = PayloadReader.open(new ByteArrayInputStream(gz))) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertThat(r.next()).isNull();
            return new PayloadSummary(r.header(), n, Map.of());
        }
    }

    static PayloadException refusal(byte[] gz) {
        try {
            read(gz);
        } catch (PayloadException e) {
            return e;
        }
        throw new AssertionError("payload accepted");
    }

    @Test
    void readsWhatTheWriterWrites() throws Exception {
        try (PayloadReader r = PayloadReader.open(new ByteArrayInputStream(written()))) {
            assertThat(r.header()).isEqualTo(HEADER);
            PayloadRecord printer = r.next();
            assertThat(printer.type()).isEqualTo(RecordType.PRINTER);
            assertThat(printer.id()).isEqualTo("p-12");
            assertThat(printer.line()).isEqualTo(2);
            assertThat(printer.fields().get("groupIds").get(0).asText()).isEqualTo("g-1");
            PayloadRecord session = r.next();
            assertThat(session.fields().get("priceUser").decimalValue()).isEqualByComparingTo("1.25");
            assertThat(r.next()).isNull();
            assertThat(r.recordCount()).isEqualTo(2);
        }
    }

    @Test
    void acceptsAHandWrittenPayloadAndAnEmptyOne() throws Exception {
        assertThat(read(gzip(lines(HEADER_LINE, P1, S1, trailer(2, P1, S1)))).records()).isEqualTo(2);
        assertThat(read(gzip(HEADER_LINE + "\n" + trailer(0))).records()).isZero();
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        PayloadException e = refusal(gzip(lines(HEADER_LINE, P1, S1)));
        assertThat(e.reason()).contains("truncated").contains("2 records");
        assertThat(e.line()).isEqualTo(4);

        PayloadException partial = refusal(gzip(HEADER_LINE + "\n" + P1 + "\n" + S1.substring(0, 30)));
        assertThat(partial).hasMessage("line 3: truncated: the last line is cut short");

        byte[] whole = written();
        PayloadException cut = refusal(Arrays.copyOf(whole, whole.length - 12));
        assertThat(cut.getMessage()).contains("truncated");
    }

    @Test
    void refusesAWrongCountOrChecksum() throws Exception {
        PayloadException count = refusal(gzip(lines(HEADER_LINE, P1, S1, trailer(3, P1, S1))));
        assertThat(count.reason()).contains("counts 3 records but the payload holds 2");
        assertThat(count.line()).isEqualTo(4);

        String altered = S1.replace("1.25", "9.25");
        PayloadException sum = refusal(gzip(lines(HEADER_LINE, P1, altered, trailer(2, P1, S1))));
        assertThat(sum.reason()).contains("SHA-256");
    }

    @Test
    void refusesBadLinesNamingThem() throws Exception {
        assertThat(refusal(gzip(lines(HEADER_LINE, P1, "{\"type\":\"session\",\"id\":", trailer(2)))))
                .hasMessageStartingWith("line 3: not valid JSON");
        assertThat(refusal(gzip(lines(HEADER_LINE, "[1,2]", trailer(1))))).hasMessage("line 2: not a JSON object");
        assertThat(refusal(gzip(lines(HEADER_LINE, "{\"id\":\"x\"}", trailer(1))))).hasMessage("line 2: no \"type\"");
        assertThat(refusal(gzip(lines(HEADER_LINE, "{\"type\":\"coffee\",\"id\":\"x\"}", trailer(1)))))
                .hasMessage("line 2: unknown type \"coffee\"");
        assertThat(refusal(gzip(lines(HEADER_LINE, "{\"type\":\"printer\",\"id\":\"\"}", trailer(1)))).reason()).contains("no \"id\"");
        assertThat(refusal(gzip(lines(HEADER_LINE, "{\"type\":\"printer\",\"id\":7}", trailer(1)))).reason()).contains("no \"id\"");
        assertThat(refusal(gzip(lines(HEADER_LINE, "{\"type\":\"printer\",\"id\":\"" + "x".repeat(65) + "\"}", trailer(1)))).reason())
                .contains("longer than 64");
        assertThat(refusal(gzip(lines(HEADER_LINE, P1, "", S1, trailer(2, P1, S1))))).hasMessage("line 3: empty line");
    }

    @Test
    void refusesContentAfterTheTrailer() throws Exception {
        assertThat(refusal(gzip(lines(HEADER_LINE, P1, trailer(1, P1), S1))).reason()).contains("after the trailer");
        assertThat(read(gzip(lines(HEADER_LINE, P1, trailer(1, P1), "", ""))).records()).isEqualTo(1);
    }

    @Test
    void refusesAnotherFormatOrVersion() throws Exception {
        PayloadException version = refusal(gzip(lines(HEADER_LINE.replace("\"version\":1", "\"version\":2"), trailer(0))));
        assertThat(version.line()).isEqualTo(1);
        assertThat(version.reason()).isEqualTo("unsupported payload version 2: this server reads version 1");
        assertThat(refusal(gzip(lines(HEADER_LINE.replace("ream-payload", "csv"), trailer(0)))).reason()).contains("not a Ream payload");
        assertThat(refusal(gzip(lines(HEADER_LINE.replace("\"cursor\":\"c1\",", ""), trailer(0)))).reason()).contains("\"cursor\"");
        assertThat(refusal(gzip(lines(HEADER_LINE.replace("2026-11-25T22:00:01Z", "yesterday"), trailer(0)))).reason()).contains("\"created\"");
        assertThat(refusal(gzip(lines(HEADER_LINE.replace("\"printer\"]", "\"printer\",\"coffee\"]"), trailer(0)))).reason())
                .contains("unknown type \"coffee\"");
        assertThat(refusal(gzip("")).reason()).contains("no header");
    }

    @Test
    void refusesWhatIsNotGzip() {
        PayloadException e = refusal(lines(HEADER_LINE, trailer0()).getBytes(StandardCharsets.UTF_8));
        assertThat(e.reason()).startsWith("not a gzip stream");
        byte[] corrupt = written();
        for (int i = 20; i < corrupt.length - 10; i++) {
            corrupt[i] ^= (byte) 0x5a;
        }
        assertThat(refusal(corrupt)).isNotNull();
    }

    static String trailer0() {
        try {
            return trailer(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void verifyCountsTheRecordsOfAStoredFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("payload", ".ndjson.gz");
        try {
            java.nio.file.Files.write(file, written());
            PayloadSummary summary = PayloadReader.verify(file);
            assertThat(summary.records()).isEqualTo(2);
            assertThat(summary.perType()).containsEntry(RecordType.PRINTER, 1).containsEntry(RecordType.SESSION, 1);
            assertThat(PayloadReader.readHeader(file).batch()).isEqualTo(HEADER.batch());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
