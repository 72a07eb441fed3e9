package org.ream.central.sitesim;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Pushes a site's batches to the Artemis queue {@code replication.payloads} (docs/site-protocol.md):
 * one message per payload, properties {@code site}, {@code batch} and {@code signature}.
 */
public final class QueuePusher implements AutoCloseable {

    public static final String QUEUE = "replication.payloads";

    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final RequestSigner signer;

    public QueuePusher(String brokerUrl, String user, String password, RequestSigner signer) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
        this.connection = factory.createConnection();
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        this.producer = session.createProducer(session.createQueue(QUEUE));
        this.signer = signer;
    }

    /** Sends batch {@code k} of the site (held in memory: one site-day). */
    public void push(ActivityGenerator site, int k, List<String> types, Misbehaviour misbehaviour) throws JMSException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Payloads.write(site, k, types, misbehaviour, bytes);
        byte[] body = bytes.toByteArray();
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        message.setStringProperty("site", site.spec().name());
        message.setStringProperty("batch", site.header(k, types).batch());
        String signature = signer.bodySignature(site.spec().name(), body);
        if (signature != null) {
            message.setStringProperty("signature", signature);
        }
        producer.send(message);
        if (misbehaviour == Misbehaviour.DUPLICATES) {
            producer.send(message); // the same payload twice
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
