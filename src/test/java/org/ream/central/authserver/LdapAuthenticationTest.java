package org.ream.central.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ream.central.security.ExternalAuthenticator.Outcome;
import org.ream.central.security.ExternalAuthenticator.Result;

/** LDAP logins against an in-process directory: AD-style direct bind, search-then-bind, TLS, failover, DNS discovery. */
class LdapAuthenticationTest {

    static TestLdapServer ldap;

    @BeforeAll
    static void start() throws Exception {
        ldap = new TestLdapServer();
    }

    @AfterAll
    static void stop() {
        ldap.stop();
    }

    static Map<String, Object> settings(String type, String security, Object addresses) {
        Map<String, Object> m = new HashMap<>();
        m.put("domain", TestLdapServer.DOMAIN);
        m.put("type", type);
        m.put("security", security);
        m.put("addresses", addresses);
        m.put("timeoutSeconds", 2);
        return m;
    }

    /** Active Directory as the manual wants it: over TLS (StartTLS here, with the test server's certificate trusted). */
    static Map<String, Object> ad(Object addresses) {
        Map<String, Object> m = settings("Active Directory", "StartTLS", addresses);
        m.put("trustedCertificate", ldap.certificatePem());
        return m;
    }

    static Map<String, Object> openLdap(Object addresses) {
        Map<String, Object> m = settings("OpenLDAP", "none", addresses);
        m.put("bindUser", TestLdapServer.READER_DN);
        m.put("bindPassword", TestLdapServer.READER_PASSWORD);
        return m;
    }

    static Result login(Map<String, Object> m, String user, String password) {
        return new LdapAuthentication(LdapSettings.from(m)).authenticate(user, password);
    }

    @Test
    void activeDirectoryBindsTheUserAsUserAtDomain() {
        Map<String, Object> ad = ad(List.of("localhost:" + ldap.ldapPort()));
        assertThat(login(ad, "alice", TestLdapServer.ALICE_PASSWORD).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(login(ad, "alice@example.com", TestLdapServer.ALICE_PASSWORD).outcome()).isEqualTo(Outcome.ACCEPTED);
        Result wrong = login(ad, "alice", "wrong");
        assertThat(wrong.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(wrong.message()).doesNotContain("wrong");
        // Alice's password does not open Bob's account.
        assertThat(login(ad, "bob", TestLdapServer.ALICE_PASSWORD).outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void openLdapSearchesTheUserWithTheSearchAccountThenBinds() {
        Map<String, Object> m = openLdap(List.of("127.0.0.1:" + ldap.ldapPort()));
        assertThat(login(m, "bob", TestLdapServer.BOB_PASSWORD).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(login(m, "bob", TestLdapServer.ALICE_PASSWORD).outcome()).isEqualTo(Outcome.REJECTED);
        Result unknown = login(m, "carol", "x");
        assertThat(unknown.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(unknown.message()).contains("not found");
        // A filter injection in the user name matches nothing instead of everyone.
        assertThat(login(m, "*", TestLdapServer.BOB_PASSWORD).outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void anEmptyPasswordIsNeverAnAnonymousLogin() {
        Map<String, Object> ad = ad(List.of("localhost:" + ldap.ldapPort()));
        assertThat(login(ad, "alice", "").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(login(openLdap(List.of("127.0.0.1:" + ldap.ldapPort())), "bob", "").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void aRefusedSearchAccountIsAServerProblemNotAWrongPassword() {
        Map<String, Object> m = openLdap(List.of("127.0.0.1:" + ldap.ldapPort()));
        m.put("bindPassword", "not-the-reader-password");
        Result r = login(m, "bob", TestLdapServer.BOB_PASSWORD);
        assertThat(r.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(r.message()).contains("search account");
    }

    @Test
    void aServerThatIsDownIsUnreachableAndNamesWhatWasTried() throws Exception {
        int dead = FreePorts.tcp();
        Result r = login(ad(List.of("127.0.0.1:" + dead)), "alice", TestLdapServer.ALICE_PASSWORD);
        assertThat(r.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(r.message()).contains("127.0.0.1:" + dead);
    }

    @Test
    void theNextAddressIsTriedWhenTheFirstIsDead() throws Exception {
        int dead = FreePorts.tcp();
        Map<String, Object> m = openLdap(List.of("127.0.0.1:" + dead, "127.0.0.1:" + ldap.ldapPort()));
        assertThat(login(m, "bob", TestLdapServer.BOB_PASSWORD).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void startTlsWithTheServersSelfSignedCertificateTrusted() {
        Map<String, Object> m = openLdap(List.of("localhost:" + ldap.ldapPort()));
        m.put("security", "StartTLS");
        m.put("trustedCertificate", ldap.certificatePem());
        Result r = login(m, "bob", TestLdapServer.BOB_PASSWORD);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void sslWithTheServersCertificateTrustedAndRefusedWhenUntrusted() {
        Map<String, Object> m = settings("Active Directory", "SSL", List.of("localhost:" + ldap.ldapsPort()));
        m.put("trustedCertificate", ldap.certificatePem());
        Result ok = login(m, "alice", TestLdapServer.ALICE_PASSWORD);
        assertThat(ok.outcome()).as(ok.message()).isEqualTo(Outcome.ACCEPTED);
        // Without trusting it, the JVM's CAs do not know the self-signed certificate: no password is sent.
        m.remove("trustedCertificate");
        Result r = login(m, "alice", TestLdapServer.ALICE_PASSWORD);
        assertThat(r.outcome()).isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void googleWorkspaceConnectsWithTheClientCertificate() throws Exception {
        String[] client = TestLdapServer.certificateAndKeyPem();
        Map<String, Object> m = settings("Google Workspace", "SSL", List.of("localhost:" + ldap.clientCertPort()));
        m.put("trustedCertificate", ldap.certificatePem());
        m.put("clientCertificate", client[0]);
        m.put("clientKey", client[1]);
        Result r = login(m, "bob", TestLdapServer.BOB_PASSWORD);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ACCEPTED);
        assertThat(login(m, "bob", "wrong").outcome()).isEqualTo(Outcome.REJECTED);
        // The same server without a client certificate does not even let us in.
        Map<String, Object> noCert = settings("OpenLDAP", "SSL", List.of("localhost:" + ldap.clientCertPort()));
        noCert.put("trustedCertificate", ldap.certificatePem());
        assertThat(login(noCert, "bob", TestLdapServer.BOB_PASSWORD).outcome()).isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void domainControllersAreDiscoveredThroughDnsSrvWhenNoAddressIsGiven() throws Exception {
        int dead = FreePorts.tcp();
        List<String> asked = new java.util.ArrayList<>();
        LdapAuthentication.SrvResolver dns = name -> {
            asked.add(name);
            // The preferred (priority 0) controller is down; the priority 10 one answers.
            return List.of(new SrvRecord(10, 100, ldap.ldapPort(), "localhost"), new SrvRecord(0, 100, dead, "localhost"));
        };
        Map<String, Object> m = ad(List.of());
        Result r = new LdapAuthentication(LdapSettings.from(m), dns).authenticate("alice", TestLdapServer.ALICE_PASSWORD);
        assertThat(asked).containsExactly("_ldap._tcp.example.com");
        assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);

        Result none = new LdapAuthentication(LdapSettings.from(m), name -> List.of()).authenticate("alice", TestLdapServer.ALICE_PASSWORD);
        assertThat(none.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(none.message()).contains("_ldap._tcp.example.com");
    }

    @Test
    void theTestButtonReportsEachAddressAndTheOptionalLogin() throws Exception {
        int dead = FreePorts.tcp();
        TestReport r = new LdapAuthentication(LdapSettings.from(openLdap(List.of("127.0.0.1:" + ldap.ldapPort(), "127.0.0.1:" + dead))))
                .test("bob", TestLdapServer.BOB_PASSWORD);
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).contains("1 of 2");
        assertThat(r.steps()).anyMatch(s -> s.contains("search account accepted")).anyMatch(s -> s.contains(":" + dead))
                .anyMatch(s -> s.contains("ACCEPTED"));
        TestReport good = new LdapAuthentication(LdapSettings.from(openLdap(List.of("127.0.0.1:" + ldap.ldapPort())))).test(null, null);
        assertThat(good.ok()).isTrue();
    }
}
