package io.orderlens.analytics.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs at most one computation per key at a time in this process: callers arriving while a computation for their
 * key is running wait for it and share its result or its exception. The key is forgotten as soon as the
 * computation ends, so the map holds only running computations. Thread-safe.
 */
final class SingleFlight {
    private final ConcurrentHashMap<String, CompletableFuture<Object>> running = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} for {@code key}, or waits for the run already in progress.
     *
     * @param onJoin called when this caller waits for another caller's run instead of running {@code work}
     */
    <T> T run(String key, Supplier<T> work, Runnable onJoin) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> theirs = running.putIfAbsent(key, mine);
        if (theirs != null) {
            onJoin.run();
            return join(theirs);
        }
        try {
            T value = work.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    // The future for a key only ever holds the result of a Supplier<T> for that key's T.
    @SuppressWarnings("unchecked")
    private static <T> T join(CompletableFuture<Object> future) {
        try {
            return (T) future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
