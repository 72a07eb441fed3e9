package org.ream.central.authserver;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
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
import org.ream.central.authserver.LdapAuthentication.SrvResolver;
import org.ream.central.authserver.LdapSettings.LdapSecurity;

/**
 * Opens connections to an LDAP server as its settings say: the addresses in order (none: the
 * domain controllers from DNS SRV), plain, StartTLS or SSL, the trusted and client certificates.
 * Shared by the login check and the user synchronisation, so both reach a server the same way.
 */
public final class LdapConnections {

    private final LdapSettings settings;
    private final SrvResolver resolver;

    public LdapConnections(LdapSettings settings, SrvResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    public LdapConnections(LdapSettings settings) {
        this(settings, DnsSrv::lookup);
    }

    public LdapSettings settings() {
        return settings;
    }

    /** The addresses to try, in order: as configured, else the domain controllers DNS names; why none, in {@code problems}. */
    public List<ServerAddress> addresses(List<String> problems) {
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

    /** A connection to one address, TLS set up as configured; not bound yet. */
    public LDAPConnection connect(ServerAddress a) throws LDAPException, GeneralSecurityException {
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

    /** The server could not be reached or stopped answering: the next address may do better. */
    public static boolean unreachable(LDAPException e) {
        ResultCode rc = e.getResultCode();
        return rc == ResultCode.CONNECT_ERROR || rc == ResultCode.SERVER_DOWN || rc == ResultCode.TIMEOUT || rc == ResultCode.LOCAL_ERROR
                || rc == ResultCode.UNAVAILABLE || rc == ResultCode.BUSY || rc == ResultCode.DECODING_ERROR;
    }

    /** Result code and the server's message, for reports and logs. */
    public static String describe(LDAPException e) {
        String m = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getMessage();
        return e.getResultCode().getName() + (m == null ? "" : ": " + m);
    }
}
