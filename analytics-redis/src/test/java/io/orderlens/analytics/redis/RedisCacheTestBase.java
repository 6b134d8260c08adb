package io.orderlens.analytics.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsCacheContract;
import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.CacheStatistics;
import io.orderlens.analytics.spi.CacheStatistics.Breaker;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * The cache against a real redis-server, for every configuration of the read path: each subclass runs the cache
 * contract and these tests with its own {@link #options} and adds the tests of its configuration.
 */
abstract class RedisCacheTestBase extends AnalyticsCacheContract {
    static final Duration TTL = Duration.ofMinutes(10);
    static final Duration JITTER = Duration.ofMinutes(1);

    @TempDir
    static Path dir;

    static RedisTestServer server;
    RedisAnalyticsCache cache;
    private final List<RedisAnalyticsCache> others = new ArrayList<>();

    /** The options under test, derived from {@code base} (prefix {@code t}, TTL, generous timeouts). */
    abstract RedisCacheOptions options(RedisCacheOptions base);

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @Override
    protected AnalyticsCache newCache() {
        return RedisAnalyticsCache.builder()
                .uri(server.uri())
                .options(options())
                .build();
    }

    @BeforeEach
    void flushAndOpen() {
        try (Jedis admin = server.admin()) {
            admin.flushAll();
        }
        cache = RedisAnalyticsCache.builder()
                .uri(server.uri())
                .options(options())
                .build();
    }

    @AfterEach
    void closeCache() {
        cache.close();
        others.forEach(RedisAnalyticsCache::close);
    }

    @Test
    void aSecondReadIsAnsweredWithoutLoading() {
        AtomicInteger loads = new AtomicInteger();
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));

        Sample first = cache.get(req, () -> sample("one", loads.incrementAndGet()));
        Sample second = cache.get(req, () -> sample("two", loads.incrementAndGet()));

        assertThat(second).isEqualTo(first);
        assertThat(loads).hasValue(1);
        CacheStatistics m = cache.metrics();
        assertThat(served(m)).isEqualTo(1);
        assertThat(m.misses()).isEqualTo(1);
        assertThat(m.loads()).isEqualTo(1);
        assertThat(m.hitRatio()).isEqualTo(0.5);
        assertThat(m.errors()).isZero();
        assertThat(m.breaker()).isEqualTo(Breaker.CLOSED);
    }

    @Test
    void valuesRoundTripExactlyIncludingMoneyScaleAndNanoseconds() {
        Sample exact = new Sample(
                "ünï \"quoted\"",
                new BigDecimal("0.0010"),
                Instant.parse("2024-03-31T01:30:00.123456789Z"),
                LocalDate.of(2024, 2, 29),
                Map.of("a", 1L, "b", Long.MAX_VALUE));
        CacheRequest<Sample> req = request("product", "exact", CacheScope.product("exact"));
        cache.get(req, () -> exact);

        RedisAnalyticsCache reader = another();
        Sample read = reader.get(req, () -> {
            throw new AssertionError("must be a hit");
        });

        assertThat(reader.metrics().hits()).as("decoded from Redis").isEqualTo(1);
        assertThat(read).isEqualTo(exact);
        assertThat(read.amount().scale()).isEqualTo(4);
        assertThat(storedJson())
                .contains("\"amount\":0.0010")
                .contains("2024-03-31T01:30:00.123456789Z")
                .doesNotContain("@class");
    }

    @Test
    void listsOfRecordsRoundTripThroughTheirParameterizedType() {
        CacheRequest<List<Sample>> req =
                new CacheRequest<>("top", "3", List.of(CacheScope.GLOBAL), listOf(Sample.class));
        List<Sample> top = List.of(sample("a", 1), sample("b", 2));
        cache.get(req, () -> top);

        RedisAnalyticsCache reader = another();
        List<Sample> read = reader.get(req, List::of);

        assertThat(read).isEqualTo(top);
        assertThat(reader.metrics().hits()).isEqualTo(1);
        assertThat(cache.get(req, List::of)).isEqualTo(top);
        assertThat(served(cache.metrics())).isEqualTo(1);
    }

    @Test
    void eachCompletedInvalidationIsCountedAndAnEmptyOneIsNot() {
        cache.invalidate(List.of(CacheScope.product("p-1"), CacheScope.GLOBAL));
        cache.invalidate(List.of());
        cache.invalidateAll();

        assertThat(cache.metrics().invalidations()).isEqualTo(2);
        assertThat(cache.metrics().errors()).isZero();
    }

    @Test
    void aCallerOwnedClientIsUsedAndLeftOpenOnClose() {
        try (RedisClient client = RedisClient.builder()
                .hostAndPort("127.0.0.1", server.port())
                .clientConfig(DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(1000)
                        .socketTimeoutMillis(1000)
                        .build())
                .build()) {
            RedisAnalyticsCache own = RedisAnalyticsCache.create(client);
            CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
            own.get(req, () -> sample("v", 1));
            assertThat(own.get(req, () -> sample("other", 2)).name()).isEqualTo("v");
            own.close();
            assertThat(client.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void everyEntryHasATtlWithinTheJitterWindowAndCountersNeverExpire() {
        for (int i = 0; i < 20; i++) {
            int n = i;
            cache.get(request("product", "p-" + i, CacheScope.product("p-" + i)), () -> sample("v", n));
        }
        try (Jedis admin = server.admin()) {
            Set<String> entries = admin.keys("t:" + CacheKeys.FORMAT + ":*");
            assertThat(entries).hasSize(20);
            for (String key : entries) {
                assertThat(admin.pttl(key))
                        .isBetween(TTL.toMillis() - 60_000, TTL.plus(JITTER).toMillis());
            }
            Set<String> counters = admin.keys("{t}:*");
            assertThat(counters).hasSize(21);
            for (String key : counters) {
                assertThat(admin.ttl(key)).as("TTL of %s", key).isEqualTo(-1L);
            }
        }
    }

    @Test
    void aCounterLostToEvictionOrFlushRestartsAboveEveryValueItHadBefore() {
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
        String counter = new CacheKeys("t").generationKey(CacheScope.product("p-1"));
        cache.get(req, () -> sample("v", 1));
        for (int i = 0; i < 50; i++) {
            cache.invalidate(List.of(CacheScope.product("p-1")));
        }
        long before;
        try (Jedis admin = server.admin()) {
            before = Long.parseLong(admin.get(counter));
            admin.del(counter);
        }
        cache.get(req, () -> sample("v", 2));
        try (Jedis admin = server.admin()) {
            assertThat(Long.parseLong(admin.get(counter))).isGreaterThan(before);
            admin.flushAll();
        }
        cache.invalidate(List.of(CacheScope.product("p-1")));
        try (Jedis admin = server.admin()) {
            assertThat(Long.parseLong(admin.get(counter))).isGreaterThan(before);
        }
    }

    @Test
    void fiftyConcurrentReadersOfAColdKeyCauseExactlyOneLoad() throws Exception {
        int readers = 50;
        CacheRequest<Sample> req = request("customer", "cold", CacheScope.customer("cold"));
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch allCalling = new CountDownLatch(readers);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<Sample>> results = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                results.add(pool.submit(() -> {
                    allCalling.countDown();
                    return cache.get(req, () -> {
                        loads.incrementAndGet();
                        await(allCalling);
                        return sample("loaded once", 7);
                    });
                }));
            }
            for (Future<Sample> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(sample("loaded once", 7));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
        CacheStatistics m = cache.metrics();
        assertThat(m.loads()).isEqualTo(1);
        assertThat(m.misses()).isEqualTo(1);
        assertThat(served(m) + m.coalesced()).isEqualTo(readers - 1);
    }

    @Test
    void aFailingLoadReachesEveryWaitingReaderAndIsNotCached() throws Exception {
        CacheRequest<Sample> req = request("customer", "boom", CacheScope.customer("boom"));
        CountDownLatch leaderLoading = new CountDownLatch(1);
        CountDownLatch followerWaiting = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Sample> leader = pool.submit(() -> cache.get(req, () -> {
                leaderLoading.countDown();
                await(followerWaiting);
                throw new IllegalStateException("store down");
            }));
            assertThat(leaderLoading.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Sample> follower = pool.submit(() -> {
                followerWaiting.countDown();
                return cache.get(req, () -> sample("follower loaded", 1));
            });
            assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("store down");
            // the follower either shared the failure or arrived after it and loaded by itself
            try {
                assertThat(follower.get(10, TimeUnit.SECONDS).name()).isEqualTo("follower loaded");
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause())
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("store down");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.get(req, () -> sample("after", 2)).name()).isIn("after", "follower loaded");
    }

    @Test
    void anUnreadableEntryIsReloadedAndCountedNotThrown() {
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
        cache.get(req, () -> sample("good", 1));
        try (Jedis admin = server.admin()) {
            for (String key : admin.keys("t:" + CacheKeys.FORMAT + ":*")) {
                admin.set(key, "{\"name\":\"x\",\"unexpected\":[1,2");
            }
        }

        RedisAnalyticsCache reader = another();
        Sample read = reader.get(req, () -> sample("reloaded", 2));

        assertThat(read.name()).isEqualTo("reloaded");
        assertThat(reader.metrics().errors()).isEqualTo(1);
        assertThat(reader.get(req, () -> sample("third", 3)).name()).isEqualTo("reloaded");
        assertThat(another().get(req, () -> sample("fourth", 4)).name())
                .as("the reload replaced the entry")
                .isEqualTo("reloaded");
    }

    @Test
    void afterCloseReadsGoToTheStoreAndCloseIsIdempotent() {
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
        cache.get(req, () -> sample("cached", 1));
        cache.close();
        cache.close();

        assertThat(cache.get(req, () -> sample("from store", 2)).name()).isEqualTo("from store");
        cache.invalidate(List.of(CacheScope.product("p-1")));
        assertThat(cache.metrics().bypassed()).isEqualTo(1);
    }

    @Test
    void aCacheOnAnUnreachableServerIsCreatedAndServesEveryReadFromTheStore() throws IOException {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (RedisAnalyticsCache dead = RedisAnalyticsCache.builder()
                .uri("redis://127.0.0.1:" + deadPort)
                .options(options(RedisCacheOptions.defaults()))
                .build()) {
            CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
            for (int i = 0; i < 5; i++) {
                int n = i;
                assertThat(dead.get(req, () -> sample("store", n))).isEqualTo(sample("store", n));
            }
            dead.invalidate(List.of(CacheScope.product("p-1")));
            CacheStatistics m = dead.metrics();
            assertThat(m.loads()).isEqualTo(5);
            assertThat(m.errors()).isEqualTo(RedisCacheOptions.defaults().failureThreshold());
            assertThat(m.breaker()).isEqualTo(Breaker.OPEN);
            assertThat(served(m) + m.misses()).isZero();
        }
    }

    // ----- helpers -----

    final RedisCacheOptions options() {
        return options(RedisCacheOptions.defaults()
                .withPrefix("t")
                .withTtl(TTL, JITTER)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    /** Another cache on the same server with the same options, like one in another process; closed after the test. */
    RedisAnalyticsCache another() {
        RedisAnalyticsCache other = RedisAnalyticsCache.builder()
                .uri(server.uri())
                .options(options())
                .build();
        others.add(other);
        return other;
    }

    /** Reads answered by the cache, from Redis or from the near cache. */
    static long served(CacheStatistics m) {
        return m.hits() + m.nearHits();
    }

    private static String storedJson() {
        try (Jedis admin = server.admin()) {
            Set<String> entries = admin.keys("t:" + CacheKeys.FORMAT + ":*");
            assertThat(entries).hasSize(1);
            return admin.get(entries.iterator().next());
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Type listOf(Class<?> element) {
        return CacheRequest.listOf(element);
    }
}
