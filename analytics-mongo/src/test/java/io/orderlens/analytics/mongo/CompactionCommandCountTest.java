package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.CompactionReport;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.testing.CommandCounter;
import io.orderlens.analytics.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Round trips per compacted batch do not grow with the number of entries in it. */
class CompactionCommandCountTest {
    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant HORIZON = Instant.parse("2026-06-01T00:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    /** The commands of one compaction run over {@code orders} delivered orders, in a fresh database. */
    private static List<String> commandsToCompact(int orders) {
        CommandCounter counter = new CommandCounter();
        MongoDatabase database = mongo.freshDatabase(counter);
        MutableClock clock = new MutableClock(AT);
        try (Analytics analytics = MongoFixture.analyticsOver(MongoAnalyticsStore.create(database))
                .clock(clock)
                .compactionBatch(500)
                .build()) {
            analytics.recordAll(deliveredOrders(orders));
            clock.set(LATER);
            counter.watch(database.getName());
            CompactionReport report = analytics.compact(HORIZON);
            assertThat(report.compacted()).isEqualTo(orders);
            assertThat(report.batches()).isEqualTo(1);
            List<String> commands = counter.commands();
            assertThat(analytics.verify().isClean()).isTrue();
            return commands;
        }
    }

    @Test
    void compactingOneEntryAndFiveHundredEntriesTakesTheSameCommands() {
        List<String> forOne = commandsToCompact(1);
        List<String> forFiveHundred = commandsToCompact(500);

        // raising the horizon: its entry read, the batch record (carrying the last order batch's done mark), the
        // ledger write; the scan of the ledger, which also reads the entries; then per compacted batch: the batch
        // record, the entries moved to their compacted state, one write of the baseline, one delete
        assertThat(forOne)
                .containsExactly(
                        "find analytics_ledger",
                        "update analytics_batches",
                        "update analytics_ledger",
                        "find analytics_ledger",
                        "update analytics_batches",
                        "update analytics_ledger",
                        "update analytics_baseline",
                        "delete analytics_ledger");
        assertThat(forFiveHundred).isEqualTo(forOne);
    }

    private static List<OrderEvent> deliveredOrders(int n) {
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Order o = new Order(
                    "o-" + i,
                    Customer.of("c-" + (i % 50)),
                    AT,
                    List.of(LineItem.of("p-" + (i % 20), "Product " + (i % 20), "cat-" + (i % 4), 1 + i % 3, "9.99")),
                    "DE");
            events.add(OrderEvent.delivered(o, AT));
        }
        return events;
    }
}
