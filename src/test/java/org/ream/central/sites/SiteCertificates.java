package org.ream.central.sites;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-made site certificates, as site servers often have: made with the JDK's keytool, one
 * trusted through the central server's ream.sites.trust-store, one not.
 */
public final class SiteCertificates implements QuarkusTestResourceLifecycleManager {

    static final String PASSWORD = "changeit";
    static Path folder;

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("site-certs-");
            keyPair("trusted");
            keyPair("stranger");
            keytool("-exportcert", "-alias", "trusted", "-keystore", folder.resolve("trusted.p12").toString(), "-storepass", PASSWORD,
                    "-file", folder.resolve("trusted.cer").toString());
            keytool("-importcert", "-noprompt", "-alias", "site", "-file", folder.resolve("trusted.cer").toString(), "-keystore",
                    folder.resolve("sites-trust.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
            return Map.of("ream.sites.trust-store", folder.resolve("sites-trust.p12").toString(), "ream.sites.trust-store-password", PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test certificates: " + e.getMessage(), e);
        }
    }

    private static void keyPair(String name) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=" + name + " site",
                "-ext", "SAN=IP:127.0.0.1", "-keystore", folder.resolve(name + ".p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }

    /** The TLS server side of a site holding the named key pair. */
    static SSLContext serverContext(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(folder.resolve(name + ".p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }

    @Override
    public void stop() {
        // the folder is in the temporary directory; nothing secret in it
    }
}
