package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.Ranking;
import io.orderlens.analytics.spi.Scan;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The documents are plain and typed as documented, so a host can read them directly. */
class DocumentShapeTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    private static final Instant PLACED = Instant.parse("2026-02-01T20:00:00.000250Z"); // 01:30 next day in Kolkata

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private MongoDatabase db;
    private Analytics analytics;

    @BeforeEach
    void openStore() {
        db = mongo.freshDatabase();
        analytics = Analytics.builder()
                .store(MongoAnalyticsStore.builder(db).guardWindow(8).build())
                .zone(ZONE)
                .clock(Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC))
                .build();
    }

    @Test
    void moneyIsInt64UnitsInstantsAreDatesAndDaysAreKeysInTheBusinessZone() {
        record("o-1", "c-1", "p-1", 3, "0.001");

        BsonDocument product = raw("analytics_products", "p-1");
        assertThat(product.get("revenue").getBsonType()).isEqualTo(BsonType.INT64);
        assertThat(product.getInt64("revenue").getValue()).isEqualTo(30L); // 3 × 0.001 in units of 1/10,000
        assertThat(product.get("firstSoldAt").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(product.getInt64("firstSoldAtNanos").getValue()).isEqualTo(1_769_976_000_000_250_000L);
        assertThat(product).doesNotContainKey("hours");

        BsonDocument customer = raw("analytics_customers", "c-1");
        assertThat(customer.getString("firstOrderDay").getValue()).isEqualTo("2026-02-02");
        assertThat(customer.getDocument("hours").getInt64("h01").getValue()).isEqualTo(1L);

        assertThat(raw("analytics_days", "2026-02-02")
                        .getDocument("statuses")
                        .getInt64("DELIVERED")
                        .getValue())
                .isEqualTo(1L);
        Document stored = db.getCollection("analytics_ledger")
                .find(Filters.eq("_id", "o:o-1"))
                .first();
        assertThat(stored.keySet())
                .as("what filters and updates use at the top level, the content in one binary body")
                .containsExactly("_id", "v", "body", "batches");
        // the body is one BSON document, read with the driver's own codec
        Document ledger = new RawBsonDocument(stored.get("body", Binary.class).getData()).decode(new DocumentCodec());
        Document line = ledger.get("order", Document.class)
                .getList("lines", Document.class)
                .get(0);
        assertThat(line.get("unitPrice")).isEqualTo(new Decimal128(new BigDecimal("0.001")));
        assertThat(ledger.get("order", Document.class).get("placedAt")).isEqualTo(Date.from(PLACED));
        assertThat(ledger.getString("orderDay")).isEqualTo("2026-02-02");
    }

    @Test
    void dayCategoryRowsLiveInTheDayCountryCollectionUnderAKindAndAKindPrefixedId() {
        record("o-1", "c-1", "p-1", 3, "0.001");

        BsonDocument row = raw("analytics_day_countries", "dayCategory|2026-02-02|cat");
        assertThat(row.getString("kind").getValue()).isEqualTo("dayCategory");
        assertThat(row.getString("date").getValue()).isEqualTo("2026-02-02");
        assertThat(row.getString("category").getValue()).isEqualTo("cat");
        assertThat(row.getInt64("orders").getValue()).isEqualTo(1L);
        assertThat(row.getInt64("units").getValue()).isEqualTo(3L);
        assertThat(row.getInt64("grossRevenue").getValue()).isEqualTo(30L);
        assertThat(row.getInt64("refundedAmount").getValue()).isZero();
        assertThat(raw("analytics_day_countries", "2026-02-02|IN"))
                .as("the day × country rows keep their shape, without a kind")
                .doesNotContainKey("kind")
                .containsKey("country");
        assertThat(indexKeys("analytics_day_countries")).contains(new Document("kind", 1).append("date", 1));
    }

    @Test
    void theGuardArraysStayBoundedByTheWindow() {
        for (int i = 0; i < 20; i++) {
            record("o-" + i, "c-1", "p-1", 1, "2");
        }
        assertThat(raw("analytics_products", "p-1").getArray("applied")).hasSize(8);
        assertThat(raw("analytics_customers", "c-1").getArray("applied")).hasSize(8);
        assertThat(raw("analytics_products", "p-1").getInt64("units").getValue())
                .isEqualTo(20L);
    }

    @Test
    void everyTopListHasAnIndexOnItsFilterAndSortKeysAndCreatingTheStoreAgainIsHarmless() {
        MongoAnalyticsStore.create(db); // a second instance starting on the same database

        assertThat(indexKeys("analytics_products"))
                .contains(new Document("units", -1).append("_id", 1), new Document("revenue", -1).append("_id", 1));
        assertThat(indexKeys("analytics_customers")).contains(new Document("spent", -1).append("_id", 1));
        assertThat(indexKeys("analytics_customer_products"))
                .contains(new Document("customerId", 1)
                        .append("units", -1)
                        .append("spend", -1)
                        .append("productId", 1));
        assertThat(indexKeys("analytics_customer_categories"))
                .contains(new Document("customerId", 1)
                        .append("orders", -1)
                        .append("spend", -1)
                        .append("category", 1));
        assertThat(indexKeys("analytics_categories")).contains(new Document("revenue", -1).append("_id", 1));
        assertThat(indexKeys("analytics_day_countries")).contains(new Document("date", 1).append("country", 1));
        assertThat(indexKeys("analytics_batches")).contains(new Document("state", 1).append("createdAt", 1));
    }

    @Test
    void everyCompareAndSetFilterHasAUniqueIndexOnExactlyItsFields() {
        for (String aggregate : List.of(
                "products",
                "customers",
                "customer_products",
                "customer_categories",
                "categories",
                "days",
                "day_countries")) {
            assertThat(uniqueIndexKeys("analytics_" + aggregate))
                    .as(aggregate)
                    .contains(new Document("_id", 1).append("gv", 1));
        }
        assertThat(uniqueIndexKeys("analytics_ledger")).contains(new Document("_id", 1).append("v", 1));
    }

    @Test
    void theGuardVersionIsAPositiveInt64TokenThatEveryUpdateReplacesWithOneNeverSeenBefore() {
        Set<Long> productVersions = new HashSet<>();
        Set<Long> customerVersions = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            record("o-" + i, "c-1", "p-1", 1, "2");
            productVersions.add(raw("analytics_products", "p-1").getInt64("gv").getValue());
            customerVersions.add(
                    raw("analytics_customers", "c-1").getInt64("gv").getValue());
        }
        assertThat(productVersions).hasSize(5).allMatch(v -> v > 0);
        assertThat(customerVersions).hasSize(5).allMatch(v -> v > 0);
        record("o-new", "c-2", "p-2", 1, "2");
        assertThat(raw("analytics_products", "p-2").getInt64("gv").getValue()).isPositive();
        assertThat(raw("analytics_products", "p-2").getArray("applied")).hasSize(1);
        assertThat(raw("analytics_products", "p-1").getArray("applied")).hasSize(5);
    }

    @Test
    void queriesReturnNoGuardArraysAndHonourTheirLimits() {
        for (int i = 0; i < 6; i++) {
            record("o-" + i, "c-" + i, "p-" + i, i + 1, "1");
        }
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        Ranking<ProductCounters> byUnits = Ranking.of("byUnits", Aggregate.PRODUCTS)
                .descending("units", ProductCounters::units)
                .ascendingText("productId", ProductCounters::productId)
                .build();
        assertThat(store.top(byUnits, Scan.all(), 3))
                .extracting(ProductCounters::productId)
                .containsExactly("p-5", "p-4", "p-3");
        List<ProductCounters> all = new ArrayList<>();
        store.scan(Aggregate.PRODUCTS, Scan.all(), all::add);
        assertThat(all).hasSize(6);
        assertThat(store.read(Aggregate.CATEGORIES, List.of("cat"))).hasSize(1);
    }

    private void record(String orderId, String customerId, String productId, int quantity, String price) {
        Order o = new Order(
                orderId,
                Customer.of(customerId),
                PLACED,
                List.of(LineItem.of(productId, null, "cat", quantity, price)),
                "IN");
        analytics.record(OrderEvent.delivered(o, PLACED));
    }

    private BsonDocument raw(String collection, String id) {
        return db.getCollection(collection, BsonDocument.class)
                .find(Filters.eq("_id", id))
                .first();
    }

    private List<Document> uniqueIndexKeys(String collection) {
        return db.getCollection(collection).listIndexes().into(new ArrayList<>()).stream()
                .filter(i -> i.getBoolean("unique", false))
                .map(i -> i.get("key", Document.class))
                .collect(Collectors.toList());
    }

    private List<Document> indexKeys(String collection) {
        return db.getCollection(collection).listIndexes().into(new ArrayList<>()).stream()
                .map(i -> i.get("key", Document.class))
                .collect(Collectors.toList());
    }
}
