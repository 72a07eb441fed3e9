package org.ream.central.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {

    record Task(String key, String label, boolean placeholder) implements ScheduledTask {
        @Override
        public TaskResult run(TaskContext ctx) {
            return TaskResult.ok(label);
        }

        @Override
        public boolean addable() {
            return false;
        }
    }

    @Test
    void aRealTaskTakesOverItsPlaceholderWhicheverComesFirst() {
        Task stub = new Task("databaseBackup", "Schedule Backup (not yet)", true);
        Task real = new Task("databaseBackup", "Schedule Backup", false);
        assertThat(TaskRegistry.index(List.of(stub, real))).containsEntry("databaseBackup", real);
        assertThat(TaskRegistry.index(List.of(real, stub))).containsEntry("databaseBackup", real);
    }

    @Test
    void twoRealTasksWithOneKeyAreRefused() {
        assertThatThrownBy(() -> TaskRegistry.index(List.of(new Task("userSync", "A", false), new Task("userSync", "B", false))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("userSync");
    }

    @Test
    void keysFitTheTaskColumn() {
        assertThatThrownBy(() -> TaskRegistry.index(List.of(new Task("x".repeat(41), "Too long", false))))
                .isInstanceOf(IllegalStateException.class);
    }
}
