package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.testing.CommandCounter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Round trips per batch do not grow with the number of orders in it. */
class BulkWriteCommandCountTest {
    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");
    private static final LocalDate DAY = AT.atZone(ZoneId.of("Europe/Berlin")).toLocalDate();

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private final CommandCounter counter = new CommandCounter();
    private MongoDatabase database;
    private Analytics analytics;

    @BeforeEach
    void openStore() {
        database = mongo.freshDatabase(counter);
        analytics = Analytics.builder()
                .store(MongoAnalyticsStore.create(database))
                .zone(ZoneId.of("Europe/Berlin"))
                .clock(Clock.fixed(AT, ZoneOffset.UTC))
                .build();
        counter.watch(database.getName());
    }

    @Test
    void batchOfOneOrderAndBatchOfFiveHundredOrdersEachTakeTenCommands() {
        analytics.recordAll(deliveredOrders("single", 1));
        List<String> forOne = counter.commands();

        counter.reset();
        analytics.recordAll(deliveredOrders("many", 500));
        List<String> forFiveHundred = counter.commands();

        // ledger read, batch record (carrying the previous batch's done mark), ledger bulk write (every
        // compare-and-set took effect: no winners read), one bulk write per aggregate collection with no read
        // before it (the documents are new or were last written by this store); the funnel rows are written with
        // their days, the customer days with the customer categories
        assertThat(forOne)
                .containsExactly(
                        "find analytics_ledger",
                        "update analytics_batches",
                        "update analytics_ledger",
                        "update analytics_products",
                        "update analytics_customers",
                        "update analytics_customer_products",
                        "update analytics_customer_categories",
                        "update analytics_categories",
                        "update analytics_days",
                        "update analytics_day_countries");
        assertThat(forFiveHundred).isEqualTo(forOne).hasSizeLessThanOrEqualTo(10);
        assertThat(analytics.queries().dashboard(DAY, DAY).orders()).isEqualTo(501);
    }

    @Test
    void withoutTheGuardCacheEveryAggregateWriteIsPrecededByOneReadSeventeenCommands() {
        Analytics reading = analyticsOn(MongoStoreOptions.defaults().withGuardCacheEntries(0));
        reading.recordAll(deliveredOrders("single", 1));
        counter.reset();
        reading.recordAll(deliveredOrders("many", 500));

        List<String> commands = counter.commands();
        assertThat(commands).hasSize(17);
        assertThat(commands.stream().filter(c -> c.startsWith("find ")).count()).isEqualTo(8);
        assertThat(reading.queries().dashboard(DAY, DAY).orders()).isEqualTo(501);
    }

    @Test
    void aStoreThatHasNotSeenTheDocumentsPaysOneFailedGuessAndOneReadPerCollectionAndCountsOnce() {
        // created first, so its start-up recovery does not meet (and read) the other store's documents
        Analytics stranger = analyticsOn(MongoStoreOptions.defaults());
        analytics.recordAll(deliveredOrders("first", 100));
        counter.reset();

        // the same customers, products and day: every document exists, and the new store presumes them absent
        stranger.recordAll(deliveredOrders("second", 100));

        List<String> commands = counter.commands();
        assertThat(commands).hasSize(3 + 7 * 3);
        assertThat(commands.stream()
                        .filter(c -> c.startsWith("find analytics_products"))
                        .count())
                .isEqualTo(1);
        assertThat(stranger.queries().dashboard(DAY, DAY).orders()).isEqualTo(200);
        assertThat(stranger.verify().isClean()).isTrue();

        // having read them once, it writes them again without a read
        counter.reset();
        stranger.recordAll(deliveredOrders("third", 100));
        assertThat(counter.commands()).hasSize(10);
    }

    @Test
    void aListenersThresholdChecksAddTwoReadsPerBatchWhateverItsSize() {
        Analytics listened = Analytics.builder()
                .store(MongoAnalyticsStore.create(database))
                .zone(ZoneId.of("Europe/Berlin"))
                .clock(Clock.fixed(AT, ZoneOffset.UTC))
                .listener(new AnalyticsListener() {})
                .build();
        counter.reset();
        listened.recordAll(deliveredOrders("single", 1));
        List<String> forOne = counter.commands();
        counter.reset();

        listened.recordAll(deliveredOrders("many", 500)); // 20 products and 50 customers move

        List<String> forFiveHundred = counter.commands();
        assertThat(forFiveHundred)
                .hasSize(12)
                .isEqualTo(forOne)
                .endsWith("find analytics_products", "find analytics_customers");
    }

    @Test
    void aPlacedOrderOnlyMovesItsDaysStatusCountsItsFunnelRowAndItsCustomersDay() {
        // an order that is placed but not delivered moves the day's status counts and its funnel row (one
        // document) and the customer's placed count (a document among the customer's categories)
        Order o = order("o-1", 0);
        analytics.recordAll(List.of(OrderEvent.placed(o)));
        assertThat(counter.commands())
                .containsExactly(
                        "find analytics_ledger",
                        "update analytics_batches",
                        "update analytics_ledger",
                        "update analytics_customer_categories",
                        "update analytics_days");
    }

    private Analytics analyticsOn(MongoStoreOptions options) {
        return Analytics.builder()
                .store(MongoAnalyticsStore.builder(database).options(options).build())
                .zone(ZoneId.of("Europe/Berlin"))
                .clock(Clock.fixed(AT, ZoneOffset.UTC))
                .build();
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
