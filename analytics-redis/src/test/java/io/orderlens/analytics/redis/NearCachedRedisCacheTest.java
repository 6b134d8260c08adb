package io.orderlens.analytics.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.CacheStatistics;
import io.orderlens.analytics.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The cache with its near cache on (the default): a warm read makes one Redis round trip, the generation read, and
 * is never staler than the Redis entry it mirrors.
 */
class NearCachedRedisCacheTest extends RedisCacheTestBase {

    @Override
    RedisCacheOptions options(RedisCacheOptions base) {
        return base;
    }

    @Test
    void theNearCacheIsOnByDefault() {
        assertThat(RedisCacheOptions.defaults().nearCacheBytes()).isEqualTo(16L << 20);
        assertThat(cache.options().nearCacheBytes()).isPositive();
    }

    @Test
    void aWarmReadMakesOneGenerationReadAndNoGetAndReturnsTheSameInstance() {
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
        Sample loaded = cache.get(req, () -> sample("v", 1));
        server.resetCommandStats();

        Sample first = cache.get(req, () -> sample("other", 2));
        Sample second = cache.get(req, () -> sample("other", 3));

        Map<String, Long> calls = server.commandCalls();
        assertThat(calls).containsEntry("mget", 2L).doesNotContainKeys("get", "pttl", "set", "eval");
        assertThat(first).isSameAs(loaded);
        assertThat(second).isSameAs(loaded);
        CacheStatistics m = cache.metrics();
        assertThat(m.nearHits()).isEqualTo(2);
        assertThat(m.hits()).isZero();
        assertThat(m.loads()).isEqualTo(1);
        assertThat(m.hitRatio()).isEqualTo(2.0 / 3);
        assertThat(m.nearEntries()).isEqualTo(1);
        assertThat(m.nearBytes()).isPositive();
    }

    @Test
    void anEntryStoredByAnotherInstanceIsFetchedAndDecodedOnceThenServedFromTheNearCache() {
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
        another().get(req, () -> sample("stored elsewhere", 1));
        server.resetCommandStats();

        Sample fetched = cache.get(req, () -> sample("must not load", 2));
        Map<String, Long> afterFetch = server.commandCalls();
        Sample near = cache.get(req, () -> sample("must not load", 3));

        assertThat(fetched.name()).isEqualTo("stored elsewhere");
        assertThat(near).isSameAs(fetched);
        assertThat(afterFetch)
                .as("value and remaining TTL in one round trip")
                .containsEntry("mget", 1L)
                .containsEntry("get", 1L)
                .containsEntry("pttl", 1L)
                .doesNotContainKey("set");
        assertThat(server.commandCalls()).containsEntry("mget", 2L).containsEntry("get", 1L);
        CacheStatistics m = cache.metrics();
        assertThat(m.hits()).isEqualTo(1);
        assertThat(m.nearHits()).isEqualTo(1);
        assertThat(m.loads()).isZero();
    }

    @Test
    void aWriteThroughAnotherInstanceMakesTheNextReadOfANearCachedEntryFresh() {
        CacheRequest<Sample> req = request("customer", "c-1", CacheScope.customer("c-1"));
        RedisAnalyticsCache writer = another();
        cache.get(req, () -> sample("v1", 1));
        assertThat(cache.get(req, () -> sample("not yet", 0)).name()).isEqualTo("v1");

        writer.invalidate(List.of(CacheScope.customer("c-1")));

        assertThat(cache.get(req, () -> sample("v2", 2)).name()).isEqualTo("v2");
        assertThat(cache.get(req, () -> sample("not again", 0)).name()).isEqualTo("v2");

        writer.invalidate(List.of(CacheScope.customer("c-1")));
        assertThat(writer.get(req, () -> sample("v3 loaded by the writer", 3)).name())
                .isEqualTo("v3 loaded by the writer");

        assertThat(cache.get(req, () -> sample("not needed", 0)).name()).isEqualTo("v3 loaded by the writer");
        CacheStatistics m = cache.metrics();
        assertThat(m.nearHits()).isEqualTo(2);
        assertThat(m.hits()).as("v3 came from Redis").isEqualTo(1);
        assertThat(m.loads()).isEqualTo(2);
    }

    @Test
    void invalidateAllThroughAnotherInstanceMakesEveryNearEntryUnreachable() {
        CacheRequest<Sample> product = request("product", "p-1", CacheScope.product("p-1"));
        CacheRequest<Sample> top = request("top", "5", CacheScope.GLOBAL);
        cache.get(product, () -> sample("product old", 1));
        cache.get(top, () -> sample("top old", 2));
        assertThat(cache.metrics().nearEntries()).isEqualTo(2);

        another().invalidateAll();

        assertThat(cache.get(product, () -> sample("product new", 3)).name()).isEqualTo("product new");
        assertThat(cache.get(top, () -> sample("top new", 4)).name()).isEqualTo("top new");
        assertThat(cache.metrics().nearHits()).isZero();
    }

    @Test
    void invalidateAllOnThisInstanceEmptiesTheNearCache() {
        cache.get(request("product", "p-1", CacheScope.product("p-1")), () -> sample("v", 1));
        assertThat(cache.metrics().nearEntries()).isEqualTo(1);

        cache.invalidateAll();

        assertThat(cache.metrics().nearEntries()).isZero();
        assertThat(cache.metrics().nearBytes()).isZero();
    }

    @Test
    void theNearCacheStaysWithinItsByteBoundEvictingTheLeastRecentlyUsedWhichReloadFromRedis() {
        long bound = 4096;
        RedisAnalyticsCache small = RedisAnalyticsCache.builder()
                .uri(server.uri())
                .options(options().withNearCache(bound))
                .build();
        try (small) {
            int entries = 40;
            List<CacheRequest<Sample>> requests = new ArrayList<>();
            for (int i = 0; i < entries; i++) {
                int n = i;
                CacheRequest<Sample> req = request("product", "p-" + i, CacheScope.product("p-" + i));
                requests.add(req);
                small.get(req, () -> sample("product " + n, n));
                small.get(requests.get(0), () -> sample("kept warm", 0)); // the first stays most recently used
                assertThat(small.metrics().nearBytes()).isLessThanOrEqualTo(bound);
            }
            CacheStatistics full = small.metrics();
            assertThat(full.nearEntries()).isBetween(2L, entries - 1L);
            assertThat(full.nearEvictions()).isEqualTo(entries - full.nearEntries());

            assertThat(small.get(requests.get(0), () -> sample("must not load", 0))
                            .name())
                    .isEqualTo("product 0");
            assertThat(small.get(requests.get(entries - 1), () -> sample("must not load", 0))
                            .name())
                    .isEqualTo("product 39");
            assertThat(small.metrics().nearHits()).isEqualTo(full.nearHits() + 2);

            assertThat(small.get(requests.get(1), () -> sample("must not load", 0))
                            .name())
                    .as("evicted: fetched from Redis again")
                    .isEqualTo("product 1");
            CacheStatistics after = small.metrics();
            assertThat(after.hits()).isEqualTo(full.hits() + 1);
            assertThat(after.loads()).isEqualTo(entries);
            assertThat(after.nearBytes()).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void aNearEntryEndsNoLaterThanItsRedisEntry() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
        RedisAnalyticsCache timed = RedisAnalyticsCache.builder()
                .uri(server.uri())
                .options(options())
                .clock(clock)
                .build();
        try (timed) {
            CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
            timed.get(req, () -> sample("v", 1));
            clock.advance(TTL.minusSeconds(1));
            timed.get(req, () -> sample("must not load", 2));
            assertThat(timed.metrics().nearHits()).as("within the base TTL").isEqualTo(1);

            clock.advance(JITTER.plusSeconds(1));
            timed.get(req, () -> sample("must not load", 3));
            assertThat(timed.metrics().hits())
                    .as("past TTL + jitter: asked Redis again")
                    .isEqualTo(1);
            long remaining;
            try (Jedis admin = server.admin()) {
                remaining = admin.pttl(
                        admin.keys("t:" + CacheKeys.FORMAT + ":*").iterator().next());
            }

            // the cache asked for the remaining TTL a moment before this test did, so it saw at least `remaining`
            clock.advance(Duration.ofMillis(remaining - 5_000));
            timed.get(req, () -> sample("must not load", 4));
            assertThat(timed.metrics().nearHits())
                    .as("the fetched copy is near-cached")
                    .isEqualTo(2);
            clock.advance(Duration.ofMillis(10_000));
            timed.get(req, () -> sample("must not load", 5));
            CacheStatistics m = timed.metrics();
            assertThat(m.hits())
                    .as("the fetched copy lived only as long as the Redis entry had left")
                    .isEqualTo(2);
            assertThat(m.nearHits()).isEqualTo(2);
            assertThat(m.loads()).isEqualTo(1);
        }
    }

    @Test
    void withRedisDownTheNearCacheIsNotConsultedAndReadsGoToTheStore(@TempDir Path own) throws IOException {
        try (RedisTestServer downSoon = RedisTestServer.start(own);
                RedisAnalyticsCache c = RedisAnalyticsCache.builder()
                        .uri(downSoon.uri())
                        .options(options().withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)))
                        .build()) {
            CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
            c.get(req, () -> sample("cached", 1));
            assertThat(c.get(req, () -> sample("not loaded", 2)).name()).isEqualTo("cached");
            downSoon.stop();

            assertThat(c.get(req, () -> sample("from the store", 3)).name()).isEqualTo("from the store");
            assertThat(c.get(req, () -> sample("from the store again", 4)).name())
                    .isEqualTo("from the store again");

            CacheStatistics m = c.metrics();
            assertThat(m.nearHits()).isEqualTo(1);
            assertThat(m.bypassed()).isEqualTo(2);
            assertThat(m.nearEntries())
                    .as("kept, but unused without a generation read")
                    .isEqualTo(1);
        }
    }

    @Test
    void aListResultIsSharedAsAnUnmodifiableListSoNoCallerCanChangeWhatAnotherOneReads() {
        CacheRequest<List<Sample>> req =
                new CacheRequest<>("top", "2", List.of(CacheScope.GLOBAL), listOf(Sample.class));
        List<Sample> fromStore = new ArrayList<>(List.of(sample("a", 1), sample("b", 2)));

        List<Sample> first = cache.get(req, () -> fromStore);
        assertThatThrownBy(() -> first.add(sample("c", 3))).isInstanceOf(UnsupportedOperationException.class);
        List<Sample> second = cache.get(req, ArrayList::new);
        assertThat(second).isSameAs(first).containsExactly(sample("a", 1), sample("b", 2));

        RedisAnalyticsCache other = another();
        List<Sample> decoded = other.get(req, ArrayList::new);
        assertThatThrownBy(() -> decoded.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(other.get(req, ArrayList::new)).isSameAs(decoded).hasSize(2);
    }

    @Test
    void closingEmptiesTheNearCache() {
        cache.get(request("product", "p-1", CacheScope.product("p-1")), () -> sample("v", 1));
        cache.close();
        assertThat(cache.metrics().nearEntries()).isZero();
    }
}
