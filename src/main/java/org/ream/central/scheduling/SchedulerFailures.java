package org.ream.central.scheduling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.ream.central.logging.SystemLog;

/**
 * The error handler of the scheduler routes (route configuration scheduler-errors): says in
 * the system log what failed. The same failure repeated by every tick (a database that is
 * down) is written once per {@link #REPEAT_AFTER}, not every fifteen seconds.
 */
@ApplicationScoped
@Named("schedulerFailures")
public class SchedulerFailures {

    static final Duration REPEAT_AFTER = Duration.ofMinutes(5);

    private record Seen(String message, Instant at) {
    }

    @Inject
    SystemLog log;

    private final Map<String, Seen> last = new ConcurrentHashMap<>();

    public void failed(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String route = exchange.getFromRouteId() == null ? "scheduler" : exchange.getFromRouteId();
        String message = e == null ? "unknown failure" : String.valueOf(e.getMessage()).replace('\n', ' ');
        Instant now = Instant.now();
        Seen seen = last.get(route);
        if (seen != null && seen.message().equals(message) && seen.at().plus(REPEAT_AFTER).isAfter(now)) {
            return;
        }
        last.put(route, new Seen(message, now));
        String details = null;
        if (e != null) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            details = trace.toString();
        }
        String what = route.equals("scheduler-run") ? "A scheduled run failed before it was recorded and will be tried again: "
                : "Task scheduler step " + route + " failed: ";
        log.error(ScheduleStore.SUBSYSTEM, route, what + message, details);
    }
}
