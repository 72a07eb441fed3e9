package org.ream.central.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void theNativeLibraryLoadsOnTheBuildPlatform() {
        // CI and the supported servers are Linux x86-64/aarch64, for which argon2-jvm bundles the library.
        assertThat(PasswordHasher.implementation()).isEqualTo("native");
    }

    @Test
    void nativeAndJavaImplementationsComputeTheSameHash() {
        // RFC 9106-style inputs in the parameters of both the password and the PIN hashes
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int[] mt : new int[][] {{19456, 2}, {4096, 3}}) {
            String phc = "$argon2id$v=19$m=" + mt[0] + ",t=" + mt[1] + ",p=1$" + Base64.getEncoder().withoutPadding().encodeToString(salt) + "$"
                    + Base64.getEncoder().withoutPadding().encodeToString(PasswordHasher.javaArgon2("correct horse", salt, mt[0], mt[1], 1, 32));
            assertThat(PasswordHasher.verify("correct horse", phc)).as("m=%d t=%d", mt[0], mt[1]).isTrue();
            assertThat(PasswordHasher.verify("correct hors", phc)).isFalse();
        }
    }

    @Test
    void hashesAreSaltedAndVerifyOnlyTheirSecret() {
        String a = PasswordHasher.hashPin("482913");
        String b = PasswordHasher.hashPin("482913");
        assertThat(a).isNotEqualTo(b).startsWith("$argon2id$v=19$m=4096,t=3,p=1$");
        assertThat(PasswordHasher.verify("482913", a)).isTrue();
        assertThat(PasswordHasher.verify("482914", a)).isFalse();
        assertThat(PasswordHasher.verify("482913", "$argon2i$v=19$m=4096,t=3,p=1$AAAA$AAAA")).isFalse();
        assertThat(PasswordHasher.verify("482913", null)).isFalse();
    }
}
