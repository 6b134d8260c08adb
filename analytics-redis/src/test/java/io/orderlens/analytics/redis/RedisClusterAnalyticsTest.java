package io.orderlens.analytics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.spi.CacheStatistics;
import io.orderlens.analytics.testing.CountingStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClusterClient;

/** Two {@link Analytics} instances sharing one store and a real three-master Redis Cluster. */
class RedisClusterAnalyticsTest {
    private static final Instant T0 = Instant.parse("2024-03-10T09:15:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final LocalDate DAY = LocalDate.ofInstant(T0, ZONE);

    private static RedisTestCluster cluster;
    private final List<RedisClusterClient> clients = new ArrayList<>();
    private final List<RedisAnalyticsCache> caches = new ArrayList<>();
    private final List<Analytics> instances = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = RedisTestCluster.shared();
    }

    @BeforeEach
    void twoInstances() {
        cluster.flushAll();
        CountingStore store = new CountingStore();
        for (int i = 0; i < 2; i++) {
            RedisClusterClient client = cluster.client();
            clients.add(client);
            RedisAnalyticsCache cache =
                    RedisAnalyticsCache.builder().client(client).build();
            caches.add(cache);
            instances.add(Analytics.builder()
                    .store(store)
                    .cache(cache)
                    .zone(ZONE)
                    .clock(Clock.fixed(T0.plus(Duration.ofDays(30)), ZONE))
                    .countingPolicy(CountingPolicy.AT_PLACED)
                    .build());
        }
    }

    @AfterEach
    void close() {
        instances.forEach(Analytics::close);
        clients.forEach(RedisClusterClient::close);
    }

    @Test
    void noReadStartedAfterAWriteCompletedOnEitherInstanceReturnsDataOlderThanThatWrite() throws Exception {
        int ordersPerWriter = 100;

        MixedLoad.Outcome outcome = MixedLoad.run(instances, ordersPerWriter, T0, DAY, () -> {});

        assertThat(outcome.staleReads()).isEmpty();
        assertThat(outcome.writes()).isEqualTo(MixedLoad.WRITERS * ordersPerWriter);
        assertThat(outcome.reads()).isGreaterThanOrEqualTo(3 * 2 * MixedLoad.WRITERS * ordersPerWriter);
        for (Analytics a : instances) {
            assertThat(a.queries().dashboard(DAY, DAY).orders()).isEqualTo(MixedLoad.WRITERS * ordersPerWriter);
        }
        for (RedisAnalyticsCache cache : caches) {
            CacheStatistics m = cache.metrics();
            assertThat(m.hits() + m.nearHits())
                    .as("reads answered by the cache while writes went on")
                    .isPositive();
            assertThat(m.errors()).isZero();
            assertThat(m.invalidations()).isPositive();
        }
    }
}
