package org.ream.central.scheduling.tasks;

import jakarta.enterprise.context.ApplicationScoped;

/** Placeholder: replaced by any bean with the key {@link TaskKeys#REPLICATION} (see {@link NotAvailableYetTask}). */
@ApplicationScoped
public class ReplicationTaskPlaceholder extends NotAvailableYetTask {

    @Override
    public String key() {
        return TaskKeys.REPLICATION;
    }

    @Override
    public String label() {
        return "Data replication from sites";
    }
}
