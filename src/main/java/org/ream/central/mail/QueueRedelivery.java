package org.ream.central.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jboss.logging.Logger;
import org.ream.central.notification.RedeliveryPlan;

/**
 * The redelivery rule the broker applies to a queue, read from the embedded broker's
 * management (so log lines can say "attempt 3 of 20, next in 8 s" and tell the last
 * failure from the others). Unknown (null) with an external broker.
 */
@ApplicationScoped
class QueueRedelivery {

    private static final Logger LOG = Logger.getLogger(QueueRedelivery.class);

    @Inject
    ObjectMapper json;

    RedeliveryPlan plan(String address) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> brokers = server.queryNames(new ObjectName("org.apache.activemq.artemis:broker=*"), null);
            if (brokers.isEmpty()) {
                return null;
            }
            String settings = (String) server.invoke(brokers.iterator().next(), "getAddressSettingsAsJSON", new Object[] {address},
                    new String[] {String.class.getName()});
            JsonNode s = json.readTree(settings);
            return new RedeliveryPlan(s.path("redeliveryDelay").asLong(0), s.path("redeliveryMultiplier").asDouble(1.0),
                    s.path("maxRedeliveryDelay").asLong(0), s.path("maxDeliveryAttempts").asInt(-1));
        } catch (Exception e) {
            LOG.debugf(e, "Cannot read the redelivery settings of %s", address);
            return null;
        }
    }
}
