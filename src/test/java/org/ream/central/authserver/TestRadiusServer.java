package org.ream.central.authserver;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.MessageAuthenticator;
import org.aaa4j.radius.core.attribute.attributes.ReplyMessage;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.attribute.attributes.UserPassword;
import org.aaa4j.radius.core.dictionary.dictionaries.StandardDictionary;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodec;
import org.aaa4j.radius.core.packet.PacketCodecException;
import org.aaa4j.radius.core.packet.packets.AccessAccept;
import org.aaa4j.radius.core.packet.packets.AccessReject;
import org.aaa4j.radius.core.packet.packets.AccessRequest;

/**
 * An in-process RADIUS server for the tests, on the aaa4j packet codec: answers PAP
 * Access-Requests from its user table, drops requests it cannot authenticate (wrong shared
 * secret, missing Message-Authenticator) as a hardened server does, or answers nothing at all.
 */
final class TestRadiusServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final byte[] secret;
    private final Map<String, String> users;
    private final boolean silent;
    /** When set, every request is answered Access-Accept signed with this secret: a spoofer who does not know the real one. */
    volatile byte[] forgeWith;
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    private final Thread thread;

    TestRadiusServer(String secret, Map<String, String> users, boolean silent) throws SocketException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.users = users;
        this.silent = silent;
        this.thread = new Thread(this::serve, "test-radius");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        PacketCodec codec = new PacketCodec(new StandardDictionary());
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                socket.receive(in);
                received.incrementAndGet();
                if (silent) {
                    continue;
                }
                byte[] data = java.util.Arrays.copyOf(in.getData(), in.getLength());
                if (forgeWith != null) {
                    // The request authenticator sits in bytes 4-20 of any request, readable by anyone on the path.
                    byte[] out = codec.encodeResponse(new AccessAccept(List.of(new MessageAuthenticator())), forgeWith, data[1] & 0xff,
                            java.util.Arrays.copyOfRange(data, 4, 20));
                    socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                    continue;
                }
                Packet request;
                try {
                    request = codec.decodeRequest(data, secret);
                } catch (PacketCodecException e) {
                    dropped.incrementAndGet();
                    continue;
                }
                if (!(request instanceof AccessRequest) || request.getAttribute(MessageAuthenticator.class).isEmpty()) {
                    dropped.incrementAndGet();
                    continue;
                }
                String user = request.getAttribute(UserName.class).map(a -> a.getData().getValue()).orElse("");
                String password = request.getAttribute(UserPassword.class).map(a -> new String(a.getData().getValue(), StandardCharsets.UTF_8)).orElse("");
                boolean ok = password.equals(users.get(user));
                Packet response = ok ? new AccessAccept(List.of(new MessageAuthenticator()))
                        : new AccessReject(List.of(new ReplyMessage(new TextData("Access denied")), new MessageAuthenticator()));
                byte[] out = codec.encodeResponse(response, secret, request.getReceivedFields().getIdentifier(),
                        request.getReceivedFields().getAuthenticator());
                socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
            } catch (Exception e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }

}
