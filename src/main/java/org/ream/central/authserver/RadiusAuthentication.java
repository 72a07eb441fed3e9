package org.ream.central.authserver;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.aaa4j.radius.client.IntervalRetransmissionStrategy;
import org.aaa4j.radius.client.RadiusClient;
import org.aaa4j.radius.client.RadiusClientException;
import org.aaa4j.radius.client.clients.UdpRadiusClient;
import org.aaa4j.radius.core.attribute.StringData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.MessageAuthenticator;
import org.aaa4j.radius.core.attribute.attributes.NasIdentifier;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.attribute.attributes.UserPassword;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.packets.AccessAccept;
import org.aaa4j.radius.core.packet.packets.AccessChallenge;
import org.aaa4j.radius.core.packet.packets.AccessReject;
import org.aaa4j.radius.core.packet.packets.AccessRequest;
import org.ream.central.security.ExternalAuthenticator.Outcome;
import org.ream.central.security.ExternalAuthenticator.Result;

/**
 * Checks a user name and password against a RADIUS server (manual 8.7.7): a PAP Access-Request
 * with a Message-Authenticator (servers hardened against Blast-RADIUS require it), answered by
 * Access-Accept or Access-Reject. Addresses are tried in order; a server that does not answer in
 * time after the retries counts as unreachable, which is also how a wrong shared secret looks
 * (servers drop packets they cannot authenticate).
 */
public final class RadiusAuthentication {

    static final String NAS_IDENTIFIER = "ream-central";

    private final RadiusSettings settings;

    public RadiusAuthentication(RadiusSettings settings) {
        this.settings = settings;
    }

    public Result authenticate(String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return new Result(Outcome.REJECTED, "User name and password are required");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 128) {
            return new Result(Outcome.REJECTED, "RADIUS passwords are limited to 128 bytes");
        }
        List<String> problems = new ArrayList<>();
        for (ServerAddress a : settings.addresses()) {
            Packet request = new AccessRequest(List.of(new UserName(new TextData(username)),
                    new UserPassword(new StringData(password.getBytes(StandardCharsets.UTF_8))),
                    new NasIdentifier(new TextData(NAS_IDENTIFIER)), new MessageAuthenticator()));
            RadiusClient client = UdpRadiusClient.newBuilder()
                    .secret(settings.sharedSecret().getBytes(StandardCharsets.UTF_8))
                    .address(new InetSocketAddress(a.host(), a.port()))
                    .retransmissionStrategy(new IntervalRetransmissionStrategy(settings.retries() + 1, Duration.ofMillis(settings.timeoutMillis())))
                    .build();
            try {
                Packet response = client.send(request);
                if (response instanceof AccessAccept) {
                    return new Result(Outcome.ACCEPTED, "Accepted by RADIUS server " + a);
                }
                if (response instanceof AccessReject) {
                    return new Result(Outcome.REJECTED, "RADIUS server " + a + " rejected the credentials");
                }
                if (response instanceof AccessChallenge) {
                    return new Result(Outcome.REJECTED, "RADIUS server " + a + " asked for a challenge (second factor), which is not supported here");
                }
                return new Result(Outcome.UNREACHABLE, "RADIUS server " + a + " gave an unexpected answer (code " + response.getCode() + ")");
            } catch (RadiusClientException e) {
                problems.add(a + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            } catch (RuntimeException e) {
                problems.add(a + " (" + e + ")");
            } finally {
                client.close();
            }
        }
        return new Result(Outcome.UNREACHABLE, "No RADIUS server answered (" + (settings.retries() + 1) + " attempt(s) of "
                + settings.timeoutMillis() + " ms each; check the address, port and shared secret): tried " + String.join(", ", problems));
    }

    /** The Test button: any answer (accept or reject) proves the address, port and shared secret. */
    public TestReport test(String username, String password) {
        String user = username == null || username.isBlank() ? "ream-connection-test" : username;
        String pw = password == null || password.isEmpty() ? "ream-connection-test" : password;
        Result r = authenticate(user, pw);
        boolean answered = r.outcome() == Outcome.ACCEPTED || r.outcome() == Outcome.REJECTED;
        boolean withUser = username != null && !username.isBlank();
        boolean ok = withUser ? r.outcome() == Outcome.ACCEPTED : answered;
        String message = !answered ? "No RADIUS server answered"
                : withUser ? "Server answered; login of " + username + " " + r.outcome().name().toLowerCase() : "Server answered (shared secret accepted)";
        return new TestReport(ok, message, List.of(r.message()));
    }
}
