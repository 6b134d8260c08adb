package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.analytics.spi.Scan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Aggregates that share a collection: a day's funnel row is a sub-document of the day's document, and a customer's
 * days are documents of kind {@code "day"} among the customer's categories. Each aggregate reads back exactly its
 * own rows, whatever the other one holds, and a row removed from a shared document leaves the other row as it was.
 */
class SharedCollectionsTest {
    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final LocalDate REFUND_DAY = LocalDate.of(2026, 3, 12);

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private MongoDatabase db;
    private MongoAnalyticsStore store;
    private Analytics analytics;

    @BeforeEach
    void openStore() {
        db = mongo.freshDatabase();
        store = MongoAnalyticsStore.create(db);
        analytics = analyticsOver(store).build();
    }

    @Test
    void everyAggregateReadsBackExactlyWhatTheInMemoryStoreHoldsForTheSameEvents() {
        InMemoryAnalyticsStore reference = new InMemoryAnalyticsStore();
        Analytics inMemory = analyticsOver(reference).build();
        for (List<OrderEvent> batch : EventStream.batches(EventStream.events(7, 120), 7, 9)) {
            analytics.recordAll(batch);
            inMemory.recordAll(batch);
        }

        assertThat(store.snapshot()).isEqualTo(reference.snapshot());
        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(db.listCollectionNames().into(new ArrayList<>()))
                .doesNotContain("analytics_order_funnel", "analytics_customer_days");
    }

    @Test
    void aDaysFunnelIsASubDocumentOfTheDaysDocumentThatADayReadDoesNotReturn() {
        analytics.recordAll(List.of(OrderEvent.delivered(order("o-1", "c-1", "tea", 2), AT.plusSeconds(600))));

        Document day = raw("analytics_days", DAY.toString());
        assertThat(day.get("orders", Number.class).longValue()).isEqualTo(1);
        assertThat(day.get("funnel", Document.class).get("reached", Document.class))
                .containsEntry("PLACED", 1L)
                .containsEntry("DELIVERED", 1L);
        assertThat(day.getList("applied", String.class)).hasSize(1);

        DayCounters dayRow = store.get(Aggregate.DAYS, DAY.toString()).orElseThrow();
        FunnelCounters funnelRow =
                store.get(Aggregate.ORDER_FUNNEL, DAY.toString()).orElseThrow();
        assertThat(dayRow.orders()).isEqualTo(1);
        assertThat(funnelRow.reached().asMap()).containsKeys(OrderStatus.PLACED, OrderStatus.DELIVERED);
        assertThat(scan(Aggregate.ORDER_FUNNEL, Scan.dates(DAY.minusDays(3), DAY.plusDays(3))))
                .containsExactly(funnelRow);
        assertThat(scan(Aggregate.DAYS, Scan.dates(DAY.minusDays(3), DAY.plusDays(3))))
                .containsExactly(dayRow);
    }

    @Test
    void aCustomersDaysAreDocumentsOfKindDayAmongTheCustomerCategoriesThatNoCategoryReadSees() {
        analytics.recordAll(List.of(
                OrderEvent.delivered(order("o-1", "c-1", "tea", 2), AT.plusSeconds(600)),
                OrderEvent.delivered(order("o-2", "c-12", "tea", 1), AT.plusSeconds(600))));
        String dayKey = Aggregate.customerItemKey("c-1", DAY.toString());

        Document stored = raw("analytics_customer_categories", "day|" + dayKey);
        assertThat(stored.getString("kind")).isEqualTo("day");
        assertThat(stored.getString("customerId")).isEqualTo("c-1");
        assertThat(stored.getString("date")).isEqualTo(DAY.toString());
        assertThat(db.getCollection("analytics_customer_categories").countDocuments())
                .isEqualTo(4);

        assertThat(scan(Aggregate.CUSTOMER_CATEGORIES, Scan.all()))
                .extracting(CustomerCategoryCounters::customerId)
                .containsExactlyInAnyOrder("c-1", "c-12");
        assertThat(scan(Aggregate.CUSTOMER_DAYS, Scan.all()))
                .extracting(CustomerDayCounters::customerId)
                .containsExactlyInAnyOrder("c-1", "c-12");
        assertThat(scan(Aggregate.CUSTOMER_DAYS, Scan.partition("c-1")))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.date()).isEqualTo(DAY);
                    assertThat(d.orders()).isEqualTo(1);
                    assertThat(d.netRevenue()).isEqualTo(2 * 25_000L);
                });
        assertThat(store.read(Aggregate.CUSTOMER_DAYS, List.of(dayKey, "nope"))).containsOnlyKeys(dayKey);
        assertThat(store.read(Aggregate.CUSTOMER_CATEGORIES, List.of(dayKey, "day|" + dayKey)))
                .isEmpty();
        assertThat(store.get(Aggregate.CUSTOMER_DAYS, Aggregate.customerItemKey("c-1", "drinks")))
                .isEmpty();
    }

    @Test
    void aCustomerDocumentWithoutRowKeysIsReadByCustomerIdAndStillSeesNoDayDocuments() {
        analytics.recordAll(List.of(OrderEvent.delivered(order("o-1", "c-1", "tea", 2), AT.plusSeconds(600))));
        // a customer document as a store that did not list the row keys wrote it
        db.getCollection("analytics_customers")
                .updateOne(
                        Filters.eq("_id", "c-1"),
                        Updates.combine(Updates.unset("rowsKept"), Updates.unset("categoryRows")));

        assertThat(scan(Aggregate.CUSTOMER_CATEGORIES, Scan.partition("c-1")))
                .singleElement()
                .satisfies(c -> assertThat(c.category()).isEqualTo("drinks"));
        assertThat(analytics.queries().customer("c-1").orElseThrow().favouriteCategories())
                .hasSize(1);
    }

    @Test
    void aDocumentHoldingOnlyOneOfTheTwoRowsReadsAsAbsentForTheOther() {
        analytics.recordAll(List.of(OrderEvent.delivered(order("o-1", "c-1", "tea", 2), AT.plusSeconds(600))));
        analytics.recordAll(List.of(OrderEvent.refunded(Refund.full("r-1", "o-1", AT.plus(Duration.ofDays(2))))));
        Delta recorded = store.snapshot();
        // the refund day has a day row (the refund) and no funnel row: the funnel is by order day
        assertThat(recorded.days()).containsKeys(DAY, REFUND_DAY);
        assertThat(recorded.funnelDays()).containsOnlyKeys(DAY);

        // keep the order day's funnel but not its day row, and the refund day's day row
        Delta partial = new Delta();
        partial.add(recorded.funnelDays().get(DAY));
        partial.add(recorded.days().get(REFUND_DAY));
        store.replaceAggregates(partial);

        List<String> both = List.of(DAY.toString(), REFUND_DAY.toString());
        assertThat(store.read(Aggregate.DAYS, both)).containsOnlyKeys(REFUND_DAY.toString());
        assertThat(store.read(Aggregate.ORDER_FUNNEL, both)).containsOnlyKeys(DAY.toString());
        assertThat(store.get(Aggregate.DAYS, DAY.toString())).isEmpty();
        assertThat(store.get(Aggregate.ORDER_FUNNEL, REFUND_DAY.toString())).isEmpty();
        assertThat(scan(Aggregate.DAYS, Scan.all()))
                .extracting(DayCounters::date)
                .containsExactly(REFUND_DAY);
        assertThat(scan(Aggregate.ORDER_FUNNEL, Scan.all()))
                .extracting(FunnelCounters::date)
                .containsExactly(DAY);
        assertThat(store.snapshot()).isEqualTo(partial);
    }

    @Test
    void deletingADaysRowKeepsItsFunnelAndDeletingTheFunnelKeepsTheDay() {
        analytics.recordAll(List.of(
                OrderEvent.delivered(order("o-1", "c-1", "tea", 2), AT.plusSeconds(600)),
                OrderEvent.placed(order("o-2", "c-2", "tea", 1))));
        analytics.recordAll(List.of(
                OrderEvent.refunded(Refund.full("r-1", "o-1", AT.plusSeconds(1200))),
                OrderEvent.canceled("o-2", AT.plusSeconds(1800))));
        String key = DAY.toString();
        DayCounters dayRow = store.get(Aggregate.DAYS, key).orElseThrow();
        FunnelCounters funnelRow = store.get(Aggregate.ORDER_FUNNEL, key).orElseThrow();
        assertThat(dayRow.orders()).isEqualTo(1);
        assertThat(dayRow.refunds()).isEqualTo(1);
        assertThat(dayRow.statuses().asMap()).isNotEmpty();

        store.deleteRows(Aggregate.DAYS, List.of(key));

        assertThat(store.get(Aggregate.DAYS, key)).isEmpty();
        assertThat(store.get(Aggregate.ORDER_FUNNEL, key)).contains(funnelRow);
        // every field of the day row went (the fields a removal unsets are complete)
        assertThat(raw("analytics_days", key).keySet()).containsExactlyInAnyOrder("_id", "gv", "applied", "funnel");

        analytics.recordAll(List.of(OrderEvent.delivered(order("o-3", "c-3", "tea", 1), AT.plusSeconds(2400))));
        assertThat(store.get(Aggregate.DAYS, key).orElseThrow().orders()).isEqualTo(1);
        store.deleteRows(Aggregate.ORDER_FUNNEL, List.of(key));
        assertThat(store.get(Aggregate.ORDER_FUNNEL, key)).isEmpty();
        assertThat(store.get(Aggregate.DAYS, key).orElseThrow().orders()).isEqualTo(1);

        store.deleteRows(Aggregate.CUSTOMER_DAYS, List.of(Aggregate.customerItemKey("c-1", key)));
        assertThat(scan(Aggregate.CUSTOMER_DAYS, Scan.partition("c-1"))).isEmpty();
        assertThat(scan(Aggregate.CUSTOMER_CATEGORIES, Scan.partition("c-1"))).hasSize(1);
    }

    @Test
    void baselineRowsThatEarlierVersionsWroteUnderTheOldCollectionNamesAreStillReadAndErased() {
        String customerDay = Aggregate.customerItemKey("c-1", DAY.toString());
        // one row per baseline document, named after the collection the rows had: as earlier versions wrote them
        db.getCollection("analytics_baseline")
                .insertMany(List.of(
                        new Document("_id", "order_funnel|" + DAY)
                                .append("reached", new Document("PLACED", 2L).append("DELIVERED", 1L))
                                .append("gv", 7L)
                                .append("applied", List.of("b-1")),
                        new Document("_id", "customer_days|" + customerDay)
                                .append("customerId", "c-1")
                                .append("date", DAY.toString())
                                .append("placed", 2L)
                                .append("orders", 1L)
                                .append("netRevenue", 50_000L)
                                .append("gv", 8L)
                                .append("applied", List.of("b-1"))));

        Delta baseline = store.baseline();

        assertThat(baseline.funnelDays().get(DAY).reached().asMap())
                .containsEntry(OrderStatus.PLACED, 2L)
                .containsEntry(OrderStatus.DELIVERED, 1L);
        assertThat(baseline.customerDays().values()).containsExactly(new CustomerDayCounters("c-1", DAY, 2, 1, 50_000));
        store.deleteRows(Aggregate.CUSTOMER_DAYS, List.of(customerDay));
        assertThat(store.baseline().customerDays()).isEmpty();
        assertThat(store.baseline().funnelDays()).containsOnlyKeys(DAY);
    }

    private <T extends Counters> List<T> scan(Aggregate<T> aggregate, Scan scan) {
        List<T> out = new ArrayList<>();
        store.scan(aggregate, scan, out::add);
        return out;
    }

    private Document raw(String collection, String id) {
        return db.getCollection(collection).find(Filters.eq("_id", id)).first();
    }

    private static Order order(String id, String customerId, String productId, int quantity) {
        return new Order(
                id,
                Customer.of(customerId),
                AT,
                List.of(LineItem.of(productId, null, "drinks", quantity, "2.50")),
                "DE");
    }
}
