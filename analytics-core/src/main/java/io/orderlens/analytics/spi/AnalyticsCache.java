package io.orderlens.analytics.spi;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A read cache in front of the query API. Implementations must never serve a value computed before a completed
 * {@link #invalidate} of one of its scopes, and must never fail a read: if the cache is unavailable they call the
 * loader and return its result. After {@link #close()} reads still answer, from the loader. Contract tests:
 * {@code AnalyticsCacheContract} in analytics-core's test-jar.
 */
public interface AnalyticsCache extends AutoCloseable {

    /**
     * Returns the cached value for {@code request}, or loads, caches and returns it. A null from the loader is
     * returned and not cached; an exception of the loader reaches the caller unchanged and nothing is cached.
     *
     * @throws NullPointerException if {@code request} or {@code loader} is null
     */
    <T> T get(CacheRequest<T> request, Supplier<T> loader);

    /**
     * Makes every entry depending on any of {@code scopes} unreachable. Called after each applied batch.
     *
     * @throws NullPointerException if {@code scopes} is null
     */
    void invalidate(Collection<CacheScope> scopes);

    /** Makes every entry unreachable (used after a rebuild, which may change any aggregate). */
    void invalidateAll();

    /**
     * The cache's counters now, for {@code Analytics.metrics()} and the Micrometer binder; empty (the default) if
     * the cache keeps none. Must not block on the cache's backing store.
     */
    default Optional<CacheStatistics> statistics() {
        return Optional.empty();
    }

    @Override
    default void close() {}

    /** No caching: every read goes to the store. The default. */
    static AnalyticsCache none() {
        return NoCache.INSTANCE;
    }
}

enum NoCache implements AnalyticsCache {
    INSTANCE;

    @Override
    public <T> T get(CacheRequest<T> request, Supplier<T> loader) {
        Objects.requireNonNull(request, "request");
        return Objects.requireNonNull(loader, "loader").get();
    }

    @Override
    public void invalidate(Collection<CacheScope> scopes) {
        Objects.requireNonNull(scopes, "scopes");
    }

    @Override
    public void invalidateAll() {}
}
