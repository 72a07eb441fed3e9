package org.ream.central.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiskSpaceLevelTest {

    // The manual's defaults: warning at 2048 MB, critical at 100 MB.
    @Test
    void levelsOfTheManualsDefaults() {
        assertThat(DiskSpaceLevel.of(5000, 2048, 100)).isEqualTo(DiskSpaceLevel.OK);
        assertThat(DiskSpaceLevel.of(2049, 2048, 100)).isEqualTo(DiskSpaceLevel.OK);
        assertThat(DiskSpaceLevel.of(2048, 2048, 100)).isEqualTo(DiskSpaceLevel.WARNING);
        assertThat(DiskSpaceLevel.of(101, 2048, 100)).isEqualTo(DiskSpaceLevel.WARNING);
        assertThat(DiskSpaceLevel.of(100, 2048, 100)).isEqualTo(DiskSpaceLevel.CRITICAL);
        assertThat(DiskSpaceLevel.of(0, 2048, 100)).isEqualTo(DiskSpaceLevel.CRITICAL);
    }

    @Test
    void criticalWinsWhenTheLevelsAreSwapped() {
        assertThat(DiskSpaceLevel.of(150, 100, 200)).isEqualTo(DiskSpaceLevel.CRITICAL);
    }

    @Test
    void megabytesAreRoundedDown() {
        assertThat(DiskSpaceLevel.megabytes(100L * 1024 * 1024 + 900 * 1024)).isEqualTo(100);
        assertThat(DiskSpaceLevel.megabytes(-1)).isZero();
    }
}
