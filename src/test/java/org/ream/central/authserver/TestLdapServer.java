package org.ream.central.authserver;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.File;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;

/**
 * An in-process LDAP directory for the tests (UnboundID): plain LDAP with StartTLS and LDAPS on
 * free ports with a self-signed certificate, a search account and users. Binds as user@domain
 * are mapped to the user's entry as Active Directory does with a UPN.
 */
public final class TestLdapServer implements AutoCloseable {

    public static final String DOMAIN = "example.com";
    public static final String BASE = "dc=example,dc=com";
    public static final String READER_DN = "cn=reader," + BASE;
    public static final String READER_PASSWORD = "reader-secret";
    public static final String ALICE_PASSWORD = "alice-Secret1";
    public static final String BOB_PASSWORD = "bob-Secret2";

    private final InMemoryDirectoryServer server;
    private final String certificatePem;

    public TestLdapServer() throws Exception {
        ObjectPair<File, char[]> keystore = selfSigned();
        SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keystore.getFirst(), keystore.getSecond(), "PKCS12", null), new TrustAllTrustManager());
        SSLUtil clientSsl = new SSLUtil(new TrustAllTrustManager());
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        // Active Directory attributes (sAMAccountName, userPrincipalName) are not in the standard schema.
        config.setSchema(null);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("LDAP", null, 0, serverSsl.createSSLSocketFactory()),
                InMemoryListenerConfig.createLDAPSConfig("LDAPS", null, 0, serverSsl.createSSLServerSocketFactory(), clientSsl.createSSLSocketFactory()),
                // As Google's secure LDAP: no connection without a client certificate.
                InMemoryListenerConfig.createLDAPSConfig("LDAPS-CLIENT-CERT", null, 0, serverSsl.createSSLServerSocketFactory(),
                        clientSsl.createSSLSocketFactory(), true, true));
        Map<String, String> upns = Map.of("alice@example.com", "uid=alice,ou=people," + BASE, "bob@example.com", "uid=bob,ou=people," + BASE);
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) throws LDAPException {
                SimpleBindRequest r = request.getRequest();
                String dn = upns.get(r.getBindDN().toLowerCase());
                if (dn != null) {
                    request.setRequest(new SimpleBindRequest(dn, r.getPassword().getValue()));
                }
            }
        });
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: " + READER_DN, "objectClass: person", "cn: reader", "sn: reader", "userPassword: " + READER_PASSWORD);
        server.add("dn: uid=alice,ou=people," + BASE, "objectClass: inetOrgPerson", "uid: alice", "cn: Alice Martin", "sn: Martin",
                "mail: alice@example.com", "sAMAccountName: alice", "userPrincipalName: alice@example.com", "userPassword: " + ALICE_PASSWORD);
        server.add("dn: uid=bob,ou=people," + BASE, "objectClass: inetOrgPerson", "uid: bob", "cn: Bob Durand", "sn: Durand",
                "mail: bob@example.com", "sAMAccountName: bob", "userPrincipalName: bob@example.com", "userPassword: " + BOB_PASSWORD);
        server.startListening();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.getFirst())) {
            ks.load(in, keystore.getSecond());
        }
        Certificate cert = ks.getCertificate(ks.aliases().nextElement());
        certificatePem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** A certificate for the name localhost only (not 127.0.0.1), made with the JDK's keytool. */
    static ObjectPair<File, char[]> selfSigned() throws Exception {
        File file = File.createTempFile("ream-ldap", ".p12");
        file.delete();
        file.deleteOnExit();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "ldap", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", file.getPath(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        return new ObjectPair<>(file, "changeit".toCharArray());
    }

    public int ldapPort() {
        return server.getListenPort("LDAP");
    }

    public int clientCertPort() {
        return server.getListenPort("LDAPS-CLIENT-CERT");
    }

    /** A new self-signed certificate and its PKCS#8 key, both PEM: a client certificate as Google issues. */
    static String[] certificateAndKeyPem() throws Exception {
        ObjectPair<File, char[]> p12 = selfSigned();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(p12.getFirst())) {
            ks.load(in, p12.getSecond());
        }
        String alias = ks.aliases().nextElement();
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes());
        return new String[] {"-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(ks.getCertificate(alias).getEncoded()) + "\n-----END CERTIFICATE-----\n",
                "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(ks.getKey(alias, p12.getSecond()).getEncoded()) + "\n-----END PRIVATE KEY-----\n"};
    }

    public int ldapsPort() {
        return server.getListenPort("LDAPS");
    }

    /** The server's self-signed certificate, to be trusted by the client. */
    public String certificatePem() {
        return certificatePem;
    }

    public void stop() {
        server.shutDown(true);
    }

    @Override
    public void close() {
        stop();
    }
}
