package org.ream.central.authserver;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.ream.central.authserver.LdapSettings.LdapSecurity;
import org.ream.central.security.ExternalAuthenticator.Outcome;
import org.ream.central.security.ExternalAuthenticator.Result;

/**
 * Checks a user name and password against an LDAP server (manual 8.7.7): Active Directory binds
 * the user directly as user@domain; the other types find the user's entry with the search
 * account, then bind as it. Addresses are tried in order; with none, the domain controllers
 * come from DNS SRV. The password goes to the server only and is never kept or logged.
 */
public final class LdapAuthentication {

    /** Finds SRV records by name; replaced in tests. */
    @FunctionalInterface
    public interface SrvResolver {
        List<SrvRecord> lookup(String name) throws Exception;
    }

    private final LdapSettings settings;
    private final SrvResolver resolver;

    public LdapAuthentication(LdapSettings settings, SrvResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    public LdapAuthentication(LdapSettings settings) {
        this(settings, DnsSrv::lookup);
    }

    /** The addresses to try, in order: as configured, else the domain controllers DNS names. */
    List<ServerAddress> addresses(List<String> problems) {
        if (!settings.autoDiscover()) {
            return settings.addresses();
        }
        String name = "_ldap._tcp." + settings.domain();
        try {
            List<ServerAddress> out = new ArrayList<>();
            for (SrvRecord r : SrvRecord.order(resolver.lookup(name), new Random())) {
                // SRV gives the plain LDAP port; with SSL the same host answers on 636.
                out.add(settings.security() == LdapSecurity.SSL && r.port() == 389 ? new ServerAddress(r.target(), 636) : r.address());
            }
            if (out.isEmpty()) {
                problems.add("DNS has no SRV record " + name + " (no domain controller found; enter the server address)");
            }
            return out;
        } catch (Exception e) {
            problems.add("DNS look-up of " + name + " failed: " + e.getMessage());
            return List.of();
        }
    }

    public Result authenticate(String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            // An empty password would be an anonymous bind, which servers accept: never a login.
            return new Result(Outcome.REJECTED, "User name and password are required");
        }
        List<String> problems = new ArrayList<>();
        for (ServerAddress a : addresses(problems)) {
            try (LDAPConnection c = connect(a)) {
                String dn;
                if (settings.bindsDirectly()) {
                    dn = settings.directBindName(username);
                } else {
                    if (!settings.bindUser().isEmpty()) {
                        try {
                            c.bind(new SimpleBindRequest(settings.bindUser(), settings.bindPassword()));
                        } catch (LDAPException e) {
                            if (unreachable(e)) {
                                throw e;
                            }
                            return new Result(Outcome.UNREACHABLE, "LDAP server " + a + " refused the search account " + settings.bindUser()
                                    + " (" + e.getResultCode() + "): check the server settings");
                        }
                    }
                    SearchResult found = c.search(settings.baseDn(), SearchScope.SUB, userFilter(username), "1.1");
                    List<SearchResultEntry> entries = found.getSearchEntries();
                    if (entries.size() != 1) {
                        return new Result(Outcome.REJECTED, entries.isEmpty() ? "User " + username + " not found in " + settings.baseDn()
                                : "User name " + username + " matches " + entries.size() + " entries in " + settings.baseDn());
                    }
                    dn = entries.get(0).getDN();
                }
                try {
                    c.bind(new SimpleBindRequest(dn, password));
                    return new Result(Outcome.ACCEPTED, "Accepted by LDAP server " + a);
                } catch (LDAPException e) {
                    if (unreachable(e)) {
                        throw e;
                    }
                    return new Result(Outcome.REJECTED, "LDAP server " + a + " refused the credentials (" + e.getResultCode().getName() + ")");
                }
            } catch (LDAPException e) {
                if (!unreachable(e)) {
                    return new Result(Outcome.UNREACHABLE, "LDAP server " + a + " answered " + e.getResultCode().getName() + ": " + e.getDiagnosticMessage());
                }
                problems.add(a + " (" + describe(e) + ")");
            } catch (GeneralSecurityException e) {
                return new Result(Outcome.UNREACHABLE, "The TLS settings of the LDAP server cannot be used: " + e.getMessage());
            }
        }
        return new Result(Outcome.UNREACHABLE, "No LDAP server of " + settings.domain() + " could be reached: tried " + String.join(", ", problems));
    }

    /** The Test button: connects to every address (with the search account if set) and, given a user, checks the login too. */
    public TestReport test(String username, String password) {
        List<String> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<ServerAddress> addresses = addresses(problems);
        steps.addAll(problems);
        if (settings.autoDiscover() && !addresses.isEmpty()) {
            steps.add("DNS SRV _ldap._tcp." + settings.domain() + " found " + addresses);
        }
        int reachable = 0;
        for (ServerAddress a : addresses) {
            try (LDAPConnection c = connect(a)) {
                if (!settings.bindUser().isEmpty()) {
                    c.bind(new SimpleBindRequest(settings.bindUser(), settings.bindPassword()));
                    steps.add(a + ": connected" + (settings.security() == LdapSecurity.NONE ? "" : " (" + settings.security() + ")")
                            + ", search account accepted");
                } else {
                    steps.add(a + ": connected" + (settings.security() == LdapSecurity.NONE ? "" : " (" + settings.security() + ")"));
                }
                reachable++;
            } catch (LDAPException e) {
                steps.add(a + ": " + describe(e));
            } catch (GeneralSecurityException e) {
                steps.add(a + ": TLS settings unusable: " + e.getMessage());
            }
        }
        boolean ok = reachable > 0 && reachable == addresses.size();
        String message = addresses.isEmpty() ? "No address to try" : reachable + " of " + addresses.size() + " address(es) answered";
        if (reachable > 0 && username != null && !username.isBlank()) {
            Result r = authenticate(username, password);
            steps.add("Login of " + username + ": " + r.outcome() + " - " + r.message());
            ok = ok && r.outcome() == Outcome.ACCEPTED;
            message += "; login of " + username + " " + r.outcome().name().toLowerCase();
        }
        return new TestReport(ok, message, steps);
    }

    private Filter userFilter(String username) {
        Filter byName = Filter.createEqualityFilter(settings.userFilterAttribute(), username);
        if (username.contains("@")) {
            return Filter.createORFilter(byName, Filter.createEqualityFilter("mail", username));
        }
        return byName;
    }

    private LDAPConnection connect(ServerAddress a) throws LDAPException, GeneralSecurityException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        int ms = settings.timeoutSeconds() * 1000;
        options.setConnectTimeoutMillis(ms);
        options.setResponseTimeoutMillis(ms);
        options.setFollowReferrals(false);
        if (settings.validateCertificate()) {
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        }
        if (settings.security() == LdapSecurity.NONE) {
            return new LDAPConnection(options, a.host(), a.port());
        }
        SSLSocketFactory factory = sslUtil().createSSLSocketFactory();
        if (settings.security() == LdapSecurity.SSL) {
            return new LDAPConnection(factory, options, a.host(), a.port());
        }
        LDAPConnection c = new LDAPConnection(options, a.host(), a.port());
        try {
            ExtendedResult r = c.processExtendedOperation(new StartTLSExtendedRequest(factory));
            if (r.getResultCode() != ResultCode.SUCCESS) {
                throw new LDAPException(ResultCode.CONNECT_ERROR, "StartTLS refused: " + r.getResultCode().getName());
            }
            return c;
        } catch (LDAPException e) {
            c.close();
            throw e;
        }
    }

    private SSLUtil sslUtil() throws GeneralSecurityException {
        TrustManager trust;
        if (!settings.validateCertificate()) {
            trust = new TrustAllTrustManager();
        } else if (!settings.trustedCertificate().isEmpty()) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            int i = 0;
            for (Certificate cert : certificates(settings.trustedCertificate())) {
                ks.setCertificateEntry("trusted" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            trust = tmf.getTrustManagers()[0];
        } else {
            trust = JVMDefaultTrustManager.getInstance();
        }
        KeyManager key = null;
        if (!settings.clientCertificate().isEmpty()) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            char[] none = new char[0];
            ks.setKeyEntry("client", privateKey(settings.clientKey()), none, certificates(settings.clientCertificate()).toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, none);
            key = kmf.getKeyManagers()[0];
        }
        return new SSLUtil(key, trust);
    }

    static Collection<? extends Certificate> certificates(String pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the PEM text");
        }
        return certs;
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("the client key must be an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)");
        }
        String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----")).replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("the client key is not an RSA, EC or Ed25519 key");
    }

    private static boolean unreachable(LDAPException e) {
        ResultCode rc = e.getResultCode();
        return rc == ResultCode.CONNECT_ERROR || rc == ResultCode.SERVER_DOWN || rc == ResultCode.TIMEOUT || rc == ResultCode.LOCAL_ERROR
                || rc == ResultCode.UNAVAILABLE || rc == ResultCode.BUSY || rc == ResultCode.DECODING_ERROR;
    }

    private static String describe(LDAPException e) {
        String m = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getMessage();
        return e.getResultCode().getName() + (m == null ? "" : ": " + m);
    }
}
