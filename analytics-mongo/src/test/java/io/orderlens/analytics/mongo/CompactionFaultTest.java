package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.CompactionReport;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compaction under faults: a write that reached the server but whose reply was lost, at each step of a compaction
 * (raising the horizon, recording the batch, moving the entries, the baseline, the deletes), then {@code recover()}
 * and a new run: nothing is lost and nothing counted twice, against an in-memory store compacted without faults.
 */
class CompactionFaultTest {
    private static final Instant RECORDED = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant HORIZON = Instant.parse("2026-06-01T00:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    /** A store over a fresh database, its faults, and an analytics instance that does not retry. */
    private record Setup(MongoDatabase db, FaultyCollections faulty, MongoAnalyticsStore store, Analytics analytics) {}

    private FaultyCollections faulty;

    private Setup open(MutableClock clock) {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(db)
                .collections(c -> faulty = new FaultyCollections(c))
                .build();
        Analytics analytics = MongoFixture.analyticsOver(store)
                .clock(clock)
                .storeAttempts(1)
                .compactionBatch(10)
                .build();
        return new Setup(db, faulty, store, analytics);
    }

    /** The in-memory reference: the same events, compacted without faults. */
    private static AnalyticsStore reference(List<OrderEvent> events) {
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        MutableClock clock = new MutableClock(RECORDED);
        try (Analytics analytics =
                MongoFixture.analyticsOver(store).clock(clock).build()) {
            analytics.recordAll(events);
            clock.set(LATER);
            analytics.compact(HORIZON);
        }
        return store;
    }

    @Test
    void aFaultAtEachStepOfACompactionThenRecoverLosesAndDoublesNothing() {
        List<OrderEvent> events = EventStream.events(21, 60);
        AnalyticsStore reference = reference(events);
        Set<String> faultedSteps = new TreeSet<>();
        for (int step = 1; step <= 9; step++) {
            MutableClock clock = new MutableClock(RECORDED);
            Setup s = open(clock);
            s.analytics().recordAll(events);
            clock.set(LATER);

            s.faulty().failAfterWrite(step);
            try {
                s.analytics().compact(HORIZON);
            } catch (StoreException e) {
                assertThat(FaultyCollections.injected(e))
                        .as("only injected faults: %s", e)
                        .isTrue();
            }
            faultedSteps.addAll(s.faulty().faultsByStep().keySet());
            s.faulty().stopFailing();
            s.analytics().recover();
            s.analytics().compact(HORIZON);

            assertSameAsReference(s, reference);
            s.analytics().close();
        }
        assertThat(faultedSteps).contains("1 record batch", "2 ledger", "3 baseline");
    }

    @Test
    void manyFaultsDuringALargeCompactionLeaveExactTotals() {
        List<OrderEvent> events = EventStream.events(33, 300);
        AnalyticsStore reference = reference(events);
        MutableClock clock = new MutableClock(RECORDED);
        Setup s = open(clock);
        s.analytics().recordAll(events);
        clock.set(LATER);

        Random schedule = new Random(5);
        s.faulty().failAfterEvery(() -> 1 + schedule.nextInt(6));
        int failedRuns = 0;
        while (true) {
            try {
                CompactionReport report = s.analytics().compact(HORIZON);
                if (report.compacted() == 0) {
                    break;
                }
            } catch (StoreException e) {
                assertThat(FaultyCollections.injected(e))
                        .as("only injected faults: %s", e)
                        .isTrue();
                failedRuns++;
            }
        }
        s.faulty().stopFailing();
        s.analytics().recover();

        assertThat(failedRuns).isGreaterThanOrEqualTo(10);
        assertSameAsReference(s, reference);
        s.analytics().close();
    }

    private static void assertSameAsReference(Setup s, AnalyticsStore reference) {
        assertThat(ledgerKeys(s.store())).isEqualTo(ledgerKeys(reference));
        assertThat(s.store().baseline().withoutZeros())
                .isEqualTo(reference.baseline().withoutZeros());
        assertThat(s.store().snapshot().withoutZeros())
                .isEqualTo(reference.snapshot().withoutZeros());
        assertThat(s.analytics().verify().drifts()).isEmpty();
        s.analytics().recover(); // writes the done mark the last batch still owes
        assertThat(s.db().getCollection("analytics_batches").countDocuments(Filters.eq("state", "pending")))
                .isZero();
    }

    private static Set<String> ledgerKeys(AnalyticsStore store) {
        Set<String> keys = new TreeSet<>();
        store.forEachLedgerEntry((LedgerEntry e) -> keys.add(e.key()));
        return keys;
    }
}
