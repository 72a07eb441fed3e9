package org.ream.central.usersync.source;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ream.central.authserver.LdapConnections;
import org.ream.central.authserver.LdapSettings;
import org.ream.central.authserver.LdapSettings.LdapSecurity;
import org.ream.central.authserver.LdapSettings.LdapType;
import org.ream.central.authserver.ServerAddress;

/**
 * An in-process directory for the readers: entryUUID and modifyTimestamp kept by the server as
 * OpenLDAP does, an optional size limit (OpenLDAP's 500 by default), and for Active Directory a
 * rootDSE with highestCommittedUSN and dsServiceName that the test moves on.
 */
final class TestDirectory implements AutoCloseable {

    static final String BASE = "dc=example,dc=com";
    static final String PEOPLE = "ou=people," + BASE;
    static final String STAFF = "ou=staff," + BASE;
    static final String READER = "cn=reader," + BASE;
    static final String READER_PASSWORD = "reader-secret";

    final InMemoryDirectoryServer server;
    final AtomicLong highestUsn = new AtomicLong(12000);
    volatile String dsServiceName = "CN=NTDS Settings,CN=DC1,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration," + BASE;
    final AtomicInteger userSearches = new AtomicInteger();

    TestDirectory(int sizeLimit) throws Exception {
        this(sizeLimit, true);
    }

    /** {@code serverStamps} false: the test writes entryUUID and modifyTimestamp itself, to control time. */
    TestDirectory(int sizeLimit, boolean serverStamps) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setGenerateOperationalAttributes(serverStamps);
        // Active Directory attributes (objectGUID, uSNChanged, memberOf) are not in the standard schema.
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("LDAP", 0));
        if (sizeLimit > 0) {
            config.setMaxSizeLimit(sizeLimit);
        }
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                if (!request.getRequest().getBaseDN().isEmpty()) {
                    userSearches.incrementAndGet();
                }
            }

            @Override
            public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
                if (result.getSearchEntry().getDN().isEmpty()) {
                    Entry root = result.getSearchEntry().duplicate();
                    root.setAttribute("highestCommittedUSN", Long.toString(highestUsn.get()));
                    root.setAttribute("dsServiceName", dsServiceName);
                    result.setSearchEntry(root);
                }
            }
        });
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: " + STAFF, "objectClass: organizationalUnit", "ou: staff");
        server.add("dn: " + READER, "objectClass: person", "cn: reader", "sn: reader", "userPassword: " + READER_PASSWORD);
        server.startListening();
    }

    void addUser(String ou, String uid, String... more) throws LDAPException {
        Entry e = new Entry("uid=" + uid + "," + ou, new com.unboundid.ldap.sdk.Attribute("objectClass", "inetOrgPerson"),
                new com.unboundid.ldap.sdk.Attribute("uid", uid), new com.unboundid.ldap.sdk.Attribute("cn", uid), new com.unboundid.ldap.sdk.Attribute("sn", uid));
        for (int i = 0; i + 1 < more.length; i += 2) {
            e.addAttribute(more[i], more[i + 1]);
        }
        server.add(e);
    }

    /** An Active Directory user: objectGUID as bytes, uSNChanged from the DC's counter. */
    void addAdUser(String uid, byte[] guid) throws LDAPException {
        Entry e = new Entry("uid=" + uid + "," + PEOPLE);
        e.addAttribute("objectClass", "user");
        e.addAttribute("uid", uid);
        e.addAttribute("sAMAccountName", uid);
        e.addAttribute("objectGUID", guid);
        e.addAttribute("uSNChanged", Long.toString(highestUsn.incrementAndGet()));
        server.add(e);
    }

    void changeAdUser(String uid, String attribute, String value) throws Exception {
        server.modify("dn: uid=" + uid + "," + PEOPLE, "changetype: modify", "replace: " + attribute, attribute + ": " + value, "-", "replace: uSNChanged",
                "uSNChanged: " + highestUsn.incrementAndGet());
    }

    int port() {
        return server.getListenPort("LDAP");
    }

    LdapSettings settings(LdapType type, List<String> addresses) {
        return new LdapSettings("example.com", type, LdapSecurity.NONE,
                addresses.stream().map(a -> ServerAddress.parse("addresses", a, 389)).toList(), BASE, READER, READER_PASSWORD, "", "", "", false, 2);
    }

    LdapDirectoryReader reader(LdapType type) {
        return new LdapDirectoryReader(new LdapConnections(settings(type, List.of("127.0.0.1:" + port()))), READER, READER_PASSWORD);
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
