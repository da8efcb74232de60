package dev.duoconformance.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Runs each named probe once per run, however many checks (and threads) ask for it. */
public final class Memo {
    private final ConcurrentMap<String, CompletableFuture<Object>> results = new ConcurrentHashMap<>();
    // Probes started ahead of the check that reads them wait on the network, not the CPU: a thread each, daemon so that
    // a probe still in flight never holds the JVM (it ends at its own deadline anyway).
    private final ExecutorService ahead = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "duo-conformance-probe");
        thread.setDaemon(true);
        return thread;
    });

    @SuppressWarnings("unchecked")
    public <T> T once(String key, Supplier<T> probe) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = results.putIfAbsent(key, mine);
        if (existing != null) {
            return (T) existing.join();
        }
        return run(mine, probe);
    }

    /**
     * Starts the probe {@code key} now, on a thread of its own, unless it has started already: a check that needs
     * several independent answers asks for all of them at once, then reads each with {@link #once} (which waits).
     */
    public void start(String key, Supplier<?> probe) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        if (results.putIfAbsent(key, mine) == null) {
            ahead.execute(() -> {
                try {
                    run(mine, probe);
                } catch (RuntimeException e) {
                    // Kept in the memo: the check that reads this probe ends with it.
                }
            });
        }
    }

    private static <T> T run(CompletableFuture<Object> mine, Supplier<T> probe) {
        try {
            T value = probe.get();
            mine.complete(value);
            return value;
        } catch (Throwable e) {
            // Any throwable, checked ones too (REST Assured's Groovy throws them unchecked): the checks waiting on this
            // probe must end with it, never wait for good.
            mine.completeExceptionally(e);
            throw Memo.<RuntimeException>rethrow(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable e) throws E {
        throw (E) e;
    }
}
