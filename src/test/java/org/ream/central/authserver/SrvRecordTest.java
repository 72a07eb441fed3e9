package org.ream.central.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The order domain controllers found through DNS SRV are tried in (RFC 2782). */
class SrvRecordTest {

    @Test
    void parsesTheDnsTextForm() {
        SrvRecord r = SrvRecord.parse("0 100 389 DC1.Example.COM.");
        assertThat(r).isEqualTo(new SrvRecord(0, 100, 389, "dc1.example.com"));
        assertThat(r.address().toString()).isEqualTo("dc1.example.com:389");
        assertThatThrownBy(() -> SrvRecord.parse("0 100 dc1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lowerPriorityAlwaysComesFirst() {
        List<SrvRecord> records = List.of(new SrvRecord(20, 100, 389, "c"), new SrvRecord(0, 1, 389, "a"), new SrvRecord(10, 1000, 389, "b"));
        for (int seed = 0; seed < 50; seed++) {
            assertThat(SrvRecord.order(records, new Random(seed))).extracting(SrvRecord::target).containsExactly("a", "b", "c");
        }
    }

    @Test
    void withinOnePriorityHeavierEntriesComeFirstInProportionToTheirWeight() {
        List<SrvRecord> records = List.of(new SrvRecord(0, 10, 389, "light"), new SrvRecord(0, 90, 389, "heavy"));
        Map<String, Integer> first = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            List<SrvRecord> ordered = SrvRecord.order(records, random);
            assertThat(ordered).hasSize(2);
            first.merge(ordered.get(0).target(), 1, Integer::sum);
        }
        assertThat(first.get("heavy")).isBetween(8500, 9500);
    }

    @Test
    void zeroWeightEntriesAreStillTried() {
        List<SrvRecord> records = List.of(new SrvRecord(0, 0, 389, "zero"), new SrvRecord(0, 50, 389, "some"));
        List<SrvRecord> ordered = SrvRecord.order(records, new Random(1));
        assertThat(ordered).extracting(SrvRecord::target).containsExactlyInAnyOrder("zero", "some");
    }

    @Test
    void aDotTargetMeansTheServiceIsNotOffered() {
        assertThat(SrvRecord.order(List.of(SrvRecord.parse("0 0 0 .")), new Random())).isEmpty();
    }
}
