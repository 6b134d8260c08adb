package io.orderlens.examples;

import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;

/**
 * The one place where the runner's options become a store and a cache. Without {@code --mongo-uri} the store is the
 * embedded {@link InMemoryAnalyticsStore}; without {@code --redis-uri} there is no cache.
 */
final class Backends {
    private Backends() {}

    /**
     * The store for a run; the caller closes it.
     *
     * @throws UsageException if a MongoDB URI is given and this build has no MongoDB store
     */
    static AnalyticsStore store(RunnerOptions options) {
        if (options.mongoUri() == null) {
            return new InMemoryAnalyticsStore();
        }
        throw notAvailable("--mongo-uri", "the MongoDB store");
    }

    /**
     * The cache for a run; the caller closes it.
     *
     * @throws UsageException if a Redis URI is given and this build has no Redis cache
     */
    static AnalyticsCache cache(RunnerOptions options) {
        if (options.redisUri() == null) {
            return AnalyticsCache.none();
        }
        throw notAvailable("--redis-uri", "the Redis read cache");
    }

    /** A short description of the backends, for the run's header line. */
    static String describe(RunnerOptions options) {
        return (options.mongoUri() == null ? "in-memory store" : "MongoDB store") + ", "
                + (options.redisUri() == null ? "no cache" : "Redis cache");
    }

    private static UsageException notAvailable(String option, String what) {
        return new UsageException(option + ": " + what + " is not available in this build; run without "
                + option + " to use the embedded default");
    }
}
