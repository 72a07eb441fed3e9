package org.ream.central.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NotifyRecipientsTest {

    @Test
    void usersAndAddressesAreSplitOnCommasAndSemicolonsEachOnce() {
        assertThat(NotifyRecipients.normalise(List.of("ops@example.org; jdoe", " OPS@example.org,", "jdoe", "Jdoe")))
                .containsExactly("ops@example.org", "jdoe", "Jdoe");
    }

    @Test
    void storedTextReadsBack() {
        List<String> entries = List.of("ops@example.org", "jdoe");
        assertThat(NotifyRecipients.split(NotifyRecipients.join(entries))).isEqualTo(entries);
        assertThat(NotifyRecipients.join(List.of())).isNull();
        assertThat(NotifyRecipients.split(null)).isEmpty();
    }

    @Test
    void anEntryWithAnAtSignMustBeAnAddress() {
        assertThat(NotifyRecipients.looksLikeAddress("jdoe")).isFalse();
        assertThat(NotifyRecipients.looksLikeAddress("jdoe@")).isTrue();
        assertThat(NotifyRecipients.isAddress("jdoe@")).isFalse();
        assertThat(NotifyRecipients.isAddress("jdoe@example.org")).isTrue();
    }

    @Test
    void onlyProblemsMeansWarningsAndErrors() {
        assertThat(NotifyRecipients.shouldNotify(false, false)).isTrue();
        assertThat(NotifyRecipients.shouldNotify(true, false)).isFalse();
        assertThat(NotifyRecipients.shouldNotify(true, true)).isTrue();
    }
}
