package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.StoreBatch;
import io.orderlens.analytics.testing.EngineChanges;
import io.orderlens.analytics.testing.MutableClock;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batches larger than a chunk are recorded in parts; pending parts are found by age. */
class BatchPartsAndRecoveryTest {
    private static final ZoneId ZONE = ZoneId.of("UTC");
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private final MutableClock clock = new MutableClock(NOW);
    private final EngineChanges engineChanges = new EngineChanges(ZONE, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aBatchLargerThanTheChunkSizeIsRecordedInPartsAndReplayingItChangesNothing() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store =
                MongoAnalyticsStore.builder(db).chunkSize(10).build();
        StoreBatch batch = new StoreBatch("big", newOrders(35, "p-1"));

        assertThat(store.apply(batch).conflicts()).isEmpty();
        Delta once = store.snapshot();
        assertThat(store.apply(batch).conflicts()).isEmpty();

        assertThat(store.snapshot()).isEqualTo(once);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(35 * 2);
        assertThat(db.getCollection("analytics_batches")
                        .distinct("_id", String.class)
                        .into(new ArrayList<>()))
                .containsExactlyInAnyOrder("big#0", "big#1", "big#2", "big#3");
        assertThat(db.getCollection("analytics_batches").countDocuments(Filters.eq("state", "done")))
                .isEqualTo(4);
    }

    @Test
    void recoverLeavesBatchesYoungerThanTheGraceAloneAndFinishesThemOnceTheyAreOlder() {
        MongoDatabase db = mongo.freshDatabase();
        FaultyCollections[] faulty = new FaultyCollections[1];
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(db)
                .clock(clock)
                .recoveryGrace(Duration.ofSeconds(30))
                .collections(c -> faulty[0] = new FaultyCollections(c))
                .build();
        faulty[0].failAfterWrite(3); // record, ledger, products; then the writer dies
        try {
            store.apply(new StoreBatch("b-1", newOrders(1, "p-1")));
        } catch (StoreException expected) {
            // the crash
        }

        clock.advance(Duration.ofSeconds(10));
        assertThat(store.recover()).isZero();
        assertThat(store.get(Aggregate.CUSTOMERS, "c-0")).isEmpty();

        clock.advance(Duration.ofSeconds(25));
        assertThat(store.recover()).isEqualTo(1);
        assertThat(store.get(Aggregate.CUSTOMERS, "c-0").orElseThrow().orders()).isEqualTo(1);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(2);
        assertThat(store.recover()).isZero();
    }

    @Test
    void theDoneMarkOfABatchTravelsWithTheNextBatchOrIsWrittenByClose() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(db).clock(clock).build();
        MongoCollection<Document> batches = db.getCollection("analytics_batches");

        store.apply(new StoreBatch("first", newOrders(1, "p-1")));
        assertThat(batches.find(Filters.eq("_id", "first")).first().getString("state"))
                .isEqualTo("pending");

        store.apply(new StoreBatch("second", newOrders(1, "p-2")));
        assertThat(batches.find(Filters.eq("_id", "first")).first().getString("state"))
                .isEqualTo("done");
        assertThat(batches.find(Filters.eq("_id", "first")).first()).doesNotContainKey("changes");
        assertThat(batches.find(Filters.eq("_id", "second")).first().getString("state"))
                .isEqualTo("pending");

        store.close();
        assertThat(batches.countDocuments(Filters.eq("state", "pending"))).isZero();
    }

    @Test
    void anotherInstanceRecoveringABatchWhoseDoneMarkIsStillOwedChangesNoCount() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(db).clock(clock).build();
        store.apply(new StoreBatch("only", newOrders(3, "p-1")));
        Delta before = store.snapshot();

        MongoAnalyticsStore other = MongoAnalyticsStore.builder(db).clock(clock).build();
        assertThat(other.recover()).isEqualTo(1);

        assertThat(other.snapshot()).isEqualTo(before);
        assertThat(db.getCollection("analytics_batches").countDocuments(Filters.eq("state", "pending")))
                .isZero();
        store.close(); // marking it done again is harmless
        assertThat(store.apply(new StoreBatch("only", newOrders(3, "p-1"))).conflicts())
                .isEmpty();
        assertThat(store.snapshot()).isEqualTo(before);
    }

    @Test
    void aPendingRecordWithoutReadableChangesIsSkippedByRecoverAndClosedByRebuild() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(db).clock(clock).build();
        MongoCollection<Document> batches = db.getCollection("analytics_batches");
        batches.insertOne(new Document("_id", "foreign")
                .append("state", "pending")
                .append("createdAt", Date.from(NOW))
                .append("changes", List.of()));
        store.apply(new StoreBatch("ok", newOrders(1, "p-1")));
        clock.advance(Duration.ofSeconds(1));

        assertThat(store.recover()).isZero(); // writes the done mark owed for "ok"; leaves "foreign" alone
        assertThat(batches.find(Filters.eq("_id", "foreign")).first().getString("state"))
                .isEqualTo("pending");
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(2);

        store.replaceAggregates(store.snapshot());
        assertThat(batches.find(Filters.eq("_id", "foreign")).first().getString("state"))
                .isEqualTo("done");
    }

    @Test
    void aPendingRecordWhoseChangesCarryNoEffectIsSkippedByRecoverAndClosedByRebuild() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(db).clock(clock).build();
        MongoCollection<Document> batches = db.getCollection("analytics_batches");
        // a record as the store wrote it before each change carried its effect: key, versions, entries only
        LedgerChange change = newOrders(1, "p-9").get(0);
        Document legacy = new Document("key", change.key())
                .append("expectedVersion", 0L)
                .append("before", null)
                .append("after", LedgerDocuments.document(change.after()));
        ByteBuffer bytes =
                new RawBsonDocument(legacy, new DocumentCodec()).getByteBuffer().asNIO();
        byte[] encoded = new byte[bytes.remaining()];
        bytes.get(encoded);
        batches.insertOne(new Document("_id", "legacy")
                .append("state", "pending")
                .append("createdAt", Date.from(NOW))
                .append("changes", new Binary(encoded)));
        clock.advance(Duration.ofSeconds(1));

        assertThat(store.recover()).isZero();
        assertThat(batches.find(Filters.eq("_id", "legacy")).first().getString("state"))
                .isEqualTo("pending");
        assertThat(store.get(Aggregate.PRODUCTS, "p-9")).isEmpty();

        store.replaceAggregates(store.snapshot());
        assertThat(batches.find(Filters.eq("_id", "legacy")).first().getString("state"))
                .isEqualTo("done");
    }

    @Test
    void finishedBatchRecordsAreDeletedAfterTheRetention() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(db)
                .clock(clock)
                .batchRetention(Duration.ofHours(1))
                .build();
        store.apply(new StoreBatch("old", newOrders(1, "p-1")));
        clock.advance(Duration.ofMinutes(61));
        store.apply(new StoreBatch("new", newOrders(1, "p-2")));

        store.recover();

        assertThat(db.getCollection("analytics_batches")
                        .distinct("_id", String.class)
                        .into(new ArrayList<>()))
                .containsExactly("new");
    }

    private List<LedgerChange> newOrders(int n, String product) {
        List<LedgerChange> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Order o = new Order(
                    product + "-o-" + i,
                    Customer.of("c-" + i),
                    NOW,
                    List.of(LineItem.of(product, null, "cat", 2, "1.10")),
                    "DE");
            changes.add(engineChanges.of(null, OrderEvent.delivered(o, NOW)));
        }
        return changes;
    }
}
