package org.ream.central.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ream.central.security.ExternalAuthenticator.Outcome;
import org.ream.central.security.ExternalAuthenticator.Result;

/**
 * RADIUS logins against a real FreeRADIUS (Debian package freeradius): the packaged
 * configuration copied to a temp folder, with one site listening on a free port, a client
 * that requires Message-Authenticator and one user.
 */
class FreeRadiusSystemTest {

    static final Path FREERADIUS = Path.of("/usr/sbin/freeradius");
    static final Path PACKAGED = Path.of("/etc/freeradius/3.0");
    static final String SECRET = "fr-Shared7";
    static ExternalProcess radiusd;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(FREERADIUS) && Files.isDirectory(PACKAGED),
                "FreeRADIUS system test skipped: /usr/sbin/freeradius not installed (apt-get install freeradius)");
        radiusd = new ExternalProcess("ream-freeradius");
        Path d = radiusd.dir.resolve("raddb");
        copy(PACKAGED, d);
        try (Stream<Path> sites = Files.list(d.resolve("sites-enabled"))) {
            for (Path p : sites.toList()) {
                Files.delete(p);
            }
        }
        Files.deleteIfExists(d.resolve("mods-enabled/eap"));
        Files.createDirectories(radiusd.dir.resolve("log"));
        Files.createDirectories(radiusd.dir.resolve("run"));
        String conf = Files.readString(d.resolve("radiusd.conf"))
                .replaceAll("(?m)^logdir = .*$", "logdir = " + radiusd.dir.resolve("log"))
                .replaceAll("(?m)^run_dir = .*$", "run_dir = " + radiusd.dir.resolve("run"))
                .replaceAll("(?m)^(\\s*)(user|group) = freerad\\s*$", "$1#$2");
        Files.writeString(d.resolve("radiusd.conf"), conf);
        Files.writeString(d.resolve("clients.conf"), "client local {\n\tipaddr = 127.0.0.1\n\tsecret = " + SECRET
                + "\n\trequire_message_authenticator = yes\n}\n");
        port = FreePorts.udp();
        Files.writeString(d.resolve("sites-enabled/ream"), """
                server ream {
                	listen {
                		type = auth
                		ipaddr = 127.0.0.1
                		port = %d
                	}
                	authorize {
                		files
                		pap
                	}
                	authenticate {
                		Auth-Type PAP {
                			pap
                		}
                	}
                }
                """.formatted(port));
        Files.writeString(d.resolve("mods-config/files/authorize"), "\"heidi\" Cleartext-Password := \"heidi-Pass6\"\n");
        radiusd.start(List.of(FREERADIUS.toString(), "-f", "-X", "-d", d.toString()), () -> radiusd.log().contains("Ready to process requests"),
                Duration.ofSeconds(30));
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isReadable(p)) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (radiusd != null) {
            radiusd.close();
        }
    }

    static Result login(String secret, String user, String password) {
        Map<String, Object> m = new HashMap<>();
        m.put("addresses", List.of("127.0.0.1:" + port));
        m.put("sharedSecret", secret);
        m.put("timeoutMillis", 1000);
        m.put("retries", 1);
        return new RadiusAuthentication(RadiusSettings.from(m)).authenticate(user, password);
    }

    @Test
    void acceptAndReject() {
        Result ok = login(SECRET, "heidi", "heidi-Pass6");
        assertThat(ok.outcome()).as(ok.message() + "\n" + radiusd.log()).isEqualTo(Outcome.ACCEPTED);
        assertThat(login(SECRET, "heidi", "wrong").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(login(SECRET, "nobody", "heidi-Pass6").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void aWrongSharedSecretGetsNoAnswer() {
        Result r = login("not-" + SECRET, "heidi", "heidi-Pass6");
        assertThat(r.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(r.message()).contains("shared secret");
    }
}
