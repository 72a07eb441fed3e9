package org.ream.central.sitesim;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Pushes a site's batches to the Artemis queue {@code replication.payloads} (docs/site-protocol.md,
 * "Push"): one message per payload, properties {@code site}, {@code batch} and {@code signature}.
 * Without a broker user each site logs in as itself, user = its name and password = its broker
 * token, as the central server's site acceptor wants; with one (an external broker's account),
 * all sites share that login.
 */
public final class QueuePusher implements AutoCloseable {

    public static final String QUEUE = "replication.payloads";

    private final String brokerUrl;
    private final String user;
    private final String password;
    private final RequestSigner signer;
    /** One connection per login: per site, or a single shared one under the key "". */
    private final Map<String, Producer> producers = new LinkedHashMap<>();

    private record Producer(Connection connection, Session session, MessageProducer producer) {
    }

    /** {@code user} null: every site logs in with its own name and broker token. */
    public QueuePusher(String brokerUrl, String user, String password, RequestSigner signer) {
        this.brokerUrl = brokerUrl;
        this.user = user;
        this.password = password;
        this.signer = signer;
    }

    /** Sends batch {@code k} of the site (held in memory: one site-day). */
    public void push(ActivityGenerator site, int k, List<String> types, Misbehaviour misbehaviour) throws JMSException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Payloads.write(site, k, types, misbehaviour, bytes, signer.payloadKey(site.spec().name()));
        byte[] body = bytes.toByteArray();
        String name = site.spec().name();
        Producer p = producerFor(name);
        BytesMessage message = p.session().createBytesMessage();
        message.writeBytes(body);
        message.setStringProperty("site", name);
        message.setStringProperty("batch", site.header(k, types).batch());
        String signature = signer.bodySignature(name, body);
        if (signature != null) {
            message.setStringProperty("signature", signature);
        }
        p.producer().send(message);
        if (misbehaviour == Misbehaviour.DUPLICATES) {
            p.producer().send(message); // the same payload twice
        }
    }

    private Producer producerFor(String site) throws JMSException {
        String key = user == null ? site : "";
        Producer p = producers.get(key);
        if (p == null) {
            String login = user == null ? site : user;
            String secret = user == null ? signer.brokerToken(site) : password;
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, user == null && secret == null ? null : login, secret);
            Connection connection = factory.createConnection();
            try {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                p = new Producer(connection, session, session.createProducer(session.createQueue(QUEUE)));
            } catch (JMSException | RuntimeException e) {
                connection.close();
                throw e;
            }
            producers.put(key, p);
        }
        return p;
    }

    @Override
    public void close() throws JMSException {
        JMSException first = null;
        for (Producer p : producers.values()) {
            try {
                p.connection().close();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        producers.clear();
        if (first != null) {
            throw first;
        }
    }
}
