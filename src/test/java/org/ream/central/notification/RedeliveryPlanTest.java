package org.ream.central.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedeliveryPlanTest {

    // artemis/broker.xml: 2 s, doubling, at most 5 min apart, 20 attempts.
    private final RedeliveryPlan broker = new RedeliveryPlan(2000, 2.0, 300_000, 20);

    @Test
    void delaysDoubleUpToTheCeiling() {
        assertThat(broker.delayAfter(1)).isEqualTo(2000);
        assertThat(broker.delayAfter(2)).isEqualTo(4000);
        assertThat(broker.delayAfter(3)).isEqualTo(8000);
        assertThat(broker.delayAfter(8)).isEqualTo(256_000);
        assertThat(broker.delayAfter(9)).isEqualTo(300_000);
        assertThat(broker.delayAfter(19)).isEqualTo(300_000);
        assertThat(broker.delayAfter(1000)).isEqualTo(300_000);
    }

    @Test
    void theTwentiethFailureIsTheLastAboutAnHourAfterTheFirst() {
        assertThat(broker.isLast(19)).isFalse();
        assertThat(broker.isLast(20)).isTrue();
        // 2+4+...+256 s, then 11 times 5 min: 63.5 minutes of retries.
        assertThat(broker.retryWindowMillis()).isEqualTo(3_810_000);
    }

    @Test
    void unlimitedAttemptsAreNeverTheLast() {
        assertThat(new RedeliveryPlan(0, 1.0, 0, -1).isLast(1_000)).isFalse();
    }
}
