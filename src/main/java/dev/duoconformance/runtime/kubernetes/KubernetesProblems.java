package dev.duoconformance.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/** Why the Kubernetes API did not answer, told so that the administrator knows what to change or grant. */
final class KubernetesProblems {
    private static final Pattern UPGRADE_REFUSED = Pattern.compile("Unexpected HTTP response status code (\\d{3})");

    private KubernetesProblems() {}

    /** The HTTP status the API server answered, when it answered. */
    static Optional<Integer> status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return Optional.of(k.getCode());
            }
        }
        // A refused WebSocket upgrade (exec) may reach the client only as this message.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher code = UPGRADE_REFUSED.matcher(String.valueOf(t.getMessage()));
            if (code.find()) {
                return Optional.of(Integer.parseInt(code.group(1)));
            }
        }
        return Optional.empty();
    }

    /**
     * @param action     what the suite asked, e.g. {@code list pods matching 'app=ai-gateway' in namespace 'gitlab'}
     * @param permission the RBAC rule that allows it, named on a 403
     */
    static String describe(
            Throwable failure, String apiServer, String action, Permission permission, String namespace) {
        Optional<Integer> status = status(failure);
        if (status.isPresent()) {
            String said = serverMessage(failure);
            return switch (status.get()) {
                case 403 ->
                    "the Kubernetes API refused to " + action + " (HTTP 403 Forbidden" + said
                            + "): the suite's account needs " + permission.describe(namespace)
                            + " (the Role in docs/runtime.md grants exactly what the suite uses)";
                case 401 ->
                    "the Kubernetes API server at " + apiServer
                            + " did not accept the credentials (HTTP 401 Unauthorized" + said
                            + "): the kubeconfig's token or certificate is wrong or expired (`kubectl auth whoami` tells)";
                default -> "the Kubernetes API answered HTTP " + status.get() + " when asked to " + action + said;
            };
        }
        String server = "cannot reach the Kubernetes API server at " + apiServer + ": ";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof ConnectException || message.contains("connection refused")) {
                return server
                        + "connection refused (is it the cluster's API server address, and is this runner allowed to reach it?)";
            }
            if (t instanceof UnknownHostException) {
                return server + "the host name does not resolve (DNS)";
            }
            if (t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException
                    || message.contains("timed out")
                    || message.contains("timeout")) {
                return server + "no answer in time";
            }
            if (t instanceof SSLException) {
                return server + "TLS failed (" + t.getMessage()
                        + "); the kubeconfig's certificate-authority must sign the API server's certificate";
            }
        }
        return server + failure.getClass().getSimpleName() + ": " + rootMessage(failure);
    }

    private static String serverMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k
                    && k.getStatus() != null
                    && k.getStatus().getMessage() != null) {
                return ": " + k.getStatus().getMessage();
            }
        }
        return "";
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
