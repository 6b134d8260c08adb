package io.orderlens.analytics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.CacheStatistics;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache with its near cache disabled: every read asks Redis for the generations and then for the entry. */
class RedisOnlyCacheTest extends RedisCacheTestBase {

    @Override
    RedisCacheOptions options(RedisCacheOptions base) {
        return base.withNearCache(0);
    }

    @Test
    void everyWarmReadMakesTwoRoundTripsAGenerationReadAndAGetAndDecodesAFreshValue() {
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
        Sample loaded = cache.get(req, () -> sample("v", 1));
        server.resetCommandStats();

        Sample first = cache.get(req, () -> sample("other", 2));
        Sample second = cache.get(req, () -> sample("other", 3));

        Map<String, Long> calls = server.commandCalls();
        assertThat(calls).containsEntry("mget", 2L).containsEntry("get", 2L).doesNotContainKeys("set", "pttl");
        assertThat(first).isEqualTo(loaded).isNotSameAs(loaded);
        assertThat(second).isEqualTo(loaded).isNotSameAs(first);
        CacheStatistics m = cache.metrics();
        assertThat(m.hits()).isEqualTo(2);
        assertThat(m.nearHits()).isZero();
        assertThat(m.nearEntries()).isZero();
        assertThat(m.nearBytes()).isZero();
    }
}
