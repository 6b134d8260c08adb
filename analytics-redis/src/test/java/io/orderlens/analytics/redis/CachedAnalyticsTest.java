package io.orderlens.analytics.redis;

import static io.orderlens.analytics.testing.Orders.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.calc.TimeOfDay;
import io.orderlens.analytics.cohort.CohortPeriod;
import io.orderlens.analytics.cohort.CohortTable;
import io.orderlens.analytics.cohort.Cohorts;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.period.Granularity;
import io.orderlens.analytics.period.PeriodSeries;
import io.orderlens.analytics.query.AnalyticsQueries;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.analytics.query.ProductStats;
import io.orderlens.analytics.spi.CacheStatistics;
import io.orderlens.analytics.testing.CountingStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/** The real {@link Analytics} engine and query API reading through the Redis cache. */
class CachedAnalyticsTest {
    private static final Instant T0 = Instant.parse("2024-03-10T09:15:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final LocalDate DAY = LocalDate.ofInstant(T0, ZONE);

    @TempDir
    static Path dir;

    private static RedisTestServer server;
    private CountingStore store;
    private RedisAnalyticsCache cache;
    private Analytics analytics;
    private final List<Analytics> others = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    /** How the instances under test read and write. */
    enum Mode {
        /** Near cache off: every read makes a generation read and a GET. */
        REDIS_ONLY(0, false),
        /** Near cache on (the default), writes made by the reading instance. */
        NEAR_CACHE(RedisCacheOptions.DEFAULT_NEAR_CACHE_BYTES, false),
        /** Near cache on, writes made by another instance (own cache and near cache) sharing the store and Redis. */
        NEAR_CACHE_WRITES_ELSEWHERE(RedisCacheOptions.DEFAULT_NEAR_CACHE_BYTES, true);

        final long nearCacheBytes;
        final boolean writesElsewhere;

        Mode(long nearCacheBytes, boolean writesElsewhere) {
            this.nearCacheBytes = nearCacheBytes;
            this.writesElsewhere = writesElsewhere;
        }
    }

    @BeforeEach
    void setUp() {
        try (Jedis admin = server.admin()) {
            admin.flushAll();
        }
        store = new CountingStore();
        cache = cache(RedisCacheOptions.DEFAULT_NEAR_CACHE_BYTES);
        analytics = analytics(cache, CountingPolicy.AT_PLACED);
    }

    @AfterEach
    void tearDown() {
        analytics.close();
        others.forEach(Analytics::close);
    }

    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"REDIS_ONLY", "NEAR_CACHE"})
    void everyQueryServedFromTheCacheEqualsWhatTheStoreComputes(Mode mode) {
        RedisAnalyticsCache first = cache(mode.nearCacheBytes);
        RedisAnalyticsCache second = cache(mode.nearCacheBytes);
        Analytics viaFirst = another(first);
        recordSampleHistory(viaFirst);
        try (Analytics uncached = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(clock())
                .countingPolicy(CountingPolicy.AT_PLACED)
                .build()) {
            AnalyticsQueries direct = uncached.queries();
            // round 0 loads, round 1 is answered by the first cache, round 2 by a second one that decodes from Redis
            for (int round = 0; round < 3; round++) {
                AnalyticsQueries viaCache = (round < 2 ? viaFirst : another(second)).queries();
                for (String p : List.of("p-1", "p-2", "p-3", "nope")) {
                    assertThat(viaCache.product(p)).isEqualTo(direct.product(p));
                }
                for (String c : List.of("c-1", "c-2", "c-3", "nobody")) {
                    assertThat(viaCache.customer(c)).isEqualTo(direct.customer(c));
                }
                for (ProductRanking r : ProductRanking.values()) {
                    assertThat(viaCache.topProducts(r, 10)).isEqualTo(direct.topProducts(r, 10));
                }
                assertThat(viaCache.topCustomers(10)).isEqualTo(direct.topCustomers(10));
                assertThat(viaCache.topCategories(10)).isEqualTo(direct.topCategories(10));
                assertThat(viaCache.daily(DAY.minusDays(1), DAY.plusDays(3)))
                        .isEqualTo(direct.daily(DAY.minusDays(1), DAY.plusDays(3)));
                assertThat(viaCache.dashboard(DAY.minusDays(1), DAY.plusDays(3)))
                        .isEqualTo(direct.dashboard(DAY.minusDays(1), DAY.plusDays(3)));
            }
        }
        CacheStatistics m = first.metrics();
        int cacheable = 3 + 3 + ProductRanking.values().length + 4;
        assertThat(mode.nearCacheBytes == 0 ? m.hits() : m.nearHits())
                .as("the second round is answered by the cache")
                .isEqualTo(cacheable);
        assertThat(served(m)).isEqualTo(cacheable);
        assertThat(m.misses())
                .as("absent products and customers are not cached")
                .isEqualTo(cacheable + 2 * 2);
        assertThat(m.errors()).isZero();
        CacheStatistics decoded = second.metrics();
        assertThat(decoded.hits()).as("the third round is decoded from Redis").isEqualTo(cacheable);
        assertThat(decoded.misses()).isEqualTo(2);
        assertThat(decoded.errors()).isZero();
    }

    @Test
    void aNearCachedResultIsOneSharedInstanceThatNoReaderCanChange() {
        recordSampleHistory(analytics);
        AnalyticsQueries q = analytics.queries();
        LocalDate from = DAY.minusDays(1);
        LocalDate to = DAY.plusDays(3);
        CustomerProfile profile = q.customer("c-1").orElseThrow();
        Dashboard dashboard = q.dashboard(from, to);
        List<ProductStats> top = q.topProducts(ProductRanking.UNITS, 10);

        assertThat(q.customer("c-1").orElseThrow()).isSameAs(profile);
        assertThat(q.dashboard(from, to)).isSameAs(dashboard);
        assertThat(q.topProducts(ProductRanking.UNITS, 10)).isSameAs(top);
        assertUnmodifiable(profile, dashboard, top);

        AnalyticsQueries elsewhere =
                another(cache(RedisCacheOptions.DEFAULT_NEAR_CACHE_BYTES)).queries();
        CustomerProfile decodedProfile = elsewhere.customer("c-1").orElseThrow();
        Dashboard decodedDashboard = elsewhere.dashboard(from, to);
        List<ProductStats> decodedTop = elsewhere.topProducts(ProductRanking.UNITS, 10);
        assertThat(decodedProfile).isEqualTo(profile).isNotSameAs(profile);
        assertThat(elsewhere.customer("c-1").orElseThrow()).isSameAs(decodedProfile);
        assertUnmodifiable(decodedProfile, decodedDashboard, decodedTop);
        assertThat(q.customer("c-1").orElseThrow()).isSameAs(profile).isEqualTo(decodedProfile);
    }

    @Test
    void aWriteThroughAnotherInstanceIsVisibleToTheNextReadOfANearCachedProfile() {
        Analytics writer = another(cache(RedisCacheOptions.DEFAULT_NEAR_CACHE_BYTES));
        writer.record(placed("o-1", "c-1", "p-1", 2, "3.50", T0));
        AnalyticsQueries q = analytics.queries();
        assertThat(q.customer("c-1").orElseThrow().totalOrders()).isEqualTo(1);
        assertThat(q.customer("c-1").orElseThrow().totalOrders()).isEqualTo(1);
        assertThat(cache.metrics().nearHits()).isEqualTo(1);

        writer.record(placed("o-2", "c-1", "p-1", 1, "3.50", T0.plusSeconds(60)));

        assertThat(q.customer("c-1").orElseThrow().totalOrders()).isEqualTo(2);
        assertThat(q.product("p-1").orElseThrow().unitsSold()).isEqualTo(3);
    }

    @Test
    void aRecordedEventIsVisibleToTheVeryNextRead() {
        analytics.record(placed("o-1", "c-1", "p-1", 2, "3.50", T0));
        AnalyticsQueries q = analytics.queries();
        assertThat(q.customer("c-1").orElseThrow().totalOrders()).isEqualTo(1);
        assertThat(q.product("p-1").orElseThrow().unitsSold()).isEqualTo(2);
        assertThat(q.dashboard(DAY, DAY).orders()).isEqualTo(1);
        assertThat(q.customer("c-1").orElseThrow().totalOrders()).isEqualTo(1);

        analytics.record(placed("o-2", "c-1", "p-1", 3, "3.50", T0.plusSeconds(60)));
        analytics.record(OrderEvent.refunded(Refund.full("r-1", "o-1", T0.plusSeconds(120))));

        CustomerProfile c1 = q.customer("c-1").orElseThrow();
        assertThat(c1.totalOrders()).isEqualTo(1);
        assertThat(c1.totalSpent()).isEqualByComparingTo("10.50");
        assertThat(q.product("p-1").orElseThrow().unitsSold()).isEqualTo(3);
        assertThat(q.dashboard(DAY, DAY).refunds()).isEqualTo(1);
        assertThat(served(cache.metrics())).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void noReadStartedAfterAWriteCompletedReturnsDataOlderThanThatWrite(Mode mode) throws Exception {
        RedisAnalyticsCache readCache = cache(mode.nearCacheBytes);
        Analytics reading = another(readCache);
        Analytics writing = mode.writesElsewhere ? another(cache(mode.nearCacheBytes)) : reading;
        int ordersPerWriter = 100;
        MixedLoad.Outcome outcome =
                MixedLoad.run(List.of(writing), List.of(reading), ordersPerWriter, T0, DAY, () -> {});
        int writers = MixedLoad.WRITERS;
        AnalyticsQueries q = reading.queries();
        assertThat(outcome.staleReads()).isEmpty();
        assertThat(outcome.writes()).isEqualTo(writers * ordersPerWriter);
        assertThat(q.dashboard(DAY, DAY).orders()).isEqualTo(writers * ordersPerWriter);
        CacheStatistics m = readCache.metrics();
        assertThat(outcome.reads()).isGreaterThanOrEqualTo(3 * 2 * writers * ordersPerWriter);
        assertThat(served(m))
                .as("reads were answered by the cache while writes went on")
                .isPositive();
        if (mode.nearCacheBytes > 0) {
            assertThat(m.nearHits()).as("some by the near cache").isPositive();
        }
        assertThat(m.errors()).isZero();
    }

    @Test
    void fiftyConcurrentProfileReadsOfAColdCustomerReadTheStoreOnce() throws Exception {
        analytics.record(placed("o-1", "c-1", "p-1", 1, "9.99", T0));
        store.customerReads.set(0);
        int readers = 50;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<Optional<CustomerProfile>>> results = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return analytics.queries().customer("c-1");
                }));
            }
            go.countDown();
            for (Future<Optional<CustomerProfile>> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS).orElseThrow().totalSpent())
                        .isEqualByComparingTo("9.99");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.customerReads).hasValue(1);
        assertThat(cache.metrics().loads()).isEqualTo(1);
    }

    @Test
    void aPeriodSeriesDecodedFromRedisEqualsWhatTheStoreComputes() {
        RedisAnalyticsCache first = cache(0);
        RedisAnalyticsCache second = cache(0);
        Analytics viaFirst = another(first);
        recordSampleHistory(viaFirst);
        try (Analytics uncached = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(clock())
                .countingPolicy(CountingPolicy.AT_PLACED)
                .build()) {
            for (Granularity g : Granularity.values()) {
                PeriodSeries direct = uncached.periods().series(g, DAY.minusDays(40), DAY.plusDays(3));
                assertThat(viaFirst.periods().series(g, DAY.minusDays(40), DAY.plusDays(3)))
                        .isEqualTo(direct);
                assertThat(another(second).periods().series(g, DAY.minusDays(40), DAY.plusDays(3)))
                        .as("decoded from Redis")
                        .isEqualTo(direct);
            }
        }
        assertThat(second.metrics().hits()).isEqualTo(Granularity.values().length);
        assertThat(second.metrics().errors()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void cohortQueriesThroughTheCacheEqualTheStoresAndSeeTheNextWrite(Mode mode) {
        RedisAnalyticsCache readerCache = cache(mode.nearCacheBytes);
        Analytics reader = another(readerCache);
        Analytics writer = mode.writesElsewhere ? another(cache(mode.nearCacheBytes)) : reader;
        recordSampleHistory(writer);
        LocalDate from = DAY.minusDays(40);
        LocalDate to = DAY.plusDays(40);
        try (Analytics uncached = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(clock())
                .countingPolicy(CountingPolicy.AT_PLACED)
                .build()) {
            Cohorts direct = uncached.cohorts();
            for (int round = 0; round < 2; round++) {
                for (CohortPeriod p : CohortPeriod.values()) {
                    assertThat(reader.cohorts().retention(p, from, to)).isEqualTo(direct.retention(p, from, to));
                    assertThat(reader.cohorts().acquisitionFunnel(p, from, to))
                            .isEqualTo(direct.acquisitionFunnel(p, from, to));
                }
            }
            assertThat(served(readerCache.metrics()))
                    .as("the second round is answered by the cache")
                    .isEqualTo(2L * CohortPeriod.values().length);
            CohortTable before = reader.cohorts().retention(CohortPeriod.MONTH, from, to);

            writer.record(placed("o-9", "c-4", "p-1", 1, "5", T0.plusSeconds(60)));

            CohortTable after = reader.cohorts().retention(CohortPeriod.MONTH, from, to);
            assertThat(after).isEqualTo(direct.retention(CohortPeriod.MONTH, from, to));
            assertThat(after.cohorts().get(0).size())
                    .isEqualTo(before.cohorts().get(0).size() + 1);
            assertThat(reader.cohorts().acquisitionFunnel(CohortPeriod.WEEK, from, to))
                    .isEqualTo(direct.acquisitionFunnel(CohortPeriod.WEEK, from, to));
        }
    }

    private void recordSampleHistory(Analytics analytics) {
        analytics.recordAll(List.of(
                placed("o-1", "c-1", "p-1", 3, "0.001", T0),
                placed("o-2", "c-1", "p-2", 1, "12.50", T0.plusSeconds(3600)),
                placed("o-3", "c-2", "p-1", 7, "0.001", T0.plusSeconds(7200)),
                placed("o-4", "c-3", "p-3", 2, "1999.99", T0.plus(Duration.ofDays(1))),
                placed("o-5", "c-2", "p-3", 1, "1999.99", T0.plus(Duration.ofDays(2)))));
        analytics.record(OrderEvent.refunded(Refund.full("r-1", "o-4", T0.plus(Duration.ofDays(2)))));
        analytics.record(OrderEvent.canceled("o-2", T0.plus(Duration.ofDays(2))));
    }

    private static void assertUnmodifiable(CustomerProfile profile, Dashboard dashboard, List<ProductStats> top) {
        assertThatThrownBy(() -> profile.topItems().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> profile.favouriteCategories().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> profile.timeOfDay().put(TimeOfDay.NIGHT, 99L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dashboard.ordersByStatus().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dashboard.salesByCountry().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dashboard.topProducts().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> dashboard.topCategories().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> top.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static long served(CacheStatistics m) {
        return m.hits() + m.nearHits();
    }

    private RedisAnalyticsCache cache(long nearCacheBytes) {
        return RedisAnalyticsCache.builder()
                .uri(server.uri())
                .options(RedisCacheOptions.defaults()
                        .withPool(32, Duration.ofSeconds(2))
                        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                        .withNearCache(nearCacheBytes))
                .build();
    }

    /** Another instance over the same store (an application instance of its own); closed after the test. */
    private Analytics another(RedisAnalyticsCache cache) {
        Analytics other = analytics(cache, CountingPolicy.AT_PLACED);
        others.add(other);
        return other;
    }

    private Analytics analytics(RedisAnalyticsCache cache, CountingPolicy policy) {
        return Analytics.builder()
                .store(store)
                .cache(cache)
                .zone(ZONE)
                .clock(clock())
                .countingPolicy(policy)
                .build();
    }

    private static Clock clock() {
        return Clock.fixed(T0.plus(Duration.ofDays(30)), ZONE);
    }
}
