package org.ream.central.usersync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.scheduling.ScheduledTask;
import org.ream.central.scheduling.TaskContext;
import org.ream.central.scheduling.TaskResult;
import org.ream.central.scheduling.tasks.TaskKeys;
import org.ream.central.settings.ValidationException;

/**
 * "User Synchronization" of the task scheduler (6.3, 8.7.8): synchronises the chosen sources
 * (all enabled ones when none is chosen). A scheduled run reads only what changed since the
 * previous one when the source can ("full": false); a full reconciliation is its own schedule
 * or a manual full run.
 */
@ApplicationScoped
public class UserSyncTask implements ScheduledTask {

    @Inject
    SyncRuns runs;

    @Override
    public String key() {
        return TaskKeys.USER_SYNC;
    }

    @Override
    public String label() {
        return "User Synchronization";
    }

    @Override
    public boolean addable() {
        return true;
    }

    @Override
    public TaskResult run(TaskContext ctx) {
        SyncRun run = runs.runNow(sourceIds(ctx.config()), Boolean.TRUE.equals(ctx.config().get("full")), ctx.triggeredBy());
        String message = "Synchronisation run " + run.id() + ": " + run.summary();
        return switch (run.status()) {
            case SyncRun.OK -> TaskResult.ok(message);
            case SyncRun.WARNING -> TaskResult.warning(message);
            default -> TaskResult.error(message);
        };
    }

    @Override
    public Map<String, Object> checkConfig(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sources", sourceIds(config));
        Object full = config.get("full");
        if (full != null && !(full instanceof Boolean) && !List.of("true", "false").contains(full.toString())) {
            throw new ValidationException("full", "must be true or false");
        }
        out.put("full", full != null && Boolean.parseBoolean(full.toString()));
        return out;
    }

    private static List<Long> sourceIds(Map<String, Object> config) {
        Object v = config.get("sources");
        List<Long> ids = new ArrayList<>();
        if (v instanceof Iterable<?> it) {
            for (Object o : it) {
                try {
                    ids.add(Long.parseLong(String.valueOf(o).strip()));
                } catch (NumberFormatException e) {
                    throw new ValidationException("sources", "'" + o + "' is not a source id");
                }
            }
        } else if (v != null && !v.toString().isBlank()) {
            throw new ValidationException("sources", "must be a list of source ids");
        }
        return ids;
    }
}
