package io.orderlens.analytics.redis;

import static io.orderlens.analytics.testing.Orders.placed;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.segment.CustomerField;
import io.orderlens.analytics.segment.MemberOrder;
import io.orderlens.analytics.segment.Operator;
import io.orderlens.analytics.segment.Rule;
import io.orderlens.analytics.segment.Segments;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.Scan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Segment answers depend on every customer, so they are cached under the global scope: served from Redis while
 * nothing is written, and never stale after a write by this or another instance. Against a real redis-server.
 */
class CachedSegmentsTest {
    private static final Instant T0 = Instant.parse("2024-03-10T09:15:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final LocalDate AS_OF = LocalDate.of(2024, 3, 31);
    private static final Rule RULE = Rule.and(
            Rule.where(CustomerField.ORDERS, Operator.GE, 2), Rule.where(CustomerField.PRODUCT, Operator.EQ, "p-1"));

    @TempDir
    static Path dir;

    private static RedisTestServer server;
    private final ScanCountingStore store = new ScanCountingStore();
    private final List<Analytics> instances = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @BeforeEach
    void flush() {
        try (Jedis admin = server.admin()) {
            admin.flushAll();
        }
    }

    @AfterEach
    void close() {
        instances.forEach(Analytics::close);
    }

    /** Counts scans of the customer rows: each segment load starts with one. */
    static final class ScanCountingStore extends ForwardingAnalyticsStore {
        final AtomicInteger customerScans = new AtomicInteger();

        ScanCountingStore() {
            super(new InMemoryAnalyticsStore());
        }

        @Override
        public <T extends Counters> void scan(Aggregate<T> aggregate, Scan scan, Consumer<? super T> visitor) {
            if (aggregate == Aggregate.CUSTOMERS) {
                customerScans.incrementAndGet();
            }
            super.scan(aggregate, scan, visitor);
        }
    }

    private Analytics instance(boolean cached) {
        Analytics.Builder b = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(Clock.fixed(T0.plus(Duration.ofDays(30)), ZONE))
                .countingPolicy(CountingPolicy.AT_PLACED);
        if (cached) {
            b.cache(RedisAnalyticsCache.builder()
                    .uri(server.uri())
                    .options(RedisCacheOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))
                    .build());
        }
        Analytics a = b.build();
        instances.add(a);
        return a;
    }

    private static void history(Analytics analytics) {
        analytics.recordAll(List.of(
                placed("o-1", "c-1", "p-1", 3, "0.001", T0),
                placed("o-2", "c-1", "p-2", 1, "12.50", T0.plusSeconds(3600)),
                placed("o-3", "c-2", "p-1", 7, "4.10", T0.plusSeconds(7200)),
                placed("o-4", "c-3", "p-3", 2, "1999.99", T0.plus(Duration.ofDays(1))),
                placed("o-5", "c-2", "p-3", 1, "1999.99", T0.plus(Duration.ofDays(2))),
                placed("o-6", "c-4", "p-1", 1, "3.00", T0.plus(Duration.ofDays(3)))));
    }

    /** Every segment answer, in one list, for comparing instances. */
    private static List<Object> everything(Segments s) {
        return List.of(
                s.rfm(AS_OF),
                s.rfm("c-2", AS_OF),
                s.rfmScores(AS_OF, 0, 10),
                s.count(RULE, AS_OF),
                s.members(RULE, AS_OF, MemberOrder.SPEND, 0, 10),
                s.isMember("c-1", RULE, AS_OF),
                s.statistics(RULE, AS_OF),
                s.dryRun(RULE, AS_OF, 2));
    }

    @Test
    void cachedAnswersEqualTheStoresAndARepeatReadsNoCustomerRow() {
        Analytics cached = instance(true);
        Analytics direct = instance(false);
        history(cached);
        List<Object> expected = everything(direct.segments());
        assertThat(everything(cached.segments())).isEqualTo(expected);
        int scans = store.customerScans.get();
        assertThat(everything(cached.segments())).isEqualTo(expected);
        assertThat(store.customerScans).as("the repeat was served by the cache").hasValue(scans);
        assertThat(cached.metrics().cache().orElseThrow().hits()
                        + cached.metrics().cache().orElseThrow().nearHits())
                .isGreaterThanOrEqualTo(expected.size());
    }

    @Test
    void aWriteByAnotherInstanceIsSeenByTheNextSegmentRead() {
        Analytics reader = instance(true);
        Analytics writer = instance(true);
        history(writer);
        Segments s = reader.segments();
        assertThat(s.count(RULE, AS_OF).customers()).isEqualTo(2);
        assertThat(s.isMember("c-4", RULE, AS_OF)).isFalse();
        assertThat(s.count(RULE, AS_OF).customers()).isEqualTo(2);

        writer.record(placed("o-7", "c-4", "p-1", 1, "1.00", T0.plus(Duration.ofDays(4))));

        assertThat(s.count(RULE, AS_OF).customers()).isEqualTo(3);
        assertThat(s.isMember("c-4", RULE, AS_OF)).isTrue();
        assertThat(s.rfm("c-4", AS_OF).orElseThrow().orders()).isEqualTo(2);

        writer.record(OrderEvent.canceled("o-7", T0.plus(Duration.ofDays(5))));

        assertThat(s.count(RULE, AS_OF).customers()).isEqualTo(2);
        assertThat(s.isMember("c-4", RULE, AS_OF)).isFalse();
        assertThat(s.statistics(RULE, AS_OF).orders()).isEqualTo(4);
    }
}
