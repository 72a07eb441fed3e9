package org.ream.central.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PinPolicyTest {

    @ParameterizedTest
    @CsvSource({"0,4", "999,4", "1000,5", "10000,5", "10001,6", "100000,6", "100001,7"})
    void lengthFollowsTheManualsUserCounts(long users, int digits) {
        assertThat(PinPolicy.lengthForUsers(users)).isEqualTo(digits);
    }

    @Test
    void generatedLengthIsTheConfiguredMinimumRaisedByTheUserCount() {
        assertThat(PinPolicy.generatedLength(4, 500)).isEqualTo(4);
        assertThat(PinPolicy.generatedLength(4, 5_000)).isEqualTo(5);
        assertThat(PinPolicy.generatedLength(8, 50_000)).isEqualTo(8);
        assertThat(PinPolicy.generatedLength(16, 5_000_000)).isEqualTo(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1111", "2222", "0000", "1234", "4321", "0123", "9876", "1212", "123123", "2468", "13579", "12341234", "987654"})
    void trivialPinsAreRecognised(String pin) {
        assertThat(PinPolicy.isTrivial(pin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1235", "8254", "1122", "90210", "4711", "120934"})
    void ordinaryPinsAreNotTrivial(String pin) {
        assertThat(PinPolicy.isTrivial(pin)).isFalse();
    }

    @Test
    void givenPinsMustBeDigitsOfTheConfiguredLength() {
        PinPolicy.checkGiven("4711", 4);
        PinPolicy.checkGiven("1111", 4); // an administrator may choose a trivial PIN; only the generator avoids them
        assertThatThrownBy(() -> PinPolicy.checkGiven("471", 4)).hasMessage("must have at least 4 digits");
        assertThatThrownBy(() -> PinPolicy.checkGiven("47110", 6)).hasMessage("must have at least 6 digits");
        assertThatThrownBy(() -> PinPolicy.checkGiven("47a1", 4)).hasMessage("must contain digits only");
        assertThatThrownBy(() -> PinPolicy.checkGiven(" 4711", 4)).hasMessage("must contain digits only");
        assertThatThrownBy(() -> PinPolicy.checkGiven("", 4)).hasMessage("is required");
        assertThatThrownBy(() -> PinPolicy.checkGiven("12345678901234567", 4)).hasMessage("must have at most 16 digits");
    }

    @Test
    void generatorNeverProducesTrivialOrTakenPins() {
        PinGenerator generator = new PinGenerator(new Random(42));
        Set<String> taken = new HashSet<>();
        // 4,000 of the 10,000 four-digit PINs: the generator must keep finding free, non-trivial ones.
        for (int i = 0; i < 4000; i++) {
            String pin = generator.generate(4, taken::contains);
            assertThat(pin).hasSize(4).containsOnlyDigits();
            assertThat(PinPolicy.isTrivial(pin)).as(pin).isFalse();
            assertThat(taken.add(pin)).as("duplicate " + pin).isTrue();
        }
    }

    @Test
    void generatorGivesUpClearlyWhenThePinSpaceIsFull() {
        PinGenerator generator = new PinGenerator(new Random(1));
        assertThatThrownBy(() -> generator.generate(4, pin -> true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("raise the minimal PIN length");
        assertThatThrownBy(() -> generator.generate(3, pin -> false)).isInstanceOf(IllegalArgumentException.class);
    }
}
