package org.ream.central.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultAdminPasswordHashTest {

    @Test
    void theStoredHashIsTheDefaultPasswordAndNothingElse() {
        assertThat(PasswordHasher.verify(UserAccounts.DEFAULT_ADMIN_PASSWORD, UserAccounts.DEFAULT_ADMIN_PASSWORD_HASH)).isTrue();
        assertThat(PasswordHasher.verify("12345", UserAccounts.DEFAULT_ADMIN_PASSWORD_HASH)).isFalse();
        assertThat(PasswordHasher.verify("", UserAccounts.DEFAULT_ADMIN_PASSWORD_HASH)).isFalse();
    }
}
