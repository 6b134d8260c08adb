package io.orderlens.analytics.redis;

import static io.orderlens.analytics.testing.Orders.placed;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.spi.CacheStatistics;
import io.orderlens.analytics.spi.CacheStatistics.Breaker;
import io.orderlens.analytics.testing.CountingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

/**
 * Failover of the master that holds the generation counters, in the middle of concurrent writes and reads from two
 * {@link Analytics} instances on a real three-master Redis Cluster: a crash ({@code SIGKILL}) and a freeze
 * ({@code SIGSTOP}, then {@code SIGCONT}). Each test forms its own cluster and stops every process it started.
 */
class RedisClusterFailoverTest {
    private static final Logger log = LoggerFactory.getLogger(RedisClusterFailoverTest.class);
    private static final Instant T0 = Instant.parse("2024-03-10T09:15:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final LocalDate DAY = LocalDate.ofInstant(T0, ZONE);
    private static final int ORDERS_PER_WRITER = 60;
    /** The counters' key; every generation counter shares its hash tag, hence its slot and its master. */
    private static final String COUNTERS = "{orderlens}:epoch";
    /** How long {@link #awaitCacheServing} waits for the cache to answer again; a bound, not an expectation. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    private RedisTestCluster cluster;
    private final List<RedisClusterClient> clients = new ArrayList<>();
    private final List<RedisAnalyticsCache> caches = new ArrayList<>();
    private final List<Analytics> instances = new ArrayList<>();

    @BeforeEach
    void twoInstancesOnAFreshCluster() throws IOException {
        cluster = RedisTestCluster.start();
        CountingStore store = new CountingStore();
        for (int i = 0; i < 2; i++) {
            RedisClusterClient client = cluster.client();
            clients.add(client);
            RedisAnalyticsCache cache = RedisAnalyticsCache.builder()
                    .client(client)
                    .options(RedisCacheOptions.defaults()
                            .withBreaker(3, Duration.ofMillis(300))
                            .withReplicaAckTimeout(Duration.ofMillis(500))
                            .withInvalidationRetry(Duration.ofSeconds(20)))
                    .build();
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
    void stopEverything() {
        instances.forEach(Analytics::close);
        clients.forEach(RedisClusterClient::close);
        cluster.close();
        assertThat(cluster.anyProcessAlive())
                .as("redis-server processes left running")
                .isFalse();
    }

    @Test
    void killingTheCountersMasterMidLoadPromotesItsReplicaWithNoStaleOrFailedReadAndTheCacheRecovers()
            throws Exception {
        RedisTestCluster.Node master = cluster.masterOf(COUNTERS);
        AtomicReference<RedisTestCluster.Node> promoted = new AtomicReference<>();

        MixedLoad.Outcome outcome = MixedLoad.run(instances, ORDERS_PER_WRITER, T0, DAY, () -> {
            cluster.kill(master);
            promoted.set(cluster.awaitFailover(COUNTERS, master));
        });

        assertNoStaleReadAndEveryWriteCounted("SIGKILL", outcome);
        assertThat(promoted.get()).isNotNull().isNotSameAs(master);
        assertThat(cluster.nodes().subList(3, 6))
                .as("the promoted node was a replica")
                .contains(promoted.get());
        awaitCacheServing();
    }

    @Test
    void freezingTheCountersMasterMidLoadPromotesItsReplicaAndTheThawedMasterRejoinsAsReplica() throws Exception {
        RedisTestCluster.Node master = cluster.masterOf(COUNTERS);
        AtomicReference<RedisTestCluster.Node> promoted = new AtomicReference<>();

        MixedLoad.Outcome outcome = MixedLoad.run(instances, ORDERS_PER_WRITER, T0, DAY, () -> {
            try {
                cluster.freeze(master);
                promoted.set(cluster.awaitFailover(COUNTERS, master));
                cluster.thaw(master);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cluster.awaitReplica(master);
        });

        assertNoStaleReadAndEveryWriteCounted("SIGSTOP", outcome);
        assertThat(promoted.get()).isNotNull().isNotSameAs(master);
        try (Jedis admin = master.admin()) {
            assertThat(admin.info("replication")).contains("role:slave");
        }
        awaitCacheServing();
    }

    @Test
    void aBumpTheReplicaDoesNotAcknowledgeCountsAsFailedSoTheWriterReadsPastRedisUntilItCanBumpTheEpoch()
            throws IOException {
        RedisAnalyticsCache cache = RedisAnalyticsCache.builder()
                .client(clients.get(0))
                .options(RedisCacheOptions.defaults().withReplicaAckTimeout(Duration.ofMillis(200)))
                .build();
        caches.add(cache);
        Analytics analytics = Analytics.builder()
                .store(new CountingStore())
                .cache(cache)
                .zone(ZONE)
                .clock(Clock.fixed(T0.plus(Duration.ofDays(30)), ZONE))
                .countingPolicy(CountingPolicy.AT_PLACED)
                .build();
        instances.add(analytics);
        analytics.record(placed("o-1", "c-1", "p-1", 1, "5.00", T0));
        assertThat(orders(analytics, "c-1")).isEqualTo(1);
        assertThat(orders(analytics, "c-1")).isEqualTo(1);
        assertThat(answered(cache.metrics()))
                .as("warm before the replica freezes")
                .isEqualTo(1);
        RedisTestCluster.Node replica = cluster.replicaOf(cluster.masterOf(COUNTERS));

        cluster.freeze(replica);
        try {
            analytics.record(placed("o-2", "c-1", "p-1", 1, "5.00", T0.plusSeconds(60)));
            long bypassedBefore = cache.metrics().bypassed();

            assertThat(orders(analytics, "c-1")).isEqualTo(2);
            assertThat(cache.metrics().bypassed())
                    .as("read past Redis: the epoch bump is not acknowledged either")
                    .isGreaterThan(bypassedBefore);
            assertThat(answered(cache.metrics())).isEqualTo(1);
        } finally {
            cluster.thaw(replica);
        }
        cluster.awaitReplica(replica);
        awaitServing(analytics, cache);
        assertThat(orders(analytics, "c-1")).isEqualTo(2);
    }

    private static long orders(Analytics analytics, String customer) {
        return analytics.queries().customer(customer).map(p -> p.totalOrders()).orElse(0L);
    }

    private void assertNoStaleReadAndEveryWriteCounted(String failover, MixedLoad.Outcome outcome) {
        log.info(
                "{}: {} reads, {} writes; slowest round of three reads per reader: {} ms",
                failover,
                outcome.reads(),
                outcome.writes(),
                outcome.slowestRoundMillis());
        assertThat(outcome.staleReads()).isEmpty();
        assertThat(outcome.writes()).isEqualTo(MixedLoad.WRITERS * ORDERS_PER_WRITER);
        for (Analytics a : instances) {
            assertThat(a.queries().dashboard(DAY, DAY).orders()).isEqualTo(MixedLoad.WRITERS * ORDERS_PER_WRITER);
        }
    }

    /**
     * Reads through each instance until its cache answers a repeated read from Redis again with the breaker closed,
     * with no step but reading; fails if that does not happen within {@link #RECOVERY_BOUND}.
     */
    private void awaitCacheServing() {
        for (int i = 0; i < instances.size(); i++) {
            awaitServing(instances.get(i), caches.get(i));
        }
        assertThat(instances.get(0).queries().customer("c-1"))
                .isEqualTo(instances.get(1).queries().customer("c-1"));
    }

    /** Reads through {@code a} until {@code cache} answers a repeated read, within {@link #RECOVERY_BOUND}. */
    private static void awaitServing(Analytics a, RedisAnalyticsCache cache) {
        long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
        boolean serving = false;
        while (!serving && System.nanoTime() < deadline) {
            a.queries().customer("c-1");
            long before = answered(cache.metrics());
            a.queries().customer("c-1");
            CacheStatistics after = cache.metrics();
            serving = answered(after) > before && after.breaker() == Breaker.CLOSED;
            if (!serving) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(serving).as("the cache answering from Redis again").isTrue();
    }

    private static long answered(CacheStatistics m) {
        return m.hits() + m.nearHits();
    }
}
