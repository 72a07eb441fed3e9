package org.ream.central.replication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.ream.central.scheduling.ScheduledTask;
import org.ream.central.scheduling.TaskContext;
import org.ream.central.scheduling.TaskResult;
import org.ream.central.scheduling.tasks.TaskKeys;

/**
 * "Data replication from sites" of the task scheduler (6.14.1, once a day by default): the
 * download phase from every enabled site; the loads follow on the replication.loads queue.
 */
@ApplicationScoped
public class ReplicationTask implements ScheduledTask {

    @Inject
    ReplicationRuns runs;

    @Override
    public String key() {
        return TaskKeys.REPLICATION;
    }

    @Override
    public String label() {
        return "Data replication from sites";
    }

    @Override
    public boolean addable() {
        return false;
    }

    @Override
    public TaskResult run(TaskContext ctx) {
        ReplicationRuns.DownloadSummary s = runs.downloadAll(List.of());
        String message = s.payloads() + " payload(s) downloaded from " + s.sites() + " site(s) and queued for loading"
                + (s.problems().isEmpty() ? "" : ". Problems: " + String.join("; ", s.problems()));
        return s.problems().isEmpty() ? TaskResult.ok(message) : TaskResult.warning(message);
    }
}
