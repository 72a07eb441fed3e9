package org.ream.central.scheduling.tasks;

import jakarta.enterprise.context.ApplicationScoped;

/** Placeholder: replaced by any bean with the key {@link TaskKeys#USER_SYNC} (see {@link NotAvailableYetTask}). */
@ApplicationScoped
public class UserSyncTaskPlaceholder extends NotAvailableYetTask {

    @Override
    public String key() {
        return TaskKeys.USER_SYNC;
    }

    @Override
    public String label() {
        return "User Synchronization";
    }
}
