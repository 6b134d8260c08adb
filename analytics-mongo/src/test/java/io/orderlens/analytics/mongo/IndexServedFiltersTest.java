package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every filter a batch sends is one the in-process server answers from a unique index: {@code _id} equal to a value
 * or {@code $in} a list, or plain equalities on exactly {@code {_id, v}} (ledger) or {@code {_id, gv}} (aggregates).
 */
class IndexServedFiltersTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private static final Set<String> FILTERING = Set.of("find", "update", "delete");

    private final SentStatements sent = new SentStatements();

    @Test
    void newExistingReplayedAndRefundedOrdersOnlySendIndexServedFilters() {
        MongoDatabase db = mongo.freshDatabase(sent);
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        Analytics analytics = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(Clock.fixed(AT, ZoneOffset.UTC))
                .build();
        sent.watch(db.getName());

        List<OrderEvent> first = new ArrayList<>();
        List<OrderEvent> second = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Order o = order(i);
            first.add(OrderEvent.placed(o));
            second.add(OrderEvent.delivered(o.orderId(), AT.plusSeconds(100 + i)));
        }
        analytics.recordAll(first);
        analytics.recordAll(second); // existing ledger entries and aggregate documents
        analytics.recordAll(second); // the same events again: duplicates
        analytics.recordAll(List.of(
                OrderEvent.refunded(Refund.ofAmount("r-1", "o-3", AT.plusSeconds(500), new BigDecimal("1.00")))));

        assertThat(filters()).hasSizeGreaterThan(20);
        assertThat(filters())
                .allSatisfy(f -> assertThat(indexServed(f.collection(), f.filter()))
                        .as(
                                "%s on %s: %s",
                                f.command(), f.collection(), f.filter().toJson())
                        .isTrue());
        assertThat(filters()).anySatisfy(f -> assertThat(f.filter().keySet()).containsExactly("_id", "gv"));
        assertThat(filters()).anySatisfy(f -> assertThat(f.filter().keySet()).containsExactly("_id", "v"));
        assertThat(store.get(Aggregate.PRODUCTS, "p-3").orElseThrow().orders()).isEqualTo(6);
    }

    @Test
    void aCompactionOnlySendsIndexServedFilters() {
        MongoDatabase db = mongo.freshDatabase(sent);
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        MutableClock clock = new MutableClock(AT.plus(Duration.ofHours(1)));
        Analytics analytics = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(clock)
                .compactionBatch(7)
                .build();
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Order o = order(i);
            events.add(OrderEvent.placed(o));
            events.add(OrderEvent.delivered(o.orderId(), AT.plusSeconds(100 + i)));
        }
        analytics.recordAll(events);
        clock.set(AT.plus(Duration.ofDays(30)));
        sent.watch(db.getName());

        assertThat(analytics.compact(AT.plus(Duration.ofDays(1))).compacted()).isEqualTo(20);

        List<Filter> ledgerWrites = filters().stream()
                .filter(f -> !f.command().equals("find") && f.collection().endsWith("_ledger"))
                .toList();
        assertThat(ledgerWrites).hasSizeGreaterThanOrEqualTo(40);
        // the compaction's scan of the ledger reads it whole, once; every other filter is index-served
        List<Filter> scans = filters().stream()
                .filter(f -> f.command().equals("find") && f.filter().isEmpty())
                .toList();
        assertThat(scans).hasSize(1);
        assertThat(filters().stream().filter(f -> !scans.contains(f)).toList())
                .allSatisfy(f -> assertThat(indexServed(f.collection(), f.filter()))
                        .as(
                                "%s on %s: %s",
                                f.command(), f.collection(), f.filter().toJson())
                        .isTrue());
        analytics.close();
    }

    /** The {@code i}-th order: four customers, five products, two categories. */
    private static Order order(int i) {
        return new Order(
                "o-" + i,
                Customer.of("c-" + i % 4),
                AT.plusSeconds(i),
                List.of(LineItem.of("p-" + i % 5, null, "cat-" + i % 2, 1 + i % 3, "3.20")),
                "DE");
    }

    private static boolean indexServed(String collection, BsonDocument filter) {
        Set<String> keys = filter.keySet();
        if (keys.equals(Set.of("_id"))) {
            BsonValue id = filter.get("_id");
            return !id.isDocument() || id.asDocument().keySet().equals(Set.of("$in"));
        }
        String version = collection.endsWith("_ledger") ? "v" : "gv";
        return keys.equals(Set.of("_id", version))
                && !filter.get("_id").isDocument()
                && !filter.get(version).isDocument();
    }

    private record Filter(String command, String collection, BsonDocument filter) {}

    /** The filters of the find, update and delete statements sent so far. */
    private List<Filter> filters() {
        return sent.seen().stream()
                .filter(s -> FILTERING.contains(s.command()))
                .map(s -> new Filter(s.command(), s.collection(), s.filter()))
                .toList();
    }
}
