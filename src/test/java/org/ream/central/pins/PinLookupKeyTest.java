package org.ream.central.pins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ream.central.security.PasswordHasher;
import org.ream.central.settings.SettingDef;
import org.ream.central.settings.SettingValidator;

class PinLookupKeyTest {

    @Test
    void theKeyIsCreatedOnceReadableOnlyByTheServerAndKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config/pin-lookup.key");
        byte[] first = PinLookupKey.loadOrCreate(file);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PinLookupKey.loadOrCreate(file)).isEqualTo(first);
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void aDamagedKeyStopsInsteadOfBeingReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pin-lookup.key");
        Files.writeString(file, "abcd");
        assertThatThrownBy(() -> PinLookupKey.loadOrCreate(file)).hasMessageContaining("damaged");
        assertThat(Files.readString(file)).isEqualTo("abcd");
    }

    @Test
    void md5OfThePinIsTheManualsForm() {
        assertThat(PinLookupKey.md5Hex("1234")).isEqualTo("81dc9bdb52d04dc20036dbd8313ed055");
    }

    @Test
    void pinHashesAreSaltedArgon2id() {
        String a = PasswordHasher.hashPin("4711");
        String b = PasswordHasher.hashPin("4711");
        assertThat(a).startsWith("$argon2id$v=19$m=4096,t=3,p=1$").isNotEqualTo(b);
        assertThat(PasswordHasher.verify("4711", a)).isTrue();
        assertThat(PasswordHasher.verify("4712", a)).isFalse();
    }

    @Test
    void groupListsOfTheSettingsAreNormalised() {
        SettingDef def = SettingDef.of("pin.temporaryGroups", SettingDef.Type.ID_LIST, "", false);
        assertThat(SettingValidator.normalise(def, " 3; 1 ,2 ")).isEqualTo("3,1,2");
        assertThat(SettingValidator.normalise(def, "")).isEmpty();
        assertThatThrownBy(() -> SettingValidator.normalise(def, "1,-2")).hasMessage("'-2' is not an id");
        assertThatThrownBy(() -> SettingValidator.normalise(def, "1,0")).hasMessage("'0' is not an id");
    }
}
