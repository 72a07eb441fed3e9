package org.ream.central.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    // What people type in "Select a user or enter an email" and the administrator e-mail field.
    @ParameterizedTest(name = "\"{0}\" gives {1}")
    @CsvSource(delimiter = '|', value = {
        "admin@example.com                          | admin@example.com",
        "a@x.org,b@y.org                            | a@x.org b@y.org",
        "a@x.org;b@y.org                            | a@x.org b@y.org",
        "' a@x.org ;  b@y.org , c@z.org '           | a@x.org b@y.org c@z.org",
        "a@x.org;                                   | a@x.org",
        "a@x.org;;b@y.org                           | a@x.org b@y.org",
        "A@X.org; a@x.org                           | A@X.org",
        "t.pinapple@domain.com                      | t.pinapple@domain.com",
        "first.last+tag@sub.example.co.uk           | first.last+tag@sub.example.co.uk",
    })
    void parsesSeparatedAddressesInOrderEachOnce(String field, String expected) {
        assertThat(Recipients.parse(field)).containsExactlyElementsOf(Arrays.asList(expected.split(" ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "admin@", "@example.com", "admin@localhost", "a b@example.com", "a@x.org b@y.org",
        "Admin <admin@example.com>", "a@@example.com"})
    void refusesWhatIsNotAnAddressAndNamesIt(String field) {
        assertThatThrownBy(() -> Recipients.parse("ok@example.com; " + field))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an email address");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", " ; , "})
    void blankFieldsGiveNoRecipient(String field) {
        assertThat(Recipients.parse(field)).isEmpty();
        assertThatThrownBy(() -> Recipients.required(field == null ? null : List.of(field)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one recipient");
    }

    @Test
    void severalFieldsAreMergedWithoutDuplicates() {
        assertThat(Recipients.required(Arrays.asList("a@x.org; b@y.org", null, "B@y.org, c@z.org")))
                .containsExactly("a@x.org", "b@y.org", "c@z.org");
    }
}
