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
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
