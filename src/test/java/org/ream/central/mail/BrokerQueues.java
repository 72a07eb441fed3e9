package org.ream.central.mail;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The embedded broker seen through its management beans, as an operator sees it in Hawtio:
 * queue depths, messages in a dead-letter queue, and a temporary override of a queue's
 * redelivery settings so that tests do not wait for the production back-off.
 */
public final class BrokerQueues {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private BrokerQueues() {
    }

    private static ObjectName broker() throws Exception {
        return JMX.queryNames(new ObjectName("org.apache.activemq.artemis:broker=*"), null).iterator().next();
    }

    private static ObjectName queue(String name) throws Exception {
        return JMX.queryNames(new ObjectName("org.apache.activemq.artemis:component=addresses,subcomponent=queues,*"), null).stream()
                .filter(n -> ObjectName.quote(name).equals(n.getKeyProperty("queue")) || name.equals(n.getKeyProperty("queue")))
                .findFirst().orElse(null);
    }

    /** Redelivery of {@code address} after delayMillis, always the same, at most maxAttempts deliveries. */
    static void overrideRedelivery(String address, long delayMillis, int maxAttempts) throws Exception {
        String json = "{\"redeliveryDelay\":" + delayMillis + ",\"redeliveryMultiplier\":1.0,\"maxRedeliveryDelay\":" + delayMillis
                + ",\"maxDeliveryAttempts\":" + maxAttempts + "}";
        JMX.invoke(broker(), "addAddressSettings", new Object[] {address, json}, new String[] {String.class.getName(), String.class.getName()});
    }

    /** Back to artemis/broker.xml. */
    static void restoreRedelivery(String address) throws Exception {
        JMX.invoke(broker(), "removeAddressSettings", new Object[] {address}, new String[] {String.class.getName()});
    }

    static String addressSettings(String address) throws Exception {
        return (String) JMX.invoke(broker(), "getAddressSettingsAsJSON", new Object[] {address}, new String[] {String.class.getName()});
    }

    /** Every message of the queue, waiting, scheduled for redelivery or being delivered; 0 if the queue does not exist yet. */
    public static long depth(String queue) throws Exception {
        ObjectName q = queue(queue);
        return q == null ? 0 : ((Number) JMX.getAttribute(q, "MessageCount")).longValue();
    }

    /** Messages of the queue that match an Artemis filter (e.g. ReamMailSubject = 'x'). */
    static long count(String queue, String filter) throws Exception {
        ObjectName q = queue(queue);
        return q == null ? 0 : ((Number) JMX.invoke(q, "countMessages", new Object[] {filter}, new String[] {String.class.getName()})).longValue();
    }

    static void remove(String queue, String filter) throws Exception {
        ObjectName q = queue(queue);
        if (q != null) {
            JMX.invoke(q, "removeMessages", new Object[] {filter}, new String[] {String.class.getName()});
        }
    }
}
