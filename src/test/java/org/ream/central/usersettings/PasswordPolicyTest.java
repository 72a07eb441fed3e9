package org.ream.central.usersettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordPolicyTest {

    @ParameterizedTest
    @CsvSource({"abcdefgh,1", "ABCDEFGH,1", "12345678,1", "!!!!----,1", "abcdEFGH,2", "abcd1234,2", "abC1,3", "aB1!,4", "žluťoučký,1", "Žluťoučký,2"})
    void countsTheFourRules(String password, int rules) {
        assertThat(PasswordPolicy.rulesMet(password)).isEqualTo(rules);
    }

    @Test
    void theManualsDefaultIsEightCharactersAndTwoRules() {
        PasswordPolicy p = PasswordPolicy.DEFAULT;
        assertThat(p.problems("abcd1234")).isEmpty();
        assertThat(p.problems("Abcdefgh")).isEmpty();
        assertThat(p.problems("abcdefgh")).containsExactly("must meet at least 2 of these rules: an upper-case letter, a lower-case letter,"
                + " a digit, a special character (it meets 1)");
        assertThat(p.problems("Ab1")).containsExactly("must have at least 8 characters");
        assertThat(p.problems("")).hasSize(2);
        assertThat(p.problems(null)).hasSize(2);
    }

    @Test
    void nOfFourRules() {
        PasswordPolicy four = new PasswordPolicy(4, 4);
        assertThat(four.problems("aB1!")).isEmpty();
        assertThatThrownBy(() -> four.check("aB12")).hasMessageContaining("at least 4 of these rules");
        assertThat(new PasswordPolicy(1, 0).problems("x")).isEmpty();
    }

    @Test
    void boundsOfTheSettings() {
        assertThatThrownBy(() -> new PasswordPolicy(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(101, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(8, 5)).isInstanceOf(IllegalArgumentException.class);
        // Characters, not UTF-16 units: an emoji counts once.
        assertThat(new PasswordPolicy(3, 0).problems("a\uD83D\uDE00")).containsExactly("must have at least 3 characters");
    }

    @Test
    void mailTextParametersAreFilledIn() {
        String text = "Hello %realname% (%username%), your PIN is %pin%, valid until %validity%. Contact %admin%. Code %code%. %unknown% 100%";
        String out = MailTemplateText.fill(text, Map.of("realname", "Jan Novák", "username", "jnovak", "pin", "4711", "validity", "2026-11-26 10:00",
                "admin", "admin@example.org", "code", "X$1\\y"));
        assertThat(out).isEqualTo("Hello Jan Novák (jnovak), your PIN is 4711, valid until 2026-11-26 10:00. Contact admin@example.org. Code X$1\\y."
                + " %unknown% 100%");
        assertThat(MailTemplateText.fill(null, Map.of())).isEmpty();
    }
}
