package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Round trips per batch do not grow with the number of orders in it. */
class BulkWriteCommandCountTest {
    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");
    private static InProcessMongo mongo;

    private final CommandCounter counter = new CommandCounter();
    private Analytics analytics;

    @BeforeAll
    static void startServer() {
        mongo = InProcessMongo.memory();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void openStore() {
        String name = InProcessMongo.freshDatabaseName();
        MongoDatabase db = mongo.client(counter).getDatabase(name);
        analytics = Analytics.builder()
                .store(MongoAnalyticsStore.create(db))
                .zone(ZoneId.of("Europe/Berlin"))
                .clock(Clock.fixed(AT, ZoneOffset.UTC))
                .build();
        counter.watch(name);
    }

    @Test
    void batchOfOneOrderAndBatchOfFiveHundredOrdersEachTakeEighteenCommands() {
        analytics.recordAll(deliveredOrders("single", 1));
        List<String> forOne = counter.commands();

        counter.reset();
        analytics.recordAll(deliveredOrders("many", 500));
        List<String> forFiveHundred = counter.commands();

        // ledger read, batch record, ledger bulk write (every compare-and-set took effect: no winners read),
        // 7 × (guard read + aggregate bulk write), batch done
        assertThat(forOne).hasSize(18);
        assertThat(forFiveHundred).isEqualTo(forOne);
        assertThat(forFiveHundred.stream().filter(c -> c.startsWith("update ")).count()).isEqualTo(9);
        assertThat(forFiveHundred.stream().filter(c -> c.startsWith("find ")).count()).isEqualTo(8);
        assertThat(analytics.queries().dashboard(AT.atZone(ZoneId.of("Europe/Berlin")).toLocalDate(),
                AT.atZone(ZoneId.of("Europe/Berlin")).toLocalDate()).orders()).isEqualTo(501);
    }

    @Test
    void aBatchTouchingOnlyTheLedgerWritesNoAggregates() {
        // an order that is placed but not delivered only moves the day's status counts
        Order o = order("o-1", 0);
        analytics.recordAll(List.of(OrderEvent.placed(o)));
        assertThat(counter.commands()).containsExactly(
                "find analytics_ledger",
                "insert analytics_batches",
                "update analytics_ledger",
                "find analytics_days",
                "update analytics_days",
                "update analytics_batches");
    }

    private static List<OrderEvent> deliveredOrders(String prefix, int n) {
        List<OrderEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(OrderEvent.delivered(order(prefix + "-" + i, i), AT.plusSeconds(i)));
        }
        return events;
    }

    private static Order order(String id, int i) {
        LineItem line = LineItem.of("p-" + (i % 20), null, "cat-" + (i % 4), 1 + i % 3, "2.50");
        return new Order(id, Customer.of("c-" + (i % 50)), AT.plusSeconds(i), List.of(line), "DE");
    }
}
