package org.ream.central.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.util.ObjectPair;
import java.io.File;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ream.central.security.ExternalAuthenticator.Outcome;
import org.ream.central.security.ExternalAuthenticator.Result;

/**
 * LDAP logins against a real OpenLDAP slapd (Debian packages slapd): a throw-away directory in
 * a temp folder on free ports, plain LDAP with StartTLS and LDAPS, with a self-signed certificate.
 */
class OpenLdapSystemTest {

    static final Path SLAPD = Path.of("/usr/sbin/slapd");
    static final String ROOT_DN = "cn=admin,dc=example,dc=com";
    static final String ROOT_PW = "admin-Secret9";
    static ExternalProcess slapd;
    static int ldapPort;
    static int ldapsPort;
    static String certificatePem;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(SLAPD), "OpenLDAP system test skipped: /usr/sbin/slapd not installed (apt-get install slapd)");
        slapd = new ExternalProcess("ream-slapd");
        Path dir = slapd.dir;
        Files.createDirectories(dir.resolve("data"));
        ObjectPair<File, char[]> p12 = TestLdapServer.selfSigned();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(p12.getFirst())) {
            ks.load(in, p12.getSecond());
        }
        String alias = ks.aliases().nextElement();
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes());
        certificatePem = "-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(ks.getCertificate(alias).getEncoded()) + "\n-----END CERTIFICATE-----\n";
        Files.writeString(dir.resolve("cert.pem"), certificatePem);
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(ks.getKey(alias, p12.getSecond()).getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("slapd.conf"), String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "pidfile " + dir.resolve("slapd.pid"),
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "TLSCertificateFile " + dir.resolve("cert.pem"),
                "TLSCertificateKeyFile " + dir.resolve("key.pem"),
                "database mdb",
                "maxsize 10485760",
                "suffix \"dc=example,dc=com\"",
                "rootdn \"" + ROOT_DN + "\"",
                "rootpw " + ROOT_PW,
                "directory " + dir.resolve("data"),
                "access to attrs=userPassword by anonymous auth by * none",
                "access to * by users read by * none", ""));
        ldapPort = FreePorts.tcp();
        ldapsPort = FreePorts.tcp();
        slapd.start(List.of(SLAPD.toString(), "-f", dir.resolve("slapd.conf").toString(), "-h",
                "ldap://127.0.0.1:" + ldapPort + "/ ldaps://localhost:" + ldapsPort + "/", "-d", "0"),
                () -> ExternalProcess.listening(ldapPort) && ExternalProcess.listening(ldapsPort), Duration.ofSeconds(20));
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", ldapPort, ROOT_DN, ROOT_PW)) {
            c.add("dn: dc=example,dc=com", "objectClass: dcObject", "objectClass: organization", "dc: example", "o: Example");
            c.add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
            c.add("dn: uid=grace,ou=people,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: grace", "cn: Grace Hopper", "sn: Hopper",
                    "userPassword: grace-Pass5");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    static Map<String, Object> settings(String security, String address) {
        Map<String, Object> m = new HashMap<>();
        m.put("domain", "example.com");
        m.put("type", "OpenLDAP");
        m.put("security", security);
        m.put("addresses", List.of(address));
        m.put("bindUser", ROOT_DN);
        m.put("bindPassword", ROOT_PW);
        m.put("trustedCertificate", certificatePem);
        m.put("timeoutSeconds", 3);
        return m;
    }

    static Result login(Map<String, Object> m, String user, String password) {
        return new LdapAuthentication(LdapSettings.from(m)).authenticate(user, password);
    }

    @Test
    void searchThenBindOnPlainLdap() {
        Map<String, Object> m = settings("none", "127.0.0.1:" + ldapPort);
        Result ok = login(m, "grace", "grace-Pass5");
        assertThat(ok.outcome()).as(ok.message()).isEqualTo(Outcome.ACCEPTED);
        assertThat(login(m, "grace", "wrong").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(login(m, "nobody", "grace-Pass5").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(login(m, "grace", "").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void startTlsAndLdaps() {
        Result startTls = login(settings("StartTLS", "localhost:" + ldapPort), "grace", "grace-Pass5");
        assertThat(startTls.outcome()).as(startTls.message()).isEqualTo(Outcome.ACCEPTED);
        Result ssl = login(settings("SSL", "localhost:" + ldapsPort), "grace", "grace-Pass5");
        assertThat(ssl.outcome()).as(ssl.message()).isEqualTo(Outcome.ACCEPTED);
        Map<String, Object> untrusted = settings("SSL", "localhost:" + ldapsPort);
        untrusted.remove("trustedCertificate");
        assertThat(login(untrusted, "grace", "grace-Pass5").outcome()).isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void aDeadFirstAddressFallsThroughToSlapd() throws Exception {
        Map<String, Object> m = settings("none", "127.0.0.1:" + ldapPort);
        m.put("addresses", List.of("127.0.0.1:" + FreePorts.tcp(), "127.0.0.1:" + ldapPort));
        assertThat(login(m, "grace", "grace-Pass5").outcome()).isEqualTo(Outcome.ACCEPTED);
    }
}
