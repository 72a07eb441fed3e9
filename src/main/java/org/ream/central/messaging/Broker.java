package org.ream.central.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalInt;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.logging.Logger;
import org.ream.central.platform.ReamConfig;
import org.ream.central.platform.StartupRefused;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The message broker that buffers work (mail, scheduler runs, sync, replication...).
 * Embedded Artemis with its journal in the data folder by default; an external broker
 * or cluster when ream.broker.url is set. Configuration lives in artemis/.
 *
 * <p>The embedded broker runs with security on ({@link BrokerSecurity}): the server connects as
 * its own user with a password made at each start; sites that push payloads connect through the
 * optional site acceptor (ream.broker.site-acceptor.port) and may only send to
 * {@value #PUSH_QUEUE}.
 */
@ApplicationScoped
public class Broker {

    private static final Logger LOG = Logger.getLogger(Broker.class);
    public static final String EMBEDDED_URL = "vm://0";
    /** The queue sites push payloads to (docs/site-protocol.md). */
    public static final String PUSH_QUEUE = "replication.payloads";
    static final String SITE_ACCEPTOR = "sites";

    @Inject
    ReamConfig config;

    @Inject
    Instance<SiteLogins> siteLogins;

    /** The embedded broker's password for the server's own connections; held in memory only. */
    private final String serverPassword = newSecret();
    private EmbeddedActiveMQ embedded;
    private final ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory();
    private CachingConnectionFactory caching;

    public boolean isExternal() {
        return config.broker().url().filter(u -> !u.isBlank()).isPresent();
    }

    public String url() {
        return isExternal() ? config.broker().url().get().trim() : EMBEDDED_URL;
    }

    /** The user the server connects with: the configured one of an external broker, its own on the embedded one. */
    public String connectionUser() {
        return isExternal() ? config.broker().user().orElse(null) : BrokerSecurity.SERVER_USER;
    }

    public String connectionPassword() {
        return isExternal() ? config.broker().password().orElse(null) : serverPassword;
    }

    /** The port the site acceptor listens on (the actual one when configured as 0), empty when there is none. */
    public OptionalInt siteAcceptorPort() {
        if (embedded == null || embedded.getActiveMQServer() == null) {
            return OptionalInt.empty();
        }
        var acceptor = embedded.getActiveMQServer().getRemotingService().getAcceptor(SITE_ACCEPTOR);
        // A port Artemis could not bind leaves the acceptor "started" on port 0 (it logs AMQ229230 and goes on).
        return acceptor instanceof NettyAcceptor netty && netty.isStarted() && netty.getActualPort() > 0 ? OptionalInt.of(netty.getActualPort())
                : OptionalInt.empty();
    }

    /** For an external broker: refuses to start when it cannot be reached or refuses our login. */
    public void check() {
        if (!isExternal()) {
            return;
        }
        if (config.broker().siteAcceptor().port().isPresent()) {
            throw new StartupRefused("ream.broker.site-acceptor.port (REAM_BROKER_SITE_ACCEPTOR_PORT) opens a port of the embedded broker, and"
                    + " ream.broker.url (REAM_BROKER_URL) chooses an external one. Unset the port: sites push to the external broker"
                    + " directly (see artemis/README.md).");
        }
        try (ActiveMQConnectionFactory probe = newFactory()) {
            probe.setCallTimeout(5000);
            probe.setReconnectAttempts(0);
            probe.setInitialConnectAttempts(1);
            try (Connection c = probe.createConnection(config.broker().user().orElse(null), config.broker().password().orElse(null))) {
                c.start();
            }
        } catch (Exception e) {
            if (loginRefused(e)) {
                throw new StartupRefused("The message broker at " + url() + " refused the login of user '" + config.broker().user().orElse("")
                        + "' (" + innermostMessage(e) + "). Check ream.broker.user and ream.broker.password (REAM_BROKER_USER, REAM_BROKER_PASSWORD).", e);
            }
            throw new StartupRefused("Cannot reach the message broker at " + url() + " (" + innermostMessage(e)
                    + "). Start it (artemis/start-external-broker.sh), or check ream.broker.url (REAM_BROKER_URL), or unset REAM_BROKER_URL to use the embedded broker.", e);
        }
    }

    private static boolean loginRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.jms.JMSSecurityException || t instanceof org.apache.activemq.artemis.api.core.ActiveMQSecurityException) {
                return true;
            }
        }
        return false;
    }

    /** The message of the deepest cause that has one ("Failed to create session factory" says less than its cause). */
    private static String innermostMessage(Throwable e) {
        String message = String.valueOf(e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message.replaceAll("\\s+", " ").trim();
    }

    public void start(Path brokerDir) {
        if (!isExternal()) {
            // broker.xml names its folders ${ream.broker.dir}; the property is removed again once
            // parsed, because Quarkus refuses to start (again, in tests) with an unknown ream.* property.
            System.setProperty("ream.broker.dir", brokerDir.toAbsolutePath().toString());
            long t0 = System.nanoTime();
            embedded = new EmbeddedActiveMQ();
            try {
                // Parsed here rather than through setConfigResourcePath: inside the packaged jar the
                // file cannot be watched for reloads, which Artemis would report as "does not exist".
                org.apache.activemq.artemis.core.config.impl.FileConfiguration fc = new org.apache.activemq.artemis.core.config.impl.FileConfiguration();
                org.apache.activemq.artemis.core.config.FileDeploymentManager dm =
                        new org.apache.activemq.artemis.core.config.FileDeploymentManager("artemis/broker.xml");
                dm.addDeployable(fc);
                try {
                    dm.readConfiguration();
                } finally {
                    System.clearProperty("ream.broker.dir");
                }
                fc.setConfigurationUrl(null);
                // Artemis lets its cluster user past every permission check: with its default
                // password known to all, anyone reaching the site acceptor could use it.
                fc.setClusterPassword(newSecret());
                ReamConfig.SiteAcceptor sites = config.broker().siteAcceptor();
                if (sites.port().isPresent()) {
                    String host = sites.host().contains(":") && !sites.host().startsWith("[") ? "[" + sites.host() + "]" : sites.host();
                    fc.addAcceptorConfiguration(SITE_ACCEPTOR, "tcp://" + host + ":" + sites.port().getAsInt() + "?protocols=CORE");
                }
                embedded.setConfiguration(fc);
                embedded.setSecurityManager(new BrokerSecurity(serverPassword, this::siteLogin, PUSH_QUEUE));
                embedded.start();
            } catch (Exception e) {
                throw new StartupRefused("Cannot start the embedded message broker in " + brokerDir + ": " + e.getMessage(), e);
            }
            ReamConfig.SiteAcceptor sites = config.broker().siteAcceptor();
            if (sites.port().isPresent() && siteAcceptorPort().isEmpty()) {
                throw new StartupRefused("The embedded message broker cannot listen for sites on " + sites.host() + ":" + sites.port().getAsInt()
                        + " (port in use, or an address this machine does not have). Choose another ream.broker.site-acceptor.port"
                        + " (REAM_BROKER_SITE_ACCEPTOR_PORT) or host, or unset the port.");
            }
            LOG.infof("Embedded broker started (%d ms), journal in %s%s", (System.nanoTime() - t0) / 1_000_000, brokerDir,
                    siteAcceptorPort().isPresent() ? ", sites push to " + sites.host() + ":" + siteAcceptorPort().getAsInt() : "");
        }
        configure(factory);
        factory.setUser(connectionUser());
        factory.setPassword(connectionPassword());
    }

    private boolean siteLogin(String site, String token, String remoteAddress) {
        return siteLogins.get().accepts(site, token, remoteAddress);
    }

    private static String newSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private ActiveMQConnectionFactory newFactory() {
        ActiveMQConnectionFactory f = new ActiveMQConnectionFactory();
        configure(f);
        return f;
    }

    private void configure(ActiveMQConnectionFactory f) {
        try {
            f.setBrokerURL(url());
        } catch (JMSException e) {
            throw new StartupRefused("Invalid broker URL '" + url() + "' (ream.broker.url): " + e.getMessage(), e);
        }
        // Keep trying through a broker restart rather than failing the consumers.
        f.setReconnectAttempts(-1);
        f.setRetryInterval(1000);
        f.setRetryIntervalMultiplier(2.0);
        f.setMaxRetryInterval(30000);
    }

    /**
     * The factory Camel's JMS component uses. Consumers are transacted so that a failed
     * exchange rolls back and the broker redelivers with back-off, then dead-letters.
     */
    @Produces
    @Singleton
    @Named("jmsConnectionFactory")
    ConnectionFactory connectionFactory() {
        caching = new CachingConnectionFactory(factory);
        caching.setSessionCacheSize(10);
        caching.setReconnectOnException(true);
        // The listener containers keep their own consumer (CACHE_CONSUMER). A consumer cached here
        // outlives the container's idle second consumer (max-consumers) and keeps the messages the
        // broker pushed to it in its buffer, unread, until a new session happens to reuse it: a
        // mail was seen to wait half a minute that way.
        caching.setCacheConsumers(false);
        return caching;
    }

    @PreDestroy
    void stop() {
        if (caching != null) {
            caching.destroy();
        }
        factory.close();
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (Exception e) {
                LOG.warn("Embedded broker did not stop cleanly", e);
            }
        }
    }
}
