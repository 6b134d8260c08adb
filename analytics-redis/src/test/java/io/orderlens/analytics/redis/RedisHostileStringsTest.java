package io.orderlens.analytics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CacheStatistics;
import io.orderlens.analytics.testing.HostileStringsContract;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The hostile strings through the Redis cache, near cache off, so every second read decodes what Redis holds. */
class RedisHostileStringsTest extends HostileStringsContract {
    @TempDir
    static Path dir;

    static RedisTestServer server;
    private final InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
    private RedisAnalyticsCache cache;
    private Analytics analytics;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @BeforeEach
    void open() {
        cache = RedisAnalyticsCache.builder()
                .uri(server.uri())
                .options(RedisCacheOptions.defaults()
                        .withPrefix("hostile")
                        .withNearCache(0)
                        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .build();
        analytics = Analytics.builder()
                .store(store)
                .cache(cache)
                .zone(ZoneOffset.UTC)
                .build();
    }

    @AfterEach
    void close() {
        CacheStatistics m = cache.metrics();
        analytics.close();
        assertThat(m.hits()).as("reads answered from Redis").isGreaterThan(100);
        assertThat(m.errors()).isZero();
    }

    @Override
    protected Analytics analytics() {
        return analytics;
    }

    @Override
    protected AnalyticsStore store() {
        return store;
    }
}
