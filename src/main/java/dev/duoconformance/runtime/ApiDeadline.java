package dev.duoconformance.runtime;

import dev.duoconformance.http.Durations;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The run's deadline over a runtime's API (the Docker Engine API, the Kubernetes API): every call ends within its
 * deadline whatever the server does (stalls, trickles one byte a second, never ends), and the connections are dropped
 * then. Like a silent component over HTTP, an API that let one call run out costs the run that one deadline: later
 * calls are not sent.
 */
public final class ApiDeadline implements AutoCloseable {
    private final String api;
    private final Runnable dropConnections;
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "duo-conformance-runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String ranOut;

    /** {@code api} as a message names it ("the Docker engine at unix:///var/run/docker.sock"). */
    public ApiDeadline(String api, Runnable dropConnections) {
        this.api = api;
        this.dropConnections = dropConnections;
    }

    /** A call that did not end within its deadline, or one not sent because an earlier call did not. */
    public static final class RanOut extends RuntimeException {
        RanOut(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The call's value, or its own exception; {@link RanOut} when it did not end within {@code deadline} or when an
     * earlier call of this run did not.
     */
    public <T> T within(Duration deadline, String action, Callable<T> call) throws Exception {
        String earlier = ranOut;
        if (earlier != null) {
            throw new RanOut("not asked: " + earlier + " earlier in this run");
        }
        Future<T> pending = calls.submit(call);
        try {
            return pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            String detail = api + " did not finish " + action + " within " + Durations.human(deadline);
            ranOut = detail;
            dropConnections.run();
            throw new RanOut(detail + " (it stalled or trickled); the connection was dropped");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
