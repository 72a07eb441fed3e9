package org.ream.central.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ream.central.persistence.DataAccessException;
import org.ream.central.settings.ValidationException;

class ConstraintsTest {

    @Test
    void aLostRaceOnAUniqueNameIsBadInputNamingTheField() {
        assertThatThrownBy(() -> Constraints.translated(() -> {
            throw new DataAccessException("violation of PRIMARY or UNIQUE KEY constraint \"UQ_USERS_USERNAME\" on table \"USERS\"", null);
        })).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsKey("username"));
        assertThatThrownBy(() -> Constraints.translated(() -> {
            throw new DataAccessException("duplicate key value violates unique constraint \"uq_user_cards_card\"", null);
        })).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsKey("cards"));
    }

    @Test
    void otherFailuresStayDatabaseFailures() {
        assertThatThrownBy(() -> Constraints.translated(() -> {
            throw new DataAccessException("connection lost", null);
        })).isExactlyInstanceOf(DataAccessException.class);
        assertThat(Constraints.translated(() -> 42)).isEqualTo(42);
    }
}
