package org.ream.central.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks of the server settings of manual 6.6, each refusal naming its field. */
class ServerSettingsTest {

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static void refused(AuthServerKind kind, Map<String, Object> m, String field) {
        assertThatThrownBy(() -> ServerSettings.normalise(kind, m)).isInstanceOfSatisfying(InvalidServerSettings.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void ldapDefaultsPortsByTypeAndSecurity() {
        LdapSettings s = LdapSettings.from(map("domain", "Corp.Example.com", "type", "Active Directory", "security", "SSL",
                "addresses", List.of("dc1.corp.example.com", "10.0.0.2:3269", "[::1]")));
        assertThat(s.domain()).isEqualTo("corp.example.com");
        assertThat(s.type()).isEqualTo(LdapSettings.LdapType.ACTIVE_DIRECTORY);
        assertThat(s.addresses()).extracting(ServerAddress::toString).containsExactly("dc1.corp.example.com:636", "10.0.0.2:3269", "[::1]:636");
        assertThat(s.baseDn()).isEqualTo("dc=corp,dc=example,dc=com");
        assertThat(s.directBindName("jdoe")).isEqualTo("jdoe@corp.example.com");
        assertThat(s.directBindName("jdoe@other.com")).isEqualTo("jdoe@other.com");
        assertThat(s.autoDiscover()).isFalse();
        LdapSettings plain = LdapSettings.from(map("domain", "example.com", "type", "openldap", "security", "StartTLS", "addresses", "ldap1 ldap2:1389"));
        assertThat(plain.addresses()).extracting(ServerAddress::toString).containsExactly("ldap1:389", "ldap2:1389");
        assertThat(LdapSettings.from(map("domain", "example.com", "type", "Novell", "security", "none")).autoDiscover()).isTrue();
    }

    @Test
    void ldapRefusalsNameTheField() {
        refused(AuthServerKind.LDAP, map("type", "OpenLDAP", "security", "none"), "domain");
        refused(AuthServerKind.LDAP, map("domain", "bad domain!", "type", "OpenLDAP", "security", "none"), "domain");
        refused(AuthServerKind.LDAP, map("domain", "example.com", "type", "Samba", "security", "none"), "type");
        refused(AuthServerKind.LDAP, map("domain", "example.com", "type", "Active Directory", "security", "none"), "security");
        refused(AuthServerKind.LDAP, map("domain", "example.com", "type", "OpenLDAP", "security", "TLS1.0"), "security");
        refused(AuthServerKind.LDAP, map("domain", "example.com", "type", "OpenLDAP", "security", "none", "addresses", List.of("h:70000")), "addresses");
        refused(AuthServerKind.LDAP, map("domain", "example.com", "type", "OpenLDAP", "security", "none", "addresses", List.of("::1")), "addresses");
        refused(AuthServerKind.LDAP, map("domain", "example.com", "type", "OpenLDAP", "security", "none", "bindUser", "cn=x"), "bindPassword");
        refused(AuthServerKind.LDAP, map("domain", "example.com", "type", "Google Workspace", "security", "SSL"), "clientCertificate");
        refused(AuthServerKind.LDAP, map("domain", "example.com", "type", "Google Workspace", "security", "SSL",
                "clientCertificate", "-----BEGIN CERTIFICATE-----x"), "clientKey");
        refused(AuthServerKind.LDAP, map("domain", "example.com", "type", "OpenLDAP", "security", "none", "clientCertificate", "not pem"), "clientCertificate");
    }

    @Test
    void googleWorkspaceUsesSecureLdapAtGoogle() {
        LdapSettings s = LdapSettings.from(map("domain", "example.com", "type", "GOOGLE_WORKSPACE", "clientCertificate",
                "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----", "clientKey", "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----"));
        assertThat(s.security()).isEqualTo(LdapSettings.LdapSecurity.SSL);
        assertThat(s.addresses()).extracting(ServerAddress::toString).containsExactly("ldap.google.com:636");
    }

    @Test
    void radius() {
        RadiusSettings s = RadiusSettings.from(map("addresses", List.of("radius1", "radius2:1645"), "sharedSecret", "abc"));
        assertThat(s.port()).isEqualTo(1812);
        assertThat(s.addresses()).extracting(ServerAddress::toString).containsExactly("radius1:1812", "radius2:1645");
        refused(AuthServerKind.RADIUS, map("sharedSecret", "abc"), "addresses");
        refused(AuthServerKind.RADIUS, map("addresses", "r1"), "sharedSecret");
        refused(AuthServerKind.RADIUS, map("addresses", "r1", "sharedSecret", "abc", "port", "0"), "port");
        refused(AuthServerKind.RADIUS, map("addresses", "r1", "sharedSecret", "abc", "retries", "x"), "retries");
        refused(AuthServerKind.RADIUS, map("addresses", java.util.Collections.nCopies(21, "r1"), "sharedSecret", "abc"), "addresses");
        refused(AuthServerKind.RADIUS, map("addresses", "r1", "sharedSecret", "x".repeat(129)), "sharedSecret");
    }

    @Test
    void azure() {
        AzureSettings s = AzureSettings.from(map("tenantId", "1b2c3d4e-0000-4000-8000-000000000001", "clientId", "app", "clientSecret", "sec"));
        assertThat(s.authority()).isEqualTo("https://login.microsoftonline.com");
        assertThat(s.discoveryUrl()).isEqualTo("https://login.microsoftonline.com/1b2c3d4e-0000-4000-8000-000000000001/v2.0/.well-known/openid-configuration");
        assertThat(s.signInWithMicrosoft()).isTrue();
        assertThat(AzureSettings.from(map("tenantId", "t", "clientId", "a", "clientSecret", "s", "authority", "http://127.0.0.1:8080/")).authority())
                .isEqualTo("http://127.0.0.1:8080");
        refused(AuthServerKind.AZURE, map("clientId", "a", "clientSecret", "s"), "tenantId");
        refused(AuthServerKind.AZURE, map("tenantId", "t/../x", "clientId", "a", "clientSecret", "s"), "tenantId");
        refused(AuthServerKind.AZURE, map("tenantId", "t", "clientSecret", "s"), "clientId");
        refused(AuthServerKind.AZURE, map("tenantId", "t", "clientId", "c".repeat(70_000), "clientSecret", "s"), "clientId");
        refused(AuthServerKind.AZURE, map("tenantId", "t", "clientId", "a"), "clientSecret");
        refused(AuthServerKind.AZURE, map("tenantId", "t", "clientId", "a", "clientSecret", "s", "authority", "ftp://x"), "authority");
    }

    @Test
    void namesAndKinds() {
        assertThat(ServerSettings.name("  Local AD ")).isEqualTo("Local AD");
        assertThatThrownBy(() -> ServerSettings.name(" ")).isInstanceOfSatisfying(InvalidServerSettings.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(AuthServerKind.parse("radius")).isEqualTo(AuthServerKind.RADIUS);
        assertThatThrownBy(() -> AuthServerKind.parse("kerberos")).isInstanceOfSatisfying(InvalidServerSettings.class,
                e -> assertThat(e.field()).isEqualTo("kind"));
        assertThat(ServerSettings.secrets(AuthServerKind.LDAP)).containsExactly("bindPassword", "clientKey");
    }
}
