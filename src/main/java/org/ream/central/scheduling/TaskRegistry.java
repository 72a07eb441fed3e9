package org.ream.central.scheduling;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every task type the scheduler can run, one per key: the {@link ScheduledTask} beans of the
 * application. A real task wins over a {@link ScheduledTask#placeholder() placeholder} of the
 * same key; two real tasks with one key are a programming error, reported at start.
 */
@ApplicationScoped
public class TaskRegistry {

    @Inject
    @Any
    Instance<ScheduledTask> beans;

    private Map<String, ScheduledTask> byKey;

    @PostConstruct
    void index() {
        byKey = index(beans);
    }

    static Map<String, ScheduledTask> index(Iterable<ScheduledTask> tasks) {
        Map<String, ScheduledTask> out = new LinkedHashMap<>();
        for (ScheduledTask task : tasks) {
            String key = task.key();
            if (key == null || key.isBlank() || key.length() > 40) {
                throw new IllegalStateException("Scheduled task " + task.getClass().getName() + " needs a key of 1 to 40 characters, not '" + key + "'");
            }
            ScheduledTask seen = out.get(key);
            if (seen == null || (seen.placeholder() && !task.placeholder())) {
                out.put(key, task);
            } else if (!task.placeholder() && !seen.placeholder()) {
                throw new IllegalStateException("Two scheduled tasks have the key '" + key + "': " + seen.getClass().getName() + " and "
                        + task.getClass().getName() + ". Give one another key, or make the one being replaced a placeholder.");
            }
        }
        return out;
    }

    public Optional<ScheduledTask> find(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    /** Label of a task type; the key itself for a type no bean provides any more (a feature removed). */
    public String label(String key) {
        return find(key).map(ScheduledTask::label).orElse(key);
    }

    public List<ScheduledTask> all() {
        List<ScheduledTask> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparing(ScheduledTask::label));
        return out;
    }
}
