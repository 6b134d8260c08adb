package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.ErasureReport;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.testing.MutableClock;
import io.orderlens.analytics.testing.Orders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Erasure under faults: a write that reached the server but whose reply was lost, at each write of an erasure (of a
 * customer with compacted and live orders), then {@code recover()} and a new call: the customer is gone, the counts
 * are on one pseudonym, and nothing else moved.
 */
class ErasureFaultTest {
    private static final Instant RECORDED = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant HORIZON = Instant.parse("2026-04-10T00:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private FaultyCollections faulty;

    @Test
    void aFaultAtEachWriteOfAnErasureThenACallAgainErasesExactlyOnce() {
        List<OrderEvent> events = EventStream.events(41, 40);
        String customer = busiestCustomer(events);
        Set<String> faultedSteps = new TreeSet<>();
        for (int step = 1; step <= 36; step++) {
            MongoDatabase db = mongo.freshDatabase();
            MongoAnalyticsStore store = MongoAnalyticsStore.builder(db)
                    .collections(c -> faulty = new FaultyCollections(c))
                    .build();
            MutableClock clock = new MutableClock(RECORDED);
            Analytics analytics = MongoFixture.analyticsOver(store)
                    .clock(clock)
                    .storeAttempts(1)
                    .build();
            analytics.recordAll(events);
            clock.set(LATER);
            analytics.compact(HORIZON);
            analytics.record(OrderEvent.delivered(
                    Orders.order("late-" + step, customer, LATER, Orders.line("p-1", "cat-1", 2, "3.5")), LATER));
            assertThat(store.baseline().customers()).containsKey(customer);
            Delta before = store.snapshot().withoutZeros();
            CustomerCounters profile = store.get(Aggregate.CUSTOMERS, customer).orElseThrow();

            faulty.failAfterWrite(step);
            try {
                analytics.forgetCustomer(customer);
            } catch (StoreException e) {
                assertThat(FaultyCollections.injected(e))
                        .as("only injected faults: %s", e)
                        .isTrue();
            }
            faultedSteps.addAll(faulty.faultsByStep().keySet());
            faulty.stopFailing();
            analytics.recover();
            ErasureReport again = analytics.forgetCustomer(customer);
            ErasureReport third = analytics.forgetCustomer(customer);

            assertThat(third.nothingToErase()).as("step %d", step).isTrue();
            assertThat(again.reference().isEmpty() || again.rows() >= 0).isTrue();
            Delta after = store.snapshot().withoutZeros();
            assertThat(after.products()).isEqualTo(before.products());
            assertThat(after.days()).isEqualTo(before.days());
            assertThat(after.dayCountries()).isEqualTo(before.dayCountries());
            assertThat(after.categories()).isEqualTo(before.categories());
            assertThat(after.customers()).doesNotContainKey(customer);
            List<CustomerCounters> pseudonyms = new ArrayList<>();
            after.customers().values().stream()
                    .filter(c -> c.customerId().startsWith("erased-"))
                    .forEach(pseudonyms::add);
            assertThat(pseudonyms).as("step %d", step).hasSize(1);
            assertThat(pseudonyms.get(0).spent()).isEqualTo(profile.spent());
            assertThat(pseudonyms.get(0).orders()).isEqualTo(profile.orders());
            assertThat(analytics.verify().drifts()).as("step %d", step).isEmpty();
            List<String> traces = new ArrayList<>();
            store.forEachLedgerEntry(e -> {
                if (e.toString().contains("customerId=" + customer + ",")) {
                    traces.add(e.key());
                }
            });
            assertThat(traces).as("step %d", step).isEmpty();
            analytics.recover();
            assertThat(db.getCollection("analytics_batches").countDocuments(Filters.eq("state", "pending")))
                    .isZero();
            analytics.close();
        }
        assertThat(faultedSteps).contains("1 record batch", "2 ledger", "3 baseline", "delete baseline");
    }

    /** The customer with the most orders in {@code events}. */
    private static String busiestCustomer(List<OrderEvent> events) {
        java.util.Map<String, Integer> orders = new java.util.HashMap<>();
        for (OrderEvent e : events) {
            if (e.order() != null) {
                orders.merge(e.order().customerId(), 1, Integer::sum);
            }
        }
        return orders.entrySet().stream()
                .max(java.util.Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }
}
