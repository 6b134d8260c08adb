package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.testing.CommandCounter;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.Scan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer document lists the keys of the customer's per-product and per-category rows, maintained by the same
 * batch writes; a customer's rows are read by those keys, and documents written without them stay readable.
 */
class CustomerRowKeysTest {
    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private final CommandCounter counter = new CommandCounter();

    @Test
    void theCustomerDocumentListsTheKeyOfEveryRowOfTheCustomerAndKeepsThemWhenAnOrderIsCanceled() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        Analytics analytics = MongoFixture.analyticsOver(store).build();
        analytics.recordAll(List.of(
                OrderEvent.delivered(order("o-1", "p-1", "p-2"), AT.plusSeconds(60)),
                OrderEvent.delivered(order("o-2", "p-3"), AT.plusSeconds(60))));
        analytics.record(OrderEvent.canceled("o-2", AT.plusSeconds(120)));

        Document customer = customers(db).find(Filters.eq("_id", "c-1")).first();
        assertThat(customer.getList("productRows", String.class))
                .containsExactlyInAnyOrder(
                        Aggregate.customerItemKey("c-1", "p-1"),
                        Aggregate.customerItemKey("c-1", "p-2"),
                        Aggregate.customerItemKey("c-1", "p-3"));
        assertThat(customer.getList("categoryRows", String.class))
                .containsExactlyInAnyOrder(
                        Aggregate.customerItemKey("c-1", "cat-p-1"),
                        Aggregate.customerItemKey("c-1", "cat-p-2"),
                        Aggregate.customerItemKey("c-1", "cat-p-3"));
        CustomerProfile profile = analytics.queries().customer("c-1").orElseThrow();
        assertThat(profile.topItems()).extracting(i -> i.productId()).containsExactlyInAnyOrder("p-1", "p-2");
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().orders()).isEqualTo(1);
    }

    @Test
    void aCustomerWithMoreRowsThanAChunkIsReadInOneFindByIdInPerChunk() {
        MongoDatabase db = mongo.freshDatabase(counter);
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(db)
                .options(MongoStoreOptions.defaults().withChunkSize(4))
                .build();
        Analytics analytics = MongoFixture.analyticsOver(store).build();
        String[] products = new String[10];
        for (int i = 0; i < products.length; i++) {
            products[i] = "p-" + i;
        }
        analytics.record(OrderEvent.delivered(order("o-1", products), AT.plusSeconds(60)));
        counter.watch(db.getName());

        List<CustomerProductCounters> rows = new ArrayList<>();
        store.scan(Aggregate.CUSTOMER_PRODUCTS, Scan.partition("c-1"), rows::add);

        assertThat(rows).extracting(CustomerProductCounters::productId).containsExactlyInAnyOrder(products);
        assertThat(counter.commands())
                .containsExactly(
                        "find analytics_customers",
                        "find analytics_customer_products",
                        "find analytics_customer_products",
                        "find analytics_customer_products");
    }

    @Test
    void customerDocumentsWrittenWithoutRowKeysAreReadByCustomerIdUntilARebuildAddsThem() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        Analytics analytics = MongoFixture.analyticsOver(store).build();
        analytics.record(OrderEvent.delivered(order("o-1", "p-1", "p-2"), AT.plusSeconds(60)));
        CustomerProfile before = analytics.queries().customer("c-1").orElseThrow();
        customers(db)
                .updateMany(
                        new Document(),
                        Updates.combine(
                                Updates.unset("productRows"),
                                Updates.unset("categoryRows"),
                                Updates.unset("rowsKept")));

        assertThat(analytics.queries().customer("c-1")).contains(before);

        analytics.rebuild();
        Document rebuilt = customers(db).find(Filters.eq("_id", "c-1")).first();
        assertThat(rebuilt.getList("productRows", String.class)).hasSize(2);
        assertThat(rebuilt.getBoolean("rowsKept")).isTrue();
        assertThat(analytics.queries().customer("c-1")).contains(before);
    }

    @Test
    void verifyFindsNoDriftInDocumentsCarryingRowKeys() {
        MongoDatabase db = mongo.freshDatabase();
        Analytics analytics =
                MongoFixture.analyticsOver(MongoAnalyticsStore.create(db)).build();
        analytics.record(OrderEvent.delivered(order("o-1", "p-1", "p-2"), AT.plusSeconds(60)));
        analytics.record(OrderEvent.canceled("o-1", AT.plusSeconds(120)));

        assertThat(customers(db).find().first()).containsKey("productRows");
        assertThat(analytics.verify().isClean()).isTrue();
    }

    private static MongoCollection<Document> customers(MongoDatabase db) {
        return db.getCollection("analytics_customers");
    }

    private static Order order(String orderId, String... products) {
        List<LineItem> lines = new ArrayList<>();
        for (String p : products) {
            lines.add(LineItem.of(p, null, "cat-" + p, 1, "1.25"));
        }
        return new Order(orderId, Customer.of("c-1"), AT, lines, "DE");
    }
}
