package dev.duoconformance.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

/** Opens a TLS connection to an https endpoint and says whether, and why not, its certificate verifies. */
public final class TlsInspector {

    public enum Verdict { TRUSTED, UNTRUSTED, SELF_SIGNED, EXPIRED, WRONG_HOST, NO_CONNECTION }

    public record Result(URI endpoint, Verdict verdict, String detail) {
        public boolean trusted() {
            return verdict == Verdict.TRUSTED;
        }
    }

    private final TrustMaterial trust;
    private final Duration timeout;

    public TlsInspector(TrustMaterial trust, Duration timeout) {
        this.trust = trust;
        this.timeout = timeout;
    }

    public Result inspect(URI endpoint) {
        String host = endpoint.getHost();
        int port = endpoint.getPort() == -1 ? 443 : endpoint.getPort();
        AtomicReference<X509Certificate[]> presented = new AtomicReference<>(new X509Certificate[0]);
        X509TrustManager recording = recordingTrustManager(trust.trustManager(), presented);
        try (SSLSocket socket = (SSLSocket) trust.sslContext(recording).getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            X509Certificate leaf = presented.get()[0];
            return new Result(endpoint, Verdict.TRUSTED, "issued to " + leaf.getSubjectX500Principal().getName()
                    + " by " + leaf.getIssuerX500Principal().getName() + ", valid until " + leaf.getNotAfter().toInstant());
        } catch (IOException e) {
            return classify(endpoint, e, List.of(presented.get()));
        }
    }

    private static Result classify(URI endpoint, IOException e, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return new Result(endpoint, Verdict.NO_CONNECTION, TransportError.classify(e, endpoint.getHost()).detail());
        }
        X509Certificate leaf = chain.get(0);
        String subject = leaf.getSubjectX500Principal().getName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return new Result(endpoint, Verdict.EXPIRED, "certificate " + subject + " expired on " + leaf.getNotAfter().toInstant());
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return new Result(endpoint, Verdict.WRONG_HOST, "certificate " + subject + " is not valid for host '" + endpoint.getHost() + "'");
        }
        if (chain.size() == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return new Result(endpoint, Verdict.SELF_SIGNED, "self-signed certificate " + subject + " is not in the trust store");
        }
        return new Result(endpoint, Verdict.UNTRUSTED, "certificate chain of " + subject + " (issued by "
                + leaf.getIssuerX500Principal().getName() + ") does not lead to a trusted CA");
    }

    private static X509TrustManager recordingTrustManager(X509TrustManager delegate, AtomicReference<X509Certificate[]> presented) {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                delegate.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                presented.set(chain);
                for (X509Certificate certificate : chain) {
                    certificate.checkValidity();
                }
                delegate.checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return delegate.getAcceptedIssuers();
            }
        };
    }
}
