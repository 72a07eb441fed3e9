package org.ream.central.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server secrets sealed under a key file of the data folder. */
class SecretBoxTest {

    @TempDir
    Path dir;

    @Test
    void sealsWithAFreshIvAndOpensWithTheSameKey() throws Exception {
        Path keyFile = dir.resolve("config").resolve(SecretBox.KEY_FILE);
        SecretBox box = SecretBox.onKeyFile(keyFile);
        String a = box.seal("bind-Passw0rd");
        String b = box.seal("bind-Passw0rd");
        assertThat(a).startsWith(SecretBox.PREFIX).doesNotContain("bind-Passw0rd").isNotEqualTo(b);
        assertThat(box.open(a)).isEqualTo("bind-Passw0rd");
        assertThat(SecretBox.onKeyFile(keyFile).open(b)).isEqualTo("bind-Passw0rd");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(box.seal("")).isEmpty();
        assertThat(box.open("not sealed")).isEqualTo("not sealed");
    }

    @Test
    void anotherKeyCannotOpenAndSaysWhatToDo() {
        String sealed = SecretBox.onKeyFile(dir.resolve("one.key")).seal("shared-secret");
        assertThatThrownBy(() -> SecretBox.onKeyFile(dir.resolve("two.key")).open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two.key").hasMessageContaining("Enter the secret again");
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> SecretBox.onKeyFile(dir.resolve("one.key")).open(tampered)).isInstanceOf(IllegalStateException.class);
    }
}
