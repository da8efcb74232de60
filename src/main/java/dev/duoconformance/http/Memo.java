package dev.duoconformance.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/** Runs each named probe once per run, however many checks (and threads) ask for it. */
public final class Memo {
    private final ConcurrentMap<String, CompletableFuture<Object>> results = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public <T> T once(String key, Supplier<T> probe) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = results.putIfAbsent(key, mine);
        if (existing != null) {
            return (T) existing.join();
        }
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
