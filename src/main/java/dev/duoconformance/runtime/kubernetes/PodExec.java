package dev.duoconformance.runtime.kubernetes;

import dev.duoconformance.runtime.ExecResult;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One command run in a pod's container through the exec API: its output bounded, its exit code read as Docker's
 * (127 when the runtime could not start it), given up at the deadline, a refused upgrade kept with the API server's status.
 */
final class PodExec {
    /** The most bytes kept of a stream (an exec's output, a log). */
    static final int MAX_OUTPUT = 64 * 1024;

    private PodExec() {}

    /** {@code stdin} is written as one line to the command's standard input. */
    static ExecResult run(
            KubernetesClient k8s, PodFacts pod, List<String> command, Optional<String> stdin, Duration deadline)
            throws IOException, InterruptedException, ExecutionException {
        Output stdout = new Output();
        Output stderr = new Output();
        AtomicReference<String> status = new AtomicReference<>("");
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ExecListener listener = new ExecListener() {
            @Override
            public void onFailure(Throwable t, Response response) {
                failure.set(refusal(t, response));
            }

            @Override
            public void onClose(int code, String reason) {
                // The exit code arrives through onExit; a close alone says nothing more.
            }

            @Override
            public void onExit(int code, Status exit) {
                status.set(exit == null || exit.getMessage() == null ? "" : exit.getMessage());
            }
        };
        ContainerResource container =
                k8s.pods().inNamespace(pod.namespace()).withName(pod.pod()).inContainer(pod.container());
        var streams = stdin.isPresent() ? container.redirectingInput() : container;
        ExecWatch opened;
        try {
            opened = streams.writingOutput(stdout)
                    .writingError(stderr)
                    .usingListener(listener)
                    .exec(command.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw failure.get() != null ? failure.get() : e;
        }
        try (ExecWatch watch = opened) {
            if (stdin.isPresent()) {
                OutputStream input = watch.getInput();
                input.write((stdin.get() + "\n").getBytes(StandardCharsets.UTF_8));
                input.flush();
            }
            int exit = watch.exitCode().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return result(command, exit, stdout, stderr, status.get());
        } catch (TimeoutException e) {
            return new ExecResult(command, -1, stdout.text(), stderr.text(), true);
        } catch (ExecutionException e) {
            throw failure.get() != null ? failure.get() : new IllegalStateException(e.getCause());
        }
    }

    /** A refused exec upgrade keeps the API server's status code and its {@code Status} message, as other requests do. */
    private static RuntimeException refusal(Throwable t, ExecListener.Response response) {
        if (response == null || response.code() < 400) {
            return t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
        Status status = null;
        try {
            String body = response.body();
            if (body != null && body.contains("\"message\"")) {
                status = Serialization.unmarshal(body, Status.class);
            }
        } catch (IOException | RuntimeException unreadable) {
            // Without a readable Status, the code alone still names the refusal.
        }
        return new KubernetesClientException(String.valueOf(t.getMessage()), t, response.code(), status, null);
    }

    /**
     * The exit code as the exec's status reports it. Without one (-1), the runtime could not start the command at all,
     * e.g. {@code OCI runtime exec failed: … executable file not found in $PATH}: read as Docker's 127.
     */
    private static ExecResult result(List<String> command, int exit, Output stdout, Output stderr, String status) {
        if (exit >= 0) {
            return new ExecResult(command, exit, stdout.text(), stderr.text(), false);
        }
        String said = stderr.text() + (status.isBlank() ? "" : (stderr.text().isBlank() ? "" : "\n") + status);
        boolean missing = status.contains("executable file not found") || status.contains("no such file or directory");
        return new ExecResult(command, missing ? 127 : 126, stdout.text(), said, false);
    }

    /** Collects a stream, at most {@link #MAX_OUTPUT} bytes. */
    private static final class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (bytes.size() < MAX_OUTPUT) {
                bytes.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, Math.max(0, Math.min(len, MAX_OUTPUT - bytes.size())));
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
