package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreRejectedException;
import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.CloseReport;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A write the driver or server refuses for good (here: a batch record the driver finds over the 16 MiB limit, as a
 * 100,000-line order once produced) is a {@link StoreRejectedException}: not retried, reported once, never parked;
 * the other events of its batch are written.
 */
class RefusedWriteTest {
    private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    /** Throws the driver's size error on every record of a batch that holds order {@code poison}. */
    private static final class Oversized implements StoreCollections {
        final StoreCollections delegate;
        final AtomicInteger refused = new AtomicInteger();
        volatile String poison = "o-poison";

        Oversized(StoreCollections delegate) {
            this.delegate = delegate;
        }

        @Override
        public MongoCollection<Document> collection(StoreCollection which) {
            return delegate.collection(which);
        }

        @Override
        public BulkWriteResult bulkWrite(StoreCollection which, List<WriteModel<Document>> models) {
            if (which == StoreCollection.BATCHES && models.stream().anyMatch(this::recordsPoison)) {
                refused.incrementAndGet();
                throw new BsonMaximumSizeExceededException(
                        "Payload document size is larger than maximum of " + "16793600.");
            }
            return delegate.bulkWrite(which, models);
        }

        /** Whether {@code model} records a batch whose (binary) changes hold the poison order's ledger key. */
        private boolean recordsPoison(WriteModel<Document> model) {
            if (model instanceof UpdateOneModel<Document> u
                    && u.getUpdate() instanceof Document update
                    && update.get("$setOnInsert") instanceof Document record
                    && record.get("changes") instanceof Binary changes) {
                return new String(changes.getData(), StandardCharsets.ISO_8859_1).contains("o:" + poison);
            }
            return false;
        }

        @Override
        public void insertOne(StoreCollection which, Document document) {
            delegate.insertOne(which, document);
        }

        @Override
        public void updateOne(StoreCollection which, Bson filter, Bson update) {
            delegate.updateOne(which, filter, update);
        }

        @Override
        public void deleteMany(StoreCollection which, Bson filter) {
            delegate.deleteMany(which, filter);
        }
    }

    private static Order order(String id, String customer) {
        return new Order(id, Customer.of(customer), AT, List.of(LineItem.of("p-1", null, "cat", 1, "2.50")), "DE");
    }

    @Test
    void aSynchronousRecordFailsAtOnceWithARefusalAndIsNotRetried() {
        Oversized[] faulty = new Oversized[1];
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(mongo.freshDatabase())
                .collections(c -> faulty[0] = new Oversized(c))
                .build();
        faulty[0].poison = "o-big";
        Analytics analytics = MongoFixture.analyticsOver(store)
                .storeAttempts(5)
                .storeBackoff(Duration.ZERO)
                .build();

        assertThatThrownBy(() -> analytics.record(OrderEvent.placed(order("o-big", "c-1"))))
                .isInstanceOf(StoreRejectedException.class)
                .hasMessageContaining("could not encode the command while recording batch")
                .hasMessageContaining("a retry cannot succeed")
                .hasCauseInstanceOf(BsonMaximumSizeExceededException.class);
        assertThat(faulty[0].refused).hasValue(1);
        assertThat(analytics.metrics().retried()).isZero();
        assertThat(analytics.record(OrderEvent.placed(order("o-ok", "c-2")))).isEqualTo(RecordOutcome.APPLIED);
        assertThat(analytics.verify().isClean()).isTrue();
        analytics.close();
    }

    @Test
    void aRefusedOrderInABatchFailsAloneAndTheOtherOrdersAreWritten() {
        Oversized[] faulty = new Oversized[1];
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(mongo.freshDatabase())
                .collections(c -> faulty[0] = new Oversized(c))
                .build();
        faulty[0].poison = "o-big";
        Analytics analytics =
                MongoFixture.analyticsOver(store).storeBackoff(Duration.ZERO).build();

        assertThatThrownBy(() -> analytics.recordAll(List.of(
                        OrderEvent.placed(order("o-a", "c-1")),
                        OrderEvent.placed(order("o-big", "c-2")),
                        OrderEvent.placed(order("o-b", "c-3")))))
                .isInstanceOf(StoreRejectedException.class);

        assertThat(faulty[0].refused)
                .as("the whole batch, then the order alone")
                .hasValue(2);
        assertThat(store.ledger(Set.of("o:o-a", "o:o-big", "o:o-b")).keySet())
                .containsExactlyInAnyOrder("o:o-a", "o:o-b");
        assertThat(analytics.verify().isClean()).isTrue();
        analytics.close();
    }

    @Test
    void inAsyncModeARefusedEventFailsOnceAndTheOthersOfItsBatchAreWritten() throws Exception {
        Oversized[] faulty = new Oversized[1];
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(mongo.freshDatabase())
                .collections(c -> faulty[0] = new Oversized(c))
                .build();
        faulty[0].poison = "o-big";
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Analytics analytics = MongoFixture.analyticsOver(store)
                .async(AsyncOptions.builder()
                        .maxBatchEvents(10)
                        .maxBatchDelay(Duration.ofMillis(200))
                        .retryParkedEvery(Duration.ofMillis(10))
                        .build())
                .listener(new AnalyticsListener() {
                    @Override
                    public void onWriteFailed(int events, Throwable error) {
                        failures.add(error);
                    }
                })
                .build();
        List<CompletableFuture<RecordOutcome>> ok = new ArrayList<>();
        ok.add(analytics.submit(OrderEvent.placed(order("o-1", "c-1"))));
        CompletableFuture<RecordOutcome> big = analytics.submit(OrderEvent.placed(order("o-big", "c-2")));
        ok.add(analytics.submit(OrderEvent.placed(order("o-2", "c-3"))));

        assertThatThrownBy(() -> big.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StoreRejectedException.class);
        for (CompletableFuture<RecordOutcome> f : ok) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(RecordOutcome.APPLIED);
        }
        assertThat(analytics.flush(Duration.ofSeconds(10)).complete()).isTrue();
        int refusedSoFar = faulty[0].refused.get();
        // periodic re-tries would try it again; nothing is parked, so nothing is
        analytics.retryFailed(Duration.ofSeconds(5));
        CloseReport report = analytics.close(Duration.ofSeconds(10));

        assertThat(faulty[0].refused).hasValue(refusedSoFar);
        assertThat(refusedSoFar).as("the batch of three, then the poison alone").isEqualTo(2);
        assertThat(analytics.metrics().failed()).isEqualTo(1);
        assertThat(analytics.metrics().parked()).isZero();
        assertThat(failures).singleElement().isInstanceOf(StoreRejectedException.class);
        assertThat(report.complete()).isTrue();
        assertThat(store.ledger(Set.of("o:o-1", "o:o-2", "o:o-big")).keySet())
                .containsExactlyInAnyOrder("o:o-1", "o:o-2");
    }
}
