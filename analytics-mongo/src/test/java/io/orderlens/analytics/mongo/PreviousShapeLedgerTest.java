package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.CompactionReport;
import io.orderlens.analytics.ErasureReport;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ledger documents of the previous shape (the content's fields at the top level, no binary body), as a database
 * written before the body holds them: they are read, updated, compacted and erased like documents of the current
 * shape, and an update leaves no copy of the previous fields behind.
 */
class PreviousShapeLedgerTest {
    private static final Instant RECORDED = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant HORIZON = Instant.parse("2026-06-01T00:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private final List<OrderEvent> events = EventStream.events(51, 60);

    @Test
    void entriesOfThePreviousShapeReadAsTheEntriesTheyWere() {
        MongoDatabase db = mongo.freshDatabase();
        recordWithAnotherInstance(db, events);
        Map<String, LedgerEntry> written = entries(MongoAnalyticsStore.create(db));

        int rewritten = toPreviousShape(db);

        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        assertThat(rewritten).isEqualTo(written.size()).isGreaterThan(60);
        assertThat(db.getCollection("analytics_ledger").countDocuments(Filters.exists(LedgerDocuments.BODY)))
                .isZero();
        assertThat(entries(store)).isEqualTo(written);
        try (Analytics analytics = analytics(store, new MutableClock(RECORDED))) {
            assertThat(analytics.verify().drifts()).isEmpty();
        }
    }

    @Test
    void anEventForAnEntryOfThePreviousShapeRewritesItInTheCurrentShapeOnly() {
        MongoDatabase db = mongo.freshDatabase();
        List<OrderEvent> placed = events.stream().filter(e -> e.order() != null).toList();
        recordWithAnotherInstance(db, placed);
        toPreviousShape(db);
        String orderId = placed.get(0).order().orderId();
        OrderEvent delivered = OrderEvent.delivered(orderId, RECORDED);

        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        try (Analytics analytics = analytics(store, new MutableClock(RECORDED))) {
            analytics.record(delivered);

            Document stored = db.getCollection("analytics_ledger")
                    .find(Filters.eq("_id", "o:" + orderId))
                    .first();
            assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "v", "body", "batches");
            InMemoryAnalyticsStore reference = new InMemoryAnalyticsStore();
            try (Analytics inMemory = analytics(reference, new MutableClock(RECORDED))) {
                inMemory.recordAll(placed);
                inMemory.record(delivered);
            }
            assertThat(store.ledger(List.of("o:" + orderId))).isEqualTo(reference.ledger(List.of("o:" + orderId)));
            assertThat(store.snapshot().withoutZeros())
                    .isEqualTo(reference.snapshot().withoutZeros());
            assertThat(analytics.verify().drifts()).isEmpty();
        }
    }

    @Test
    void entriesOfThePreviousShapeAreCompactedExactlyOnce() {
        MongoDatabase db = mongo.freshDatabase();
        recordWithAnotherInstance(db, events);
        toPreviousShape(db);
        AnalyticsStore reference = MongoFixture.compactedInMemory(events, RECORDED, LATER, HORIZON);

        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        try (Analytics analytics = analytics(store, new MutableClock(LATER))) {
            CompactionReport report = analytics.compact(HORIZON);

            assertThat(report.compacted()).isPositive();
            assertThat(report.skipped()).isZero();
            assertThat(new TreeSet<>(entries(store).keySet()))
                    .isEqualTo(new TreeSet<>(entries(reference).keySet()));
            assertThat(store.baseline().withoutZeros())
                    .isEqualTo(reference.baseline().withoutZeros());
            assertThat(store.snapshot().withoutZeros())
                    .isEqualTo(reference.snapshot().withoutZeros());
            assertThat(analytics.verify().drifts()).isEmpty();
        }
    }

    @Test
    void erasingACustomerLeavesNoCopyOfTheIdInEntriesOfThePreviousShape() {
        MongoDatabase db = mongo.freshDatabase();
        recordWithAnotherInstance(db, events);
        toPreviousShape(db);
        String customer = busiestCustomer(events);
        Pattern mention = Pattern.compile("[\":|]" + Pattern.quote(customer) + "\"");
        assertThat(ledgerText(db)).anyMatch(t -> mention.matcher(t).find());

        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        try (Analytics analytics = analytics(store, new MutableClock(RECORDED))) {
            ErasureReport report = analytics.forgetCustomer(customer);

            assertThat(report.ledgerEntries()).isPositive();
            assertThat(ledgerText(db)).noneMatch(t -> mention.matcher(t).find());
            assertThat(analytics.verify().drifts()).isEmpty();
        }
    }

    @Test
    void ledgerUpdatesRemoveThePreviousShapeOnlyOnceTheInstanceHasReadADocumentOfIt() {
        SentStatements updates = new SentStatements();
        MongoDatabase db = mongo.freshDatabase(updates);
        updates.watch(db.getName());
        List<OrderEvent> placed = events.stream().filter(e -> e.order() != null).toList();
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        try (Analytics analytics = analytics(store, new MutableClock(RECORDED))) {
            analytics.recordAll(placed.subList(0, 20));
            analytics.record(OrderEvent.delivered(placed.get(0).orderId(), RECORDED));

            assertThat(ledgerUpdates(updates)).hasSizeGreaterThan(20).noneMatch(u -> u.containsKey("$unset"));

            toPreviousShape(db);
            updates.clear();
            analytics.record(OrderEvent.delivered(placed.get(1).orderId(), RECORDED));
            analytics.recordAll(placed.subList(20, 30));

            assertThat(ledgerUpdates(updates)).hasSizeGreaterThan(10).allMatch(u -> u.containsKey("$unset"));
        }
    }

    @Test
    void aBodyThatIsNotABsonDocumentIsReportedWithItsKeyAndNothingIsWritten() {
        MongoDatabase db = mongo.freshDatabase();
        recordWithAnotherInstance(db, events);
        String key = "o:" + events.get(0).orderId();
        MongoCollection<Document> ledger = db.getCollection("analytics_ledger");
        for (byte[] garbage : List.of(new byte[] {1, 2, 3}, new byte[] {12, 0, 0, 0, 99, 'x', 0, 1, 0, 0, 0, 0})) {
            ledger.updateOne(
                    Filters.eq("_id", key),
                    new Document("$set", new Document(LedgerDocuments.BODY, new Binary(garbage))));
            MongoAnalyticsStore store = MongoAnalyticsStore.create(db);

            assertThatThrownBy(() -> store.ledger(List.of(key)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot read ledger entry \"" + key + "\"")
                    .hasMessageContaining("not a BSON document");
            try (Analytics analytics = analytics(store, new MutableClock(RECORDED))) {
                assertThatThrownBy(() -> analytics.record(
                                OrderEvent.delivered(events.get(0).orderId(), RECORDED)))
                        .isInstanceOf(StoreException.class);
            }
            assertThat(ledger.find(Filters.eq("_id", key))
                            .first()
                            .get(LedgerDocuments.BODY, Binary.class)
                            .getData())
                    .isEqualTo(garbage);
        }
    }

    /** The update documents ({@code u}) of the updates sent to the ledger so far. */
    private static List<BsonDocument> ledgerUpdates(SentStatements sent) {
        return sent.seen().stream()
                .filter(u -> u.command().equals("update") && u.collection().equals("analytics_ledger"))
                .map(u -> u.body().getDocument("u"))
                .toList();
    }

    private static Analytics analytics(AnalyticsStore store, MutableClock clock) {
        return MongoFixture.analyticsOver(store)
                .clock(clock)
                .compactionBatch(10)
                .build();
    }

    /** Records {@code events} through a store instance of its own, so that the store under test starts afresh. */
    private static void recordWithAnotherInstance(MongoDatabase db, List<OrderEvent> events) {
        try (Analytics writer = analytics(MongoAnalyticsStore.create(db), new MutableClock(RECORDED))) {
            writer.recordAll(events);
        }
    }

    /**
     * Rewrites every ledger document in the previous shape: the body's fields at the top level, next to {@code _id},
     * {@code v} and the batch ids; returns how many.
     */
    private static int toPreviousShape(MongoDatabase db) {
        MongoCollection<Document> ledger = db.getCollection("analytics_ledger");
        List<Document> stored = ledger.find().into(new ArrayList<>());
        for (Document d : stored) {
            Document previous = new Document("_id", d.get("_id")).append("v", d.get("v"));
            previous.putAll(new RawBsonDocument(
                            d.get(LedgerDocuments.BODY, Binary.class).getData())
                    .decode(new DocumentCodec()));
            previous.append("batches", d.get("batches"));
            ledger.replaceOne(Filters.eq("_id", d.get("_id")), previous);
        }
        return stored.size();
    }

    /** Each ledger document as JSON, with its body (if any) decoded. */
    private static List<String> ledgerText(MongoDatabase db) {
        List<String> out = new ArrayList<>();
        db.getCollection("analytics_ledger").find().forEach(d -> {
            Binary body = d.get(LedgerDocuments.BODY, Binary.class);
            d.remove(LedgerDocuments.BODY);
            out.add(d.toJson());
            if (body != null) {
                out.add(new RawBsonDocument(body.getData())
                        .decode(new DocumentCodec())
                        .toJson());
            }
        });
        return out;
    }

    private static Map<String, LedgerEntry> entries(AnalyticsStore store) {
        Map<String, LedgerEntry> out = new TreeMap<>();
        store.forEachLedgerEntry(e -> out.put(e.key(), e));
        return out;
    }

    private static String busiestCustomer(List<OrderEvent> events) {
        Map<String, Integer> orders = new HashMap<>();
        for (OrderEvent e : events) {
            if (e.order() != null) {
                orders.merge(e.order().customerId(), 1, Integer::sum);
            }
        }
        return orders.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }
}
