package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.CompactionReport;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The baseline in segments: one document per compacted part holding the merged contribution of its entries, read
 * back as their sum, rewritten without a customer's rows by erasure (a compare-and-set that reads again when a
 * concurrent rewrite won), next to the row documents an earlier version wrote.
 */
class BaselineSegmentsTest {
    private static final Instant RECORDED = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant HORIZON = Instant.parse("2026-06-01T00:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private FaultyCollections faulty;
    private CompactionReport compaction;

    /** Every row the events leave in an in-memory store, compacted there without faults into its baseline. */
    private static AnalyticsStore compactedInMemory(List<OrderEvent> events) {
        return MongoFixture.compactedInMemory(events, RECORDED, LATER, HORIZON);
    }

    private MongoAnalyticsStore compactedOnMongo(MongoDatabase db, List<OrderEvent> events, int batch) {
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(db)
                .collections(c -> faulty = new FaultyCollections(c))
                .build();
        MutableClock clock = new MutableClock(RECORDED);
        try (Analytics analytics = MongoFixture.analyticsOver(store)
                .clock(clock)
                .compactionBatch(batch)
                .build()) {
            analytics.recordAll(events);
            clock.set(LATER);
            compaction = analytics.compact(HORIZON);
        }
        return store;
    }

    private static List<Counters> rows(Delta delta) {
        List<Counters> out = new ArrayList<>();
        delta.withoutZeros().forEach(io.orderlens.analytics.spi.CounterSink.each(out::add));
        return out;
    }

    private static Delta sum(List<Counters> rows) {
        Delta d = new Delta();
        rows.forEach(r -> r.addTo(d));
        return d;
    }

    @Test
    void aSegmentReadsBackAsExactlyTheRowsItWasWrittenFrom() {
        Delta rows = compactedInMemory(EventStream.events(3, 80)).snapshot().withoutZeros();

        Document segment = new Document("_id", BaselineSegments.id("b-1"))
                .append(BaselineSegments.ROWS, BaselineSegments.encode(rows));

        assertThat(BaselineSegments.isSegment(segment)).isTrue();
        assertThat(sum(BaselineSegments.decode(segment))).isEqualTo(rows);
        assertThat(rows.customerProducts()).isNotEmpty();
        assertThat(rows.customerDays()).isNotEmpty();
    }

    @Test
    void withoutDropsExactlyTheRowsOfTheAggregateUnderTheGivenKeys() {
        Delta rows = compactedInMemory(EventStream.events(4, 80)).snapshot().withoutZeros();
        CustomerProductCounters doomed =
                rows.customerProducts().values().iterator().next();
        String key = Aggregate.CUSTOMER_PRODUCTS.keyOf(doomed);
        List<Counters> all = BaselineSegments.decode(new Document("_id", BaselineSegments.id("b-2"))
                .append(BaselineSegments.ROWS, BaselineSegments.encode(rows)));

        Binary rest = BaselineSegments.without(all, Aggregate.CUSTOMER_PRODUCTS, List.of(key));
        Delta left = sum(BaselineSegments.decode(
                new Document("_id", BaselineSegments.id("b-2")).append(BaselineSegments.ROWS, rest)));

        List<Counters> expected = new ArrayList<>(rows(rows));
        expected.remove(doomed);
        assertThat(rows(left)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(BaselineSegments.without(all, Aggregate.CUSTOMER_PRODUCTS, List.of("nobody|nothing")))
                .as("nothing to remove: no rewrite")
                .isNull();
        assertThat(BaselineSegments.without(all, Aggregate.PRODUCTS, List.of(key)))
                .as("a key of another aggregate removes nothing")
                .isNull();
    }

    @Test
    void aSegmentLeftWithoutRowsAndAVoidSegmentReadAsNoRows() {
        Delta rows = compactedInMemory(EventStream.events(5, 10)).snapshot().withoutZeros();
        List<Counters> products = new ArrayList<>(rows.products().values());
        List<String> keys =
                products.stream().map(p -> ((ProductCounters) p).productId()).toList();
        Delta onlyProducts = sum(products);

        Binary rest = BaselineSegments.without(products, Aggregate.PRODUCTS, keys);

        assertThat(BaselineSegments.encode(onlyProducts).length()).isPositive();
        assertThat(rest.length()).isZero();
        assertThat(BaselineSegments.decode(
                        new Document("_id", BaselineSegments.id("b-5")).append(BaselineSegments.ROWS, rest)))
                .isEmpty();
        assertThat(BaselineSegments.decode(
                        new Document("_id", BaselineSegments.id("b-6")).append(BaselineSegments.VOID, true)))
                .isEmpty();
    }

    @Test
    void aSegmentThatThisStoreCannotReadIsAClearError() {
        Document noRows = new Document("_id", BaselineSegments.id("b-3"));
        Document notDeflated = new Document("_id", BaselineSegments.id("b-4"))
                .append(BaselineSegments.ROWS, new Binary(new byte[] {1, 2, 3, 4, 5, 6}));

        assertThatThrownBy(() -> BaselineSegments.decode(noRows))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("segment|b-3")
                .hasMessageContaining("no binary \"rows\"");
        assertThatThrownBy(() -> BaselineSegments.decode(notDeflated))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("segment|b-4");
    }

    @Test
    void eachCompactedPartIsOneSegmentAndTheBaselineIsTheirSum() {
        List<OrderEvent> events = EventStream.events(5, 120);
        MongoDatabase db = mongo.freshDatabase();

        MongoAnalyticsStore store = compactedOnMongo(db, events, 25);

        List<Document> docs = db.getCollection("analytics_baseline").find().into(new ArrayList<>());
        assertThat(docs)
                .isNotEmpty()
                .allSatisfy(d -> assertThat(BaselineSegments.isSegment(d)).isTrue());
        assertThat(compaction.batches()).isGreaterThan(1);
        assertThat(docs).hasSize((int) compaction.batches());
        assertThat(store.baseline().withoutZeros())
                .isEqualTo(compactedInMemory(events).baseline().withoutZeros());
    }

    @Test
    void rowDocumentsWrittenByAnEarlierVersionAreAddedToTheBaselineAndDeletedWithTheirRows() {
        List<OrderEvent> events = EventStream.events(6, 60);
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = compactedOnMongo(db, events, 500);
        Delta segments = store.baseline().withoutZeros();
        // an earlier version kept one baseline document per row: the row's aggregate document under "<suffix>|<id>"
        String productId = segments.products().keySet().iterator().next();
        Document product = db.getCollection("analytics_products")
                .find(Filters.eq("_id", productId))
                .first();
        db.getCollection("analytics_baseline").insertOne(new Document(product).append("_id", "products|" + productId));

        Delta both = store.baseline().withoutZeros();

        assertThat(both.products().get(productId).units())
                .isEqualTo(segments.products().get(productId).units()
                        + store.get(Aggregate.PRODUCTS, productId).orElseThrow().units());

        store.deleteRows(Aggregate.PRODUCTS, List.of(productId));

        assertThat(db.getCollection("analytics_baseline").countDocuments(Filters.eq("_id", "products|" + productId)))
                .isZero();
        assertThat(store.baseline().products()).doesNotContainKey(productId);
        assertThat(store.baseline().withoutZeros().customers()).isEqualTo(segments.customers());
    }

    @Test
    void aRewriteThatLosesToAConcurrentRewriteReadsTheSegmentAgainAndBothTakeEffect() {
        List<OrderEvent> events = EventStream.events(7, 80);
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = compactedOnMongo(db, events, 500);
        Delta before = store.baseline().withoutZeros();
        List<String> customers = before.customers().keySet().stream().sorted().toList();
        String first = customers.get(0);
        String second = customers.get(1);
        Set<String> firstDays = customerDayKeys(before, first);
        Set<String> secondDays = customerDayKeys(before, second);
        assertThat(firstDays).isNotEmpty();
        assertThat(secondDays).isNotEmpty();

        faulty.stageRace(new FaultyCollections.Race(
                StoreCollection.BASELINE, () -> store.deleteRows(Aggregate.CUSTOMER_DAYS, secondDays)));
        store.deleteRows(Aggregate.CUSTOMER_DAYS, firstDays);

        Delta after = store.baseline().withoutZeros();
        Set<String> left = after.customerDays().values().stream()
                .map(Aggregate.CUSTOMER_DAYS::keyOf)
                .collect(Collectors.toSet());
        assertThat(left).doesNotContainAnyElementsOf(firstDays).doesNotContainAnyElementsOf(secondDays);
        assertThat(left.size()).isEqualTo(before.customerDays().size() - firstDays.size() - secondDays.size());
        assertThat(after.customers()).isEqualTo(before.customers());
        assertThat(db.getCollection("analytics_baseline").find().first().getLong(BaselineSegments.VERSION))
                .isEqualTo(3L);
    }

    private static Set<String> customerDayKeys(Delta delta, String customerId) {
        return delta.customerDays().values().stream()
                .filter(r -> r.customerId().equals(customerId))
                .map(Aggregate.CUSTOMER_DAYS::keyOf)
                .collect(Collectors.toSet());
    }
}
