package io.orderlens.analytics.redis;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.query.CustomerSummary;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** An erased customer's cached reads are never served again, by any instance sharing the Redis server. */
class ErasureCacheTest {
    private static final Instant T0 = Instant.parse("2024-03-10T09:15:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    @TempDir
    static Path dir;

    private static RedisTestServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    private static RedisAnalyticsCache cache() {
        return RedisAnalyticsCache.builder()
                .uri(server.uri())
                .options(RedisCacheOptions.defaults()
                        .withPool(8, Duration.ofSeconds(2))
                        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .build();
    }

    private static Analytics over(AnalyticsStore store, RedisAnalyticsCache cache) {
        return Analytics.builder()
                .store(store)
                .cache(cache)
                .zone(ZONE)
                .clock(Clock.fixed(T0.plus(Duration.ofDays(1)), ZONE))
                .build();
    }

    @Test
    void afterErasureNoInstanceServesTheCustomersCachedReads() {
        try (Jedis admin = server.admin()) {
            admin.flushAll();
        }
        AnalyticsStore store = new InMemoryAnalyticsStore();
        try (Analytics erasing = over(store, cache());
                Analytics other = over(store, cache());
                Analytics uncached = Analytics.builder()
                        .store(store)
                        .zone(ZONE)
                        .clock(Clock.fixed(T0.plus(Duration.ofDays(1)), ZONE))
                        .build()) {
            Order o1 = order("o-1", "c-1", T0, line("pizza", "mains", 3, "12.50"));
            Order o2 = order("o-2", "c-2", T0, line("cola", "drinks", 1, "2"));
            erasing.recordAll(List.of(OrderEvent.delivered(o1, T0), OrderEvent.delivered(o2, T0)));
            for (Analytics a : List.of(erasing, other, erasing, other)) { // loads, then answered by the caches
                assertThat(a.queries().customer("c-1")).isPresent();
                assertThat(a.queries().topCustomers(5))
                        .extracting(CustomerSummary::customerId)
                        .contains("c-1");
            }

            erasing.forgetCustomer("c-1");

            for (Analytics a : List.of(erasing, other)) {
                assertThat(a.queries().customer("c-1")).isEmpty();
                List<CustomerSummary> top = a.queries().topCustomers(5);
                assertThat(top).extracting(CustomerSummary::customerId).doesNotContain("c-1");
                assertThat(top).isEqualTo(uncached.queries().topCustomers(5));
                assertThat(a.queries().product("pizza"))
                        .isEqualTo(uncached.queries().product("pizza"));
            }
        }
    }
}
