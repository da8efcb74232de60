package dev.duoconformance.http;

import dev.duoconformance.config.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The certificates the suite trusts: the JDK's trust store plus the optional {@code http.ca_bundle}. */
public final class TrustMaterial {
    private final KeyStore trustStore;

    private TrustMaterial(KeyStore trustStore) {
        this.trustStore = trustStore;
    }

    public static TrustMaterial of(Optional<Path> caBundle) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate issuer : defaultTrustManager(null).getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + n++, issuer);
            }
            if (caBundle.isPresent()) {
                try (InputStream in = Files.newInputStream(caBundle.get())) {
                    var certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                    if (certificates.isEmpty()) {
                        throw new ConfigurationException(
                                "http.ca_bundle " + caBundle.get() + " holds no PEM certificate.");
                    }
                    for (Certificate certificate : certificates) {
                        store.setCertificateEntry("bundle-" + n++, certificate);
                    }
                }
            }
            return new TrustMaterial(store);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("http.ca_bundle " + caBundle.orElse(null)
                    + " cannot be read as PEM certificates: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigurationException(
                    "http.ca_bundle " + caBundle.orElse(null) + " cannot be read: " + e.getMessage());
        }
    }

    public KeyStore trustStore() {
        return trustStore;
    }

    public X509TrustManager trustManager() {
        try {
            return defaultTrustManager(trustStore);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SSLContext sslContext(TrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509TrustManager defaultTrustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The JDK offers no X.509 trust manager");
    }
}
