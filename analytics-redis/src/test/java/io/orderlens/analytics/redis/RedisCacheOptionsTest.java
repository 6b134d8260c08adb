package io.orderlens.analytics.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisCacheOptionsTest {
    private final RedisCacheOptions d = RedisCacheOptions.defaults();

    @Test
    void defaultsSetEveryTimeoutExplicitly() {
        assertThat(d.poolMaxWait()).isPositive();
        assertThat(d.connectTimeout()).isPositive();
        assertThat(d.socketTimeout()).isPositive();
        assertThat(d.readFallbackBound()).isEqualTo(Duration.ofMillis(850));
    }

    @Test
    void rejectsBadValuesNamingTheFieldAndTheValue() {
        assertThatThrownBy(() -> d.withPrefix("my app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix")
                .hasMessageContaining("\"my app\"");
        assertThatThrownBy(() -> d.withPrefix("{app}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
        assertThatThrownBy(() -> d.withTtl(Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl")
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> d.withTtl(Duration.ofMinutes(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttlJitter");
        assertThatThrownBy(() -> d.withTimeouts(Duration.ZERO, Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> d.withTimeouts(Duration.ofMillis(100), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("socketTimeout");
        assertThatThrownBy(() -> d.withPool(0, Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poolMaxTotal")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> d.withBreaker(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failureThreshold");
        assertThatThrownBy(() -> d.withReplicaAckTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicaAckTimeout")
                .hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> d.withInvalidationRetry(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalidationRetry")
                .hasMessageContaining("PT2M");
        assertThatThrownBy(() -> d.withInvalidationRetry(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalidationRetry");
        assertThatThrownBy(() -> d.withNearCache(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nearCacheBytes")
                .hasMessageContaining("got -1");
    }

    @Test
    void theNearCacheHasADefaultBoundAndZeroDisablesItLeavingEverythingElseAsItWas() {
        assertThat(d.nearCacheBytes()).isEqualTo(16L * 1024 * 1024);
        RedisCacheOptions off = d.withNearCache(0);
        assertThat(off.nearCacheBytes()).isZero();
        assertThat(off.withNearCache(d.nearCacheBytes())).isEqualTo(d);
    }

    @Test
    void bumpsWaitForReplicasByDefaultAndAreNotRetriedUnlessAsked() {
        assertThat(d.replicaAckTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(d.invalidationRetry()).isZero();
        RedisCacheOptions cluster =
                d.withReplicaAckTimeout(Duration.ZERO).withInvalidationRetry(Duration.ofSeconds(10));
        assertThat(cluster.replicaAckTimeout()).isZero();
        assertThat(cluster.invalidationRetry()).isEqualTo(Duration.ofSeconds(10));
        assertThat(cluster.withReplicaAckTimeout(d.replicaAckTimeout()).withInvalidationRetry(Duration.ZERO))
                .isEqualTo(d);
    }

    @Test
    void rejectsUrisThatAreNotRedisUris() {
        assertThatThrownBy(() -> RedisAnalyticsCache.create("http://localhost:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://localhost:6379");
        assertThatThrownBy(() -> RedisAnalyticsCache.create("redis://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisAnalyticsCache.create("not a uri"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a uri");
        assertThatThrownBy(() -> RedisAnalyticsCache.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
