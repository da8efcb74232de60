package dev.duoconformance.runtime;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Why the Docker engine did not answer, told so that the administrator knows what to change. */
final class DockerProblems {
    private DockerProblems() {}

    static String describe(Throwable failure, String host, String container) {
        if (failure instanceof NotFoundException) {
            return "no container named '" + container + "' on the Docker engine at " + host
                    + " (`docker ps -a` lists them; set ai_gateway.docker.container to the AI gateway's name or id)";
        }
        String engine = "cannot reach the Docker engine at " + host + ": ";
        if (failure instanceof DockerException docker
                && (docker.getHttpStatus() == 401 || docker.getHttpStatus() == 403)) {
            return engine + "access denied (HTTP " + docker.getHttpStatus()
                    + "); the runner needs read access to the Docker API";
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("permission denied")) {
                return engine + "permission denied on the socket; run the suite as a user in the `docker` group, "
                        + "or mount the socket with read-write access for the runner's user";
            }
            if (message.contains("no such file")) {
                return engine + "the socket does not exist; start Docker there, mount the socket into this runner, "
                        + "or point ai_gateway.docker.host at the engine (tcp://host:2375 or unix:///path/to/docker.sock)";
            }
            if (t instanceof ConnectException || message.contains("connection refused")) {
                return engine
                        + "connection refused; is the engine listening there (dockerd -H tcp://0.0.0.0:2375, or the socket)?";
            }
            if (t instanceof UnknownHostException) {
                return engine + "the host name does not resolve (DNS)";
            }
            if (t instanceof SocketTimeoutException || message.contains("timed out")) {
                return engine + "no answer in time";
            }
        }
        return engine + failure.getClass().getSimpleName() + ": " + rootMessage(failure);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
