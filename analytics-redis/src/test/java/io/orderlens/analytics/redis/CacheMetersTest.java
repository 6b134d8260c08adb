package io.orderlens.analytics.redis;

import static io.orderlens.analytics.testing.Orders.placed;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.micrometer.AnalyticsMetrics;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.query.AnalyticsQueries;
import io.orderlens.analytics.testing.CountingStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Micrometer binder over {@link Analytics} instances reading through the Redis cache on a real redis-server: the
 * cache meters follow from the reads and writes made, and agree with {@link RedisAnalyticsCache#metrics()}.
 */
class CacheMetersTest {
    private static final Instant T0 = Instant.parse("2024-03-10T09:15:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    @TempDir
    Path dir;

    private RedisTestServer server;
    private final CountingStore store = new CountingStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RedisAnalyticsCache nearCached;
    private RedisAnalyticsCache redisOnly;
    private Analytics writer;
    private Analytics reader;

    @BeforeEach
    void setUp() throws IOException {
        server = RedisTestServer.start(dir);
        RedisCacheOptions options = RedisCacheOptions.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withBreaker(1, Duration.ofHours(1));
        nearCached =
                RedisAnalyticsCache.builder().uri(server.uri()).options(options).build();
        redisOnly = RedisAnalyticsCache.builder()
                .uri(server.uri())
                .options(options.withNearCache(0))
                .build();
        writer = analytics(nearCached);
        reader = analytics(redisOnly);
        new AnalyticsMetrics(writer, Tags.of("instance", "writer")).bindTo(registry);
        new AnalyticsMetrics(reader, Tags.of("instance", "reader")).bindTo(registry);
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            writer.close();
            reader.close();
        } finally {
            server.close();
        }
    }

    @Test
    void cacheMetersFollowTheReadsAndWritesMade() {
        AnalyticsQueries q = writer.queries();
        writer.record(placed("o-1", "c-1", "p-1", 2, "3.50", T0)); // one batch: one invalidation
        q.customer("c-1"); // miss, load
        q.customer("c-1"); // near hit
        q.product("p-1"); // miss, load
        writer.record(placed("o-2", "c-1", "p-1", 1, "3.50", T0.plusSeconds(60)));
        q.customer("c-1"); // new generation: miss, load
        reader.queries().customer("c-1"); // the entry the writer stored: a Redis hit
        reader.queries().product("p-1"); // its generation moved: miss, load

        assertThat(gets("writer", "miss")).isEqualTo(3);
        assertThat(gets("writer", "near_hit")).isEqualTo(1);
        assertThat(gets("writer", "hit")).isZero();
        assertThat(gets("writer", "bypassed")).isZero();
        assertThat(counter("orderlens.cache.loads", "writer")).isEqualTo(3);
        assertThat(counter("orderlens.cache.invalidations", "writer")).isEqualTo(2);
        assertThat(counter("orderlens.cache.errors", "writer")).isZero();
        assertThat(gauge("orderlens.cache.hit.ratio", "writer")).isEqualTo(0.25);
        assertThat(gauge("orderlens.cache.near.entries", "writer")).isEqualTo(3);
        assertThat(gauge("orderlens.cache.near.bytes", "writer")).isPositive();
        assertThat(breaker("writer", "closed")).isEqualTo(1);
        assertThat(breaker("writer", "open")).isZero();

        assertThat(gets("reader", "hit")).isEqualTo(1);
        assertThat(gets("reader", "miss")).isEqualTo(1);
        assertThat(gets("reader", "near_hit")).isZero();
        assertThat(gauge("orderlens.cache.hit.ratio", "reader")).isEqualTo(0.5);
        assertThat(gauge("orderlens.cache.near.entries", "reader")).isZero();
        assertThat(counter("orderlens.cache.invalidations", "reader")).isZero();

        assertThat(writer.metrics().cache()).contains(nearCached.metrics());
        assertThat(registry.get("orderlens.events.recorded")
                        .tag("instance", "writer")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("orderlens.batch.apply")
                        .tag("instance", "writer")
                        .functionTimer()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void withRedisStoppedTheBreakerOpensAndReadsBypassTheCache() throws IOException {
        writer.record(placed("o-1", "c-1", "p-1", 2, "3.50", T0));
        writer.queries().customer("c-1");
        server.stop();

        writer.queries().customer("c-1"); // fails: opens the breaker (threshold 1)
        writer.queries().customer("c-1"); // skips Redis
        writer.queries().product("p-1"); // skips Redis

        assertThat(breaker("writer", "open")).isEqualTo(1);
        assertThat(breaker("writer", "closed")).isZero();
        assertThat(breaker("writer", "half_open")).isZero();
        assertThat(counter("orderlens.cache.errors", "writer")).isEqualTo(1);
        assertThat(gets("writer", "bypassed")).isEqualTo(3);
        assertThat(counter("orderlens.cache.loads", "writer")).isEqualTo(4);
        assertThat(store.customerReads).hasValue(3);
    }

    private Analytics analytics(RedisAnalyticsCache cache) {
        return Analytics.builder()
                .store(store)
                .cache(cache)
                .zone(ZONE)
                .countingPolicy(CountingPolicy.AT_PLACED)
                .clock(Clock.fixed(T0.plus(Duration.ofDays(1)), ZONE))
                .build();
    }

    private double gets(String instance, String result) {
        return registry.get("orderlens.cache.gets")
                .tag("instance", instance)
                .tag("result", result)
                .functionCounter()
                .count();
    }

    private double counter(String name, String instance) {
        return registry.get(name).tag("instance", instance).functionCounter().count();
    }

    private double gauge(String name, String instance) {
        return registry.get(name).tag("instance", instance).gauge().value();
    }

    private double breaker(String instance, String state) {
        return registry.get("orderlens.cache.breaker.state")
                .tag("instance", instance)
                .tag("state", state)
                .gauge()
                .value();
    }
}
