package org.ream.central.scheduling.tasks;

import org.ream.central.scheduling.ScheduledTask;
import org.ream.central.scheduling.TaskContext;
import org.ream.central.scheduling.TaskResult;

/**
 * Stand-in for a built-in task whose feature has not landed: each run says so with a warning
 * rather than pretending to succeed. To implement the task, add an {@code @ApplicationScoped}
 * {@link ScheduledTask} bean with the same key (see {@link TaskKeys}) in the feature's own
 * package; it replaces this one without any other change, and the subclass here can then go.
 */
public abstract class NotAvailableYetTask implements ScheduledTask {

    @Override
    public TaskResult run(TaskContext ctx) {
        return TaskResult.warning("Not available yet: this version of Ream Central has no " + label() + " task; nothing was done.");
    }

    @Override
    public boolean addable() {
        return false;
    }

    @Override
    public boolean placeholder() {
        return true;
    }
}
