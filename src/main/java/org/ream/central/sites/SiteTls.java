package org.ream.central.sites;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.ream.central.platform.StartupRefused;

/**
 * HTTPS to sites whose "secure connection" is on. Site servers often run with certificates of
 * their own making: the administrator puts them (or the CA that signed them) in a trust store
 * ({@code ream.sites.trust-store}, PKCS12 or JKS), trusted besides the system's CAs. Host names
 * are still checked, as for any HTTPS call. A trust store that cannot be read stops the start.
 */
@ApplicationScoped
public class SiteTls {

    @Inject
    SitesConfig config;

    private volatile SSLContext context;

    /** Loads the trust store now: Bootstrap calls it before the server writes anything. */
    public void check() {
        context();
    }

    /** A client for calls to sites, trusting the system's CAs and the configured trust store. */
    public HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).sslContext(context()).build();
    }

    private SSLContext context() {
        SSLContext c = context;
        if (c == null) {
            synchronized (this) {
                if (context == null) {
                    context = build();
                }
                c = context;
            }
        }
        return c;
    }

    private SSLContext build() {
        try {
            if (config.trustStore().filter(s -> !s.isBlank()).isEmpty()) {
                return SSLContext.getDefault();
            }
            Path file = Path.of(config.trustStore().get().trim());
            if (!Files.isReadable(file)) {
                throw new StartupRefused("The sites' trust store " + file.toAbsolutePath() + " (ream.sites.trust-store) cannot be read. "
                        + "Point it at a PKCS12 or JKS file holding the sites' certificates, or unset it.");
            }
            char[] password = config.trustStorePassword().map(String::toCharArray).orElse(null);
            KeyStore store;
            try {
                store = KeyStore.getInstance(file.toFile(), password);
            } catch (IOException | GeneralSecurityException e) {
                throw new StartupRefused("The sites' trust store " + file.toAbsolutePath() + " cannot be opened (" + e.getMessage()
                        + "). Check the file and ream.sites.trust-store-password.", e);
            }
            X509TrustManager own = trustManager(store);
            X509TrustManager system = trustManager(null);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new Either(system, own)}, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new StartupRefused("Cannot set up HTTPS to sites: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager m : f.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /**
     * Trusts a server certificate when the system's CAs or the sites' store do. Extended, so that
     * the HTTPS client still verifies the host name against the certificate.
     */
    private static final class Either extends javax.net.ssl.X509ExtendedTrustManager {
        private final X509TrustManager first;
        private final X509TrustManager second;

        Either(X509TrustManager first, X509TrustManager second) {
            this.first = first;
            this.second = second;
        }

        private interface Check {
            void run(X509TrustManager m) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.run(first);
            } catch (CertificateException e) {
                check.run(second);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) throws CertificateException {
            either(m -> ((javax.net.ssl.X509ExtendedTrustManager) m).checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) throws CertificateException {
            either(m -> ((javax.net.ssl.X509ExtendedTrustManager) m).checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) throws CertificateException {
            throw new CertificateException("the central server is never the server of a site call");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) throws CertificateException {
            throw new CertificateException("the central server is never the server of a site call");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the central server is never the server of a site call");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }
}
