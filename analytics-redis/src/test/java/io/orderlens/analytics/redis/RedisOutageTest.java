package io.orderlens.analytics.redis;

import static io.orderlens.analytics.testing.Orders.placed;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.spi.CacheStatistics;
import io.orderlens.analytics.spi.CacheStatistics.Breaker;
import io.orderlens.analytics.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Redis stopped, restarted from a snapshot, and frozen with {@code SIGSTOP}: reads stay correct, bounded in time and
 * free of exceptions, and nothing stale is served once Redis is back, by Redis or by the near cache (on by default;
 * {@link RedisOnlyOutageTest} runs the same without it).
 */
class RedisOutageTest {
    private static final Instant T0 = Instant.parse("2024-03-10T09:15:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Duration OPEN = Duration.ofSeconds(30);
    private static final RedisCacheOptions OPTIONS = RedisCacheOptions.defaults()
            .withPool(2, Duration.ofMillis(300))
            .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300))
            .withBreaker(3, OPEN);
    /** The documented bound plus room for a busy two-core machine. */
    private static final Duration READ_LIMIT = OPTIONS.readFallbackBound().plusMillis(1500);

    @TempDir
    Path dir;

    private final MutableClock breakerClock = new MutableClock(T0);
    private RedisTestServer server;
    private RedisAnalyticsCache cache;
    private Analytics analytics;

    /** The options under test: {@link #OPTIONS} by default. */
    RedisCacheOptions options() {
        return OPTIONS;
    }

    @BeforeEach
    void setUp() throws IOException {
        server = RedisTestServer.start(dir);
        cache = RedisAnalyticsCache.builder()
                .uri(server.uri())
                .options(options())
                .clock(breakerClock)
                .build();
        analytics = Analytics.builder()
                .cache(cache)
                .zone(ZONE)
                .countingPolicy(CountingPolicy.AT_PLACED)
                .clock(Clock.fixed(T0.plus(Duration.ofDays(1)), ZONE))
                .build();
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            server.close();
        } finally {
            analytics.close();
        }
    }

    @Test
    void withTheServerStoppedReadsAreCorrectAndAfterARestartFromASnapshotNothingStaleIsServed() throws IOException {
        analytics.record(placed("o-1", "c-1", "p-1", 1, "5.00", T0));
        assertThat(orders("c-1")).isEqualTo(1);
        assertThat(orders("c-1")).isEqualTo(1);
        assertThat(served(cache.metrics())).isEqualTo(1);
        server.save();
        server.stop();

        analytics.record(placed("o-2", "c-1", "p-1", 1, "5.00", T0.plusSeconds(60)));
        for (int i = 0; i < 10; i++) {
            assertThat(timed(() -> orders("c-1"))).isEqualTo(2);
        }
        CacheStatistics down = cache.metrics();
        assertThat(down.breaker()).isEqualTo(Breaker.OPEN);
        assertThat(down.errors()).isEqualTo(OPTIONS.failureThreshold());
        assertThat(down.bypassed()).isEqualTo(10);

        server.restart();
        assertThat(cachedProfileJsons())
                .as("the snapshot brought back the entry from before the outage")
                .anyMatch(json -> json.contains("\"totalOrders\":1"));
        breakerClock.advance(OPEN);

        assertThat(orders("c-1")).isEqualTo(2);
        assertThat(orders("c-1")).isEqualTo(2);
        CacheStatistics up = cache.metrics();
        assertThat(up.breaker()).isEqualTo(Breaker.CLOSED);
        assertThat(served(up)).isEqualTo(served(down) + 1);
        assertThat(up.errors()).isEqualTo(down.errors());
    }

    @Test
    void withTheServerFrozenReadsAndWritesFinishWithinTheBoundAndRecoveryServesNothingStale() throws Exception {
        analytics.record(placed("o-1", "c-1", "p-1", 1, "5.00", T0));
        assertThat(orders("c-1")).isEqualTo(1);
        assertThat(orders("c-1")).isEqualTo(1);
        server.freeze();

        timed(() -> analytics.record(placed("o-2", "c-1", "p-1", 1, "5.00", T0.plusSeconds(60))));
        List<Long> seen = readConcurrently("c-1", 6, 3);
        assertThat(seen).hasSize(18).containsOnly(2L);
        assertThat(cache.metrics().breaker()).isEqualTo(Breaker.OPEN);

        breakerClock.advance(OPEN);
        long errorsBeforeProbe = cache.metrics().errors();
        assertThat(timed(() -> orders("c-1"))).isEqualTo(2);
        assertThat(cache.metrics().errors())
                .as("the probe met the frozen server")
                .isEqualTo(errorsBeforeProbe + 1);
        assertThat(cache.metrics().breaker()).isEqualTo(Breaker.OPEN);

        server.thaw();
        // written while the breaker is still open: its invalidation is skipped, not sent
        analytics.record(placed("o-3", "c-1", "p-1", 1, "5.00", T0.plusSeconds(120)));
        assertThat(orders("c-1")).isEqualTo(3);
        breakerClock.advance(OPEN);

        assertThat(orders("c-1")).isEqualTo(3);
        assertThat(orders("c-1")).isEqualTo(3);
        CacheStatistics up = cache.metrics();
        assertThat(up.breaker()).isEqualTo(Breaker.CLOSED);
        assertThat(served(up)).isEqualTo(2);
        assertThat(readConcurrently("c-1", 6, 3)).containsOnly(3L);
        assertThat(cache.metrics().errors())
                .as("the pool replaced its broken connections")
                .isEqualTo(up.errors());
    }

    @Test
    void aFailedInvalidationKeepsThisCacheOffRedisUntilTheEpochIsBumped() throws IOException {
        analytics.record(placed("o-1", "c-1", "p-1", 1, "5.00", T0));
        assertThat(orders("c-1")).isEqualTo(1);
        server.save();
        server.stop();
        analytics.record(placed("o-2", "c-1", "p-1", 1, "5.00", T0.plusSeconds(60)));
        server.restart();
        long epochBefore;
        try (Jedis admin = server.admin()) {
            epochBefore = Long.parseLong(admin.get(new CacheKeys(OPTIONS.prefix()).epochKey()));
        }

        // the breaker is still closed (one failure): the next read bumps the epoch before it reads anything
        assertThat(cache.metrics().breaker()).isEqualTo(Breaker.CLOSED);
        assertThat(orders("c-1")).isEqualTo(2);

        try (Jedis admin = server.admin()) {
            assertThat(Long.parseLong(admin.get(new CacheKeys(OPTIONS.prefix()).epochKey())))
                    .as("the epoch moved on")
                    .isGreaterThan(epochBefore);
        }
        assertThat(orders("c-1")).isEqualTo(2);
        assertThat(served(cache.metrics())).isEqualTo(1);
    }

    // ----- helpers -----

    private static long served(CacheStatistics m) {
        return m.hits() + m.nearHits();
    }

    private long orders(String customerId) {
        return analytics
                .queries()
                .customer(customerId)
                .map(CustomerProfile::totalOrders)
                .orElse(0L);
    }

    private List<Long> readConcurrently(String customerId, int threads, int readsEach) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    List<Long> out = new ArrayList<>();
                    for (int i = 0; i < readsEach; i++) {
                        out.add(timed(() -> orders(customerId)));
                    }
                    return out;
                }));
            }
            go.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T timed(Supplier<T> call) {
        long started = System.nanoTime();
        T value = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("a call while Redis fails").isLessThan(READ_LIMIT);
        return value;
    }

    private List<String> cachedProfileJsons() {
        try (Jedis admin = server.admin()) {
            List<String> out = new ArrayList<>();
            for (String key : admin.keys(OPTIONS.prefix() + ":" + CacheKeys.FORMAT + ":customer:*")) {
                out.add(admin.get(key));
            }
            return out;
        }
    }
}
