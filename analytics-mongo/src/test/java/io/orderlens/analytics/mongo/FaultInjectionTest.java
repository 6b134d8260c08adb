package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.ZONE;
import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.testing.StoreReads;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once effect under faults: a write that reached the server but whose reply was lost, at every step of the
 * batch protocol, followed by the engine's retry, a later retry of the same events, or an explicit recovery.
 */
class FaultInjectionTest {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private MongoDatabase db;
    private FaultyCollections faulty;
    private MongoAnalyticsStore store;
    private Analytics analytics;

    @BeforeEach
    void openStore() {
        db = mongo.freshDatabase();
        store = MongoAnalyticsStore.builder(db)
                .collections(c -> faulty = new FaultyCollections(c))
                .build();
        analytics = analyticsOver(store)
                .storeAttempts(2)
                .storeBackoff(Duration.ZERO)
                .build();
    }

    @Test
    void overAThousandFaultsAtEveryWriteStepLeaveNoDoubleCountAndNoLoss() {
        List<List<OrderEvent>> batches = EventStream.batches(EventStream.events(7, 700), 7, 5);
        InMemoryAnalyticsStore referenceStore = new InMemoryAnalyticsStore();
        Analytics reference = analyticsOver(referenceStore).build();
        batches.forEach(reference::recordAll);

        Random schedule = new Random(11);
        faulty.failAfterEvery(() -> 1 + schedule.nextInt(8));
        int failedCalls = 0;
        for (List<OrderEvent> batch : batches) {
            while (true) {
                try {
                    analytics.recordAll(batch);
                    break;
                } catch (StoreException e) {
                    assertThat(FaultyCollections.injected(e))
                            .as("only injected faults: %s", e)
                            .isTrue();
                    failedCalls++;
                    if (schedule.nextInt(3) == 0) {
                        try {
                            analytics.recover();
                        } catch (StoreException again) {
                            failedCalls++;
                        }
                    }
                }
            }
        }
        faulty.stopFailing();
        analytics.recover();

        assertThat(faulty.faults()).isGreaterThanOrEqualTo(1_000);
        assertThat(failedCalls).isPositive();
        assertThat(faulty.faultsByStep())
                .containsKeys(
                        "1 record batch",
                        "2 ledger",
                        "3 products",
                        "3 customers",
                        "3 customer_products",
                        "3 customer_categories",
                        "3 categories",
                        "3 days",
                        "3 day_countries",
                        "4 mark batch done");
        assertThat(faulty.faultsByStep().values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(20));
        assertThat(analytics.verify().drifts()).isEmpty();
        assertThat(store.snapshot().withoutZeros())
                .isEqualTo(referenceStore.snapshot().withoutZeros());
        assertThat(db.getCollection("analytics_batches").countDocuments(Filters.eq("state", "pending")))
                .isZero();
    }

    @Test
    void aFaultAfterTheLedgerStepIsFinishedByRecoverAndTheRetriedEventsAreDuplicates() {
        Analytics noRetries = analyticsOver(store).storeAttempts(1).build();
        Order o = order("o-1", "c-1", "p-1", 3);
        faulty.failAfterWrite(2); // the ledger write lands, its reply is lost
        assertThatThrownBy(() -> noRetries.record(OrderEvent.delivered(o, o.placedAt())))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("MongoDB store lost its connection to the server while");
        faulty.stopFailing();
        assertThat(store.ledger(List.of("o:o-1"))).containsKey("o:o-1");
        assertThat(store.get(Aggregate.PRODUCTS, "p-1")).isEmpty();

        assertThat(noRetries.recover()).isEqualTo(1);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(3);
        analytics.record(OrderEvent.delivered(o, o.placedAt()));
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(3);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void aConcurrentInsertOfTheSameDocumentBetweenReadAndWriteEndsInOneApplicationOfEach() {
        MongoAnalyticsStore other = MongoAnalyticsStore.create(mongo.client().getDatabase(db.getName()));
        Analytics otherInstance = analyticsOver(other).build();
        Order mine = order("o-mine", "c-1", "p-new", 2);
        Order theirs = order("o-theirs", "c-2", "p-new", 5);
        // this store has not seen p-new (nor the category, day, day×country and day×category documents; the day's
        // document also holds its funnel) and presumes it absent; the other instance creates all five before this
        // store's upserts land
        faulty.stageRace(new FaultyCollections.Race(
                StoreCollection.PRODUCTS, () -> otherInstance.record(OrderEvent.delivered(theirs, theirs.placedAt()))));

        analytics.record(OrderEvent.delivered(mine, mine.placedAt()));

        assertThat(faulty.raceStaged()).as("the race ran").isFalse();
        // each of the five upserts met the competitor's document once, then was read and applied on top of it
        assertThat(faulty.duplicateKeyErrors())
                .as("the upserts met the competitor's documents")
                .isEqualTo(5);
        assertThat(store.get(Aggregate.PRODUCTS, "p-new").orElseThrow().units()).isEqualTo(7);
        assertThat(store.get(Aggregate.PRODUCTS, "p-new").orElseThrow().orders())
                .isEqualTo(2);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void aConcurrentUpdateOfTheSameDocumentBetweenReadAndWriteMakesTheCompareAndSetRetryAndCountOnce() {
        MongoAnalyticsStore other = MongoAnalyticsStore.create(mongo.client().getDatabase(db.getName()));
        Analytics otherInstance = analyticsOver(other).build();
        Order first = order("o-first", "c-1", "p-1", 1);
        analytics.record(OrderEvent.delivered(first, first.placedAt()));
        Order mine = order("o-mine", "c-1", "p-1", 2);
        Order theirs = order("o-theirs", "c-2", "p-1", 5);
        faulty.stageRace(new FaultyCollections.Race(
                StoreCollection.PRODUCTS, () -> otherInstance.record(OrderEvent.delivered(theirs, theirs.placedAt()))));

        analytics.record(OrderEvent.delivered(mine, mine.placedAt()));

        assertThat(faulty.raceStaged()).as("the race ran").isFalse();
        // the lost compare-and-set was read and written again: two product writes for this batch
        assertThat(faulty.writesByStep()).containsEntry("3 products", 3);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(8);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().orders()).isEqualTo(3);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void aRetryAfterTheAggregatesWereWrittenFindsTheBatchInEveryDocumentAndChangesNothing() {
        Order o = order("o-1", "c-1", "p-1", 4);
        faulty.failAfterWrite(9); // after the last aggregate write (day_countries), before "done"

        analytics.record(OrderEvent.delivered(o, o.placedAt())); // the engine's retry resumes the same batch

        assertThat(faulty.faults()).isEqualTo(1);
        // the new entry's upsert met the entry its first attempt created; every aggregate document already carried
        // the batch id, so no aggregate was written again
        assertThat(faulty.duplicateKeyErrors()).isEqualTo(1);
        // (a bulk write that fails with a duplicate key is counted above, not as a completed write step)
        assertThat(faulty.writesByStep())
                .containsEntry("3 products", 1)
                .containsEntry("3 day_countries", 1)
                .containsEntry("2 ledger", 1)
                .containsEntry("4 mark batch done", 1);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(4);
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().orders()).isEqualTo(1);
        LocalDate day = o.placedAt().atZone(ZONE).toLocalDate();
        assertThat(StoreReads.days(store, day, day).get(0).orders()).isEqualTo(1);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    private static Order order(String id, String customer, String product, int quantity) {
        return new Order(
                id,
                Customer.of(customer),
                Instant.parse("2026-04-02T10:00:00Z"),
                List.of(LineItem.of(product, null, "cat", quantity, "1.25")),
                "DE");
    }
}
