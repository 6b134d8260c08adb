package io.orderlens.examples;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.redis.RedisAnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.util.concurrent.TimeUnit;

/**
 * The one place where the runner's options become a store and a cache. Without {@code --mongo-uri} the store is the
 * embedded {@link InMemoryAnalyticsStore}; without {@code --redis-uri} there is no cache.
 */
final class Backends implements AutoCloseable {
    /** Database used when the MongoDB URI names none. */
    static final String DEFAULT_DATABASE = "orderlens";

    private final AnalyticsStore store;
    private final AnalyticsCache cache;
    private final MongoClient mongoClient;

    private Backends(AnalyticsStore store, AnalyticsCache cache, MongoClient mongoClient) {
        this.store = store;
        this.cache = cache;
        this.mongoClient = mongoClient;
    }

    /**
     * Opens the store and cache the options ask for. A MongoDB server that cannot be reached fails within a few
     * seconds, when the store creates its indexes.
     *
     * @throws UsageException if a URI cannot be used
     */
    static Backends open(RunnerOptions options) {
        MongoClient client = null;
        AnalyticsStore store;
        if (options.mongoUri() == null) {
            store = new InMemoryAnalyticsStore();
        } else {
            ConnectionString uri;
            try {
                uri = new ConnectionString(options.mongoUri());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--mongo-uri: " + e.getMessage());
            }
            client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(uri)
                    .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                    .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS))
                    .build());
            String database = uri.getDatabase() != null ? uri.getDatabase() : DEFAULT_DATABASE;
            try {
                store = MongoAnalyticsStore.create(client.getDatabase(database));
            } catch (RuntimeException e) {
                client.close();
                throw new UsageException(
                        "--mongo-uri: cannot use MongoDB at " + options.mongoUri() + ": " + e.getMessage(), e);
            }
        }
        AnalyticsCache cache;
        if (options.redisUri() == null) {
            cache = AnalyticsCache.none();
        } else {
            try {
                cache = RedisAnalyticsCache.create(options.redisUri());
            } catch (RuntimeException e) {
                if (client != null) {
                    client.close();
                }
                throw new UsageException("--redis-uri: " + e.getMessage(), e);
            }
        }
        return new Backends(store, cache, client);
    }

    AnalyticsStore store() {
        return store;
    }

    AnalyticsCache cache() {
        return cache;
    }

    /** A short description of the backends, for the run's header line. */
    static String describe(RunnerOptions options) {
        return (options.mongoUri() == null ? "in-memory store" : "MongoDB store") + ", "
                + (options.redisUri() == null ? "no cache" : "Redis cache");
    }

    /** Closes the cache, the store and the MongoDB client this opened. */
    @Override
    public void close() {
        try {
            cache.close();
        } finally {
            try {
                store.close();
            } finally {
                if (mongoClient != null) {
                    mongoClient.close();
                }
            }
        }
    }
}
