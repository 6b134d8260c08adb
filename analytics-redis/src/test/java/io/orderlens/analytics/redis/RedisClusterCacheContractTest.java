package io.orderlens.analytics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsCacheContract;
import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClusterClient;

/** The cache contract on a real three-master Redis Cluster through Jedis' cluster client. */
class RedisClusterCacheContractTest extends AnalyticsCacheContract {
    private static RedisTestCluster cluster;
    private final List<RedisClusterClient> clients = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = RedisTestCluster.shared();
    }

    @BeforeEach
    void flush() {
        cluster.flushAll();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RedisClusterClient::close);
    }

    @Override
    protected AnalyticsCache newCache() {
        RedisClusterClient client = cluster.client();
        clients.add(client);
        return RedisAnalyticsCache.builder()
                .client(client)
                .options(RedisCacheOptions.defaults().withTtl(Duration.ofMinutes(10), Duration.ofMinutes(1)))
                .build();
    }

    @Test
    void entriesSpreadOverEveryMasterWhileGenerationsShareOneSlot() {
        RedisAnalyticsCache cache = (RedisAnalyticsCache) cache();
        for (int i = 0; i < 60; i++) {
            cache.get(request("product", "p-" + i, CacheScope.product("p-" + i)), () -> sample("v", 1));
        }

        List<Long> keysPerMaster = new ArrayList<>();
        for (RedisTestCluster.Node n : cluster.nodes().subList(0, 3)) {
            try (var admin = n.admin()) {
                keysPerMaster.add(admin.dbSize());
            }
        }
        assertThat(keysPerMaster).as("entries on every master").allMatch(k -> k > 0);
        assertThat(cache.metrics().errors()).isZero();
        CacheRequest<Sample> again = request("product", "p-0", CacheScope.product("p-0"));
        assertThat(cache.get(again, () -> sample("other", 2))).isEqualTo(sample("v", 1));
    }
}
