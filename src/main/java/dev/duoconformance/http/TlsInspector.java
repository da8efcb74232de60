package dev.duoconformance.http;

import dev.duoconformance.config.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

/** Opens a TLS connection to an https endpoint and says whether, and why not, its certificate verifies. */
public final class TlsInspector {

    public enum Verdict {
        TRUSTED,
        UNTRUSTED,
        SELF_SIGNED,
        EXPIRED,
        WRONG_HOST,
        NO_CONNECTION
    }

    public record Result(URI endpoint, Verdict verdict, String detail) {
        public boolean trusted() {
            return verdict == Verdict.TRUSTED;
        }
    }

    private final TrustMaterial trust;
    private final Duration timeout;
    private final Environment.Proxies proxies;
    private final Silence silence;

    public TlsInspector(TrustMaterial trust, Duration timeout, Environment.Proxies proxies, Silence silence) {
        this.trust = trust;
        this.timeout = timeout;
        this.proxies = proxies;
        this.silence = silence;
    }

    /** Every endpoint at once, each within the deadline: stalled handshakes cost one deadline, not one each. */
    public List<Result> inspectAll(Collection<URI> endpoints) {
        List<CompletableFuture<Result>> pending = endpoints.stream()
                .map(endpoint -> CompletableFuture.supplyAsync(
                        () -> inspect(endpoint), runnable -> daemon(runnable).start()))
                .toList();
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /**
     * One handshake, within the deadline (connection, proxy tunnel and handshake together): at the deadline the socket
     * is closed and the endpoint is silent for the rest of the run. An endpoint that was silent earlier is not tried.
     */
    public Result inspect(URI endpoint) {
        Optional<String> silentEarlier = silence.earlier(endpoint);
        if (silentEarlier.isPresent()) {
            return new Result(endpoint, Verdict.NO_CONNECTION, silentEarlier.get());
        }
        AtomicReference<Socket> open = new AtomicReference<>();
        FutureTask<Result> handshake = new FutureTask<>(() -> handshake(endpoint, open));
        daemon(handshake).start();
        try {
            return handshake.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            closeQuietly(open.get());
            handshake.cancel(true);
            String what = "no TLS handshake within " + Durations.human(timeout);
            silence.mark(endpoint, "the endpoint", what, "TLS handshake with " + endpoint);
            return new Result(endpoint, Verdict.NO_CONNECTION, what);
        } catch (ExecutionException e) {
            return new Result(
                    endpoint,
                    Verdict.NO_CONNECTION,
                    TransportError.classify(e.getCause(), endpoint.getHost()).detail());
        } catch (InterruptedException e) {
            closeQuietly(open.get());
            Thread.currentThread().interrupt();
            return new Result(endpoint, Verdict.NO_CONNECTION, "interrupted");
        }
    }

    private static Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "duo-conformance-tls");
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closed already.
            }
        }
    }

    private Result handshake(URI endpoint, AtomicReference<Socket> open) {
        String host = endpoint.getHost();
        int port = endpoint.getPort() == -1 ? 443 : endpoint.getPort();
        AtomicReference<X509Certificate[]> presented = new AtomicReference<>(new X509Certificate[0]);
        X509TrustManager recording = recordingTrustManager(trust.trustManager(), presented);
        try (Socket tcp = connect(endpoint, host, port, open);
                SSLSocket socket = (SSLSocket)
                        trust.sslContext(recording).getSocketFactory().createSocket(tcp, host, port, true)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            X509Certificate leaf = presented.get()[0];
            return new Result(
                    endpoint,
                    Verdict.TRUSTED,
                    "issued to " + leaf.getSubjectX500Principal().getName() + " by "
                            + leaf.getIssuerX500Principal().getName() + ", valid until "
                            + leaf.getNotAfter().toInstant());
        } catch (IOException e) {
            return classify(endpoint, e, List.of(presented.get()));
        }
    }

    /** A TCP connection to the endpoint, through the proxy's CONNECT tunnel when one applies, as the requests go. */
    private Socket connect(URI endpoint, String host, int port, AtomicReference<Socket> open) throws IOException {
        Optional<URI> proxy = proxies.forUrl(endpoint);
        Socket socket = new Socket();
        open.set(socket);
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            if (proxy.isEmpty()) {
                socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                return socket;
            }
            socket.connect(
                    new InetSocketAddress(
                            proxy.get().getHost(),
                            proxy.get().getPort() == -1 ? 80 : proxy.get().getPort()),
                    (int) timeout.toMillis());
            String authority = host + ":" + port;
            socket.getOutputStream()
                    .write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String status = readProxyAnswer(socket.getInputStream());
            if (!status.matches("HTTP/1\\.[01] 200.*")) {
                throw new ConnectException(
                        "the proxy " + proxy.get() + " refused to tunnel to " + authority + ": " + status);
            }
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static String readProxyAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new ConnectException("the proxy closed the connection");
            }
            head.append((char) b);
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    private static Result classify(URI endpoint, IOException e, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return new Result(
                    endpoint,
                    Verdict.NO_CONNECTION,
                    TransportError.classify(e, endpoint.getHost()).detail());
        }
        X509Certificate leaf = chain.get(0);
        String subject = leaf.getSubjectX500Principal().getName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return new Result(
                        endpoint,
                        Verdict.EXPIRED,
                        "certificate " + subject + " expired on "
                                + leaf.getNotAfter().toInstant());
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return new Result(
                    endpoint,
                    Verdict.WRONG_HOST,
                    "certificate " + subject + " is not valid for host '" + endpoint.getHost() + "'");
        }
        if (chain.size() == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return new Result(
                    endpoint, Verdict.SELF_SIGNED, "self-signed certificate " + subject + " is not in the trust store");
        }
        return new Result(
                endpoint,
                Verdict.UNTRUSTED,
                "certificate chain of " + subject + " (issued by "
                        + leaf.getIssuerX500Principal().getName() + ") does not lead to a trusted CA");
    }

    private static X509TrustManager recordingTrustManager(
            X509TrustManager delegate, AtomicReference<X509Certificate[]> presented) {
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
