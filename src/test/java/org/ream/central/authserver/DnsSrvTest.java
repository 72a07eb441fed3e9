package org.ream.central.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DNS look-up of domain controllers (dnsjava), against a tiny local DNS server answering SRV questions. */
class DnsSrvTest {

    static DatagramSocket dns;

    @BeforeAll
    static void start() throws Exception {
        dns = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread t = new Thread(DnsSrvTest::serve, "test-dns");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    /** Answers _ldap._tcp.example.com with two domain controllers; any other name with NXDOMAIN. */
    static void serve() {
        byte[] buf = new byte[512];
        while (!dns.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                dns.receive(in);
                byte[] q = Arrays.copyOf(in.getData(), in.getLength());
                int end = 12;
                StringBuilder name = new StringBuilder();
                while (q[end] != 0) {
                    int len = q[end];
                    name.append(name.isEmpty() ? "" : ".").append(new String(q, end + 1, len, StandardCharsets.US_ASCII));
                    end += len + 1;
                }
                int questionEnd = end + 5;
                boolean known = name.toString().equalsIgnoreCase("_ldap._tcp.example.com");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(q, 0, 2);
                out.write(new byte[] {(byte) 0x81, (byte) (known ? 0x80 : 0x83), 0, 1, 0, (byte) (known ? 2 : 0), 0, 0, 0, 0});
                out.write(q, 12, questionEnd - 12);
                if (known) {
                    answer(out, 10, 50, 389, "dc2.example.com");
                    answer(out, 0, 100, 389, "dc1.example.com");
                }
                byte[] b = out.toByteArray();
                dns.send(new DatagramPacket(b, b.length, in.getSocketAddress()));
            } catch (Exception e) {
                if (dns.isClosed()) {
                    return;
                }
            }
        }
    }

    static void answer(ByteArrayOutputStream out, int priority, int weight, int port, String target) {
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        rdata.write(priority >> 8);
        rdata.write(priority);
        rdata.write(weight >> 8);
        rdata.write(weight);
        rdata.write(port >> 8);
        rdata.write(port);
        for (String label : target.split("\\.")) {
            rdata.write(label.length());
            rdata.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        rdata.write(0);
        byte[] r = rdata.toByteArray();
        out.writeBytes(new byte[] {(byte) 0xC0, 12, 0, 33, 0, 1, 0, 0, 0x0E, 0x10, (byte) (r.length >> 8), (byte) r.length});
        out.writeBytes(r);
    }

    @Test
    void findsTheDomainControllersAndOrdersThemByPriority() throws Exception {
        java.net.InetSocketAddress server = new java.net.InetSocketAddress("127.0.0.1", dns.getLocalPort());
        List<SrvRecord> records = DnsSrv.lookup("_ldap._tcp.example.com", server);
        assertThat(records).containsExactlyInAnyOrder(new SrvRecord(0, 100, 389, "dc1.example.com"), new SrvRecord(10, 50, 389, "dc2.example.com"));
        assertThat(SrvRecord.order(records, new java.util.Random())).extracting(SrvRecord::target).containsExactly("dc1.example.com", "dc2.example.com");
    }

    @Test
    void anUnknownDomainHasNoControllers() throws Exception {
        assertThat(DnsSrv.lookup("_ldap._tcp.nowhere.example", new java.net.InetSocketAddress("127.0.0.1", dns.getLocalPort()))).isEmpty();
    }
}
