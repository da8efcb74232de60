package dev.duoconformance.http;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Why a request got no HTTP answer, sorted the way the troubleshooting doc sorts causes. */
public record TransportError(Kind kind, String detail) {

    public enum Kind {
        REFUSED,
        TIMEOUT,
        UNKNOWN_HOST,
        TLS,
        NO_ROUTE,
        OTHER,
        /** Not sent: the component already failed to answer within the deadline in this run. */
        SILENT_EARLIER
    }

    public static TransportError timeout(Duration after) {
        return new TransportError(Kind.TIMEOUT, "no answer within " + Durations.human(after));
    }

    public static TransportError classify(Throwable failure, String host) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new TransportError(Kind.REFUSED, "connection refused");
            }
            if (t instanceof UnknownHostException) {
                return new TransportError(Kind.UNKNOWN_HOST, "host name '" + host + "' does not resolve (DNS)");
            }
            if (t instanceof NoRouteToHostException) {
                return new TransportError(Kind.NO_ROUTE, "no route to host " + host);
            }
            if (t instanceof SocketTimeoutException) {
                return new TransportError(Kind.TIMEOUT, "no answer in time (" + t.getMessage() + ")");
            }
            if (t instanceof org.apache.http.MessageConstraintException
                    || String.valueOf(t.getMessage()).startsWith("Maximum line length")) {
                return new TransportError(
                        Kind.OTHER,
                        "an answer whose headers went past what the suite reads (" + rootMessage(t)
                                + "; at most " + BoundedBodies.MAX_HEADERS + " header lines of "
                                + (BoundedBodies.MAX_LINE >> 10)
                                + " KiB each): reading stopped there and the connection was dropped");
            }
            if (t instanceof org.apache.http.ProtocolException) {
                return new TransportError(Kind.OTHER, "no valid HTTP answer (" + rootMessage(t) + ")");
            }
            if (t instanceof CertificateExpiredException || t instanceof SSLException) {
                return new TransportError(Kind.TLS, "TLS handshake failed: " + rootMessage(t));
            }
        }
        return new TransportError(Kind.OTHER, failure.getClass().getSimpleName() + ": " + rootMessage(failure));
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Override
    public String toString() {
        return detail;
    }
}
