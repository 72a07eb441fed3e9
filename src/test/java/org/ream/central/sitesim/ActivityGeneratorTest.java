package org.ream.central.sitesim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivityGeneratorTest {

    private static final Set<String> ALL = Set.copyOf(RecordTypes.ALL);

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() throws Exception {
        SiteSpec spec = SiteSpec.of(3, 42, 12, 40, 3);
        assertThat(digest(new ActivityGenerator(spec))).isEqualTo(digest(new ActivityGenerator(spec)));
        assertThat(digest(new ActivityGenerator(SiteSpec.of(3, 43, 12, 40, 3)))).isNotEqualTo(digest(new ActivityGenerator(spec)));
        assertThat(digest(new ActivityGenerator(SiteSpec.of(4, 42, 12, 40, 3)))).isNotEqualTo(digest(new ActivityGenerator(spec)));
    }

    @Test
    void aDayIsTheSameWhetherAskedAloneOrWithFewerTypes() {
        ActivityGenerator site = new ActivityGenerator(SiteSpec.of(0, 7, 5, 30, 2));
        List<SimRecord> all = new ArrayList<>();
        site.batch(2, ALL, all::add);
        List<SimRecord> sessions = new ArrayList<>();
        new ActivityGenerator(SiteSpec.of(0, 7, 5, 30, 2)).batch(2, RecordTypes.ALWAYS, sessions::add);
        assertThat(sessions).isNotEmpty().allMatch(r -> r.type().equals(RecordTypes.SESSION));
        assertThat(all.stream().filter(r -> r.type().equals(RecordTypes.SESSION)).toList()).isEqualTo(sessions);
    }

    @Test
    void countsFollowTheOptions() {
        SiteSpec spec = SiteSpec.of(1, 5, 17, 60, 7); // Monday 2 to Sunday 8 November 2026
        ActivityGenerator site = new ActivityGenerator(spec);
        Map<String, Integer> counts = new HashMap<>();
        Set<String> ids = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (int k = 1; k <= site.batches(); k++) {
            site.batch(k, ALL, r -> {
                counts.merge(r.type(), 1, Integer::sum);
                assertThat(ids.add(r.type() + "/" + r.id())).as("unique id %s", r.id()).isTrue();
                if (r.fields().get("username") instanceof String name) {
                    users.add(name);
                }
            });
        }
        assertThat(site.batches()).isEqualTo(7);
        assertThat(counts.get(RecordTypes.PRINTER)).isEqualTo(17);
        assertThat(counts.get(RecordTypes.SESSION)).isEqualTo(5 * 240 + 2 * 19); // 60 users x 4, a twelfth at weekends
        assertThat(counts.get(RecordTypes.JOB)).isGreaterThan(counts.get(RecordTypes.SESSION) / 2);
        assertThat(counts.get(RecordTypes.PRINTER_JOB)).isGreaterThanOrEqualTo(counts.get(RecordTypes.SESSION));
        assertThat(counts).containsKeys(RecordTypes.PRINTER_GROUP, RecordTypes.PRICE_LIST, RecordTypes.PROJECT,
                RecordTypes.PRINTER_EVENT, RecordTypes.TONER_REPLACEMENT);
        assertThat(site.users()).hasSize(60);
        assertThat(users).isSubsetOf(site.users().stream().map(ActivityGenerator.SiteUser::username).toList())
                .allMatch(n -> n.matches("user\\d{5}"));
        assertThat(site.users().get(0).username()).isEqualTo("user00061"); // site 1 of 60-user sites
    }

    @Test
    void sessionsPeakInOfficeHoursAndAddUp() {
        ActivityGenerator site = new ActivityGenerator(SiteSpec.of(0, 11, 10, 200, 1));
        int[] byHour = new int[24];
        List<SimRecord> sessions = new ArrayList<>();
        site.batch(1, ALL, r -> {
            if (r.type().equals(RecordTypes.SESSION)) {
                sessions.add(r);
                byHour[Instant.parse((String) r.fields().get("start")).atZone(ZoneOffset.UTC).getHour()]++;
            }
        });
        assertThat(byHour[10]).isGreaterThan(10 * Math.max(1, byHour[3]));
        assertThat(byHour[9] + byHour[10] + byHour[14]).isGreaterThan(sessions.size() / 4);
        for (SimRecord s : sessions) {
            @SuppressWarnings("unchecked")
            Map<String, Integer> c = (Map<String, Integer>) s.fields().get("counters");
            int printed = c.get("printBw") + c.get("printColor") + c.get("copyBw") + c.get("copyColor");
            assertThat(c.get("a4") + c.get("a3") + c.get("otherFormat")).isEqualTo(printed);
            assertThat(c.get("simplex") + c.get("duplex")).isEqualTo(printed);
            assertThat(c.get("colorL1") + c.get("colorL2") + c.get("colorL3")).isEqualTo(c.get("printColor") + c.get("copyColor"));
            assertThat((Double) s.fields().get("priceAdmin")).isLessThanOrEqualTo((Double) s.fields().get("priceUser"));
        }
    }

    @Test
    void fiftyThousandRecordsStreamInBoundedMemory() {
        // 250 users x 80 sessions: 20,000 sessions, their jobs and printer jobs
        SiteSpec spec = new SiteSpec(0, "Big", 1, 60, 250, 1, SiteSpec.of(0, 1, 1, 1, 1).firstDay(), 80, "user%05d", 0, null);
        ActivityGenerator site = new ActivityGenerator(spec);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long[] peak = {0};
        CountingStream bytes = new CountingStream();
        NdjsonPayloadOut out = new NdjsonPayloadOut(bytes);
        out.begin(site.header(1, RecordTypes.ALL));
        site.batch(1, ALL, r -> {
            out.record(r);
            if (out.records() % 10_000 == 0) {
                System.gc(); // what stays reachable, not garbage not yet collected
                peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory() - before);
            }
        });
        out.finish();
        assertThat(out.records()).isGreaterThan(50_000);
        assertThat(bytes.count).isGreaterThan(1_000_000);
        // held in memory, these records would take well over 100 MB of maps; streamed, little stays reachable
        assertThat(peak[0]).isLessThan(32L * 1024 * 1024);
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static String digest(ActivityGenerator site) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int k = 1; k <= site.batches(); k++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            site.writeBatch(k, RecordTypes.ALL, new NdjsonPayloadOut(bytes));
            md.update(PayloadCheck.read(bytes.toByteArray()).records().toString().getBytes());
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
