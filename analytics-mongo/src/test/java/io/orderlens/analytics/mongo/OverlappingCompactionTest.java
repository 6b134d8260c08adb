package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.CompactionReport;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.StoreBatch;
import io.orderlens.analytics.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compactions that overlap (two instances, each with its own compaction run, on one database): a compaction A is
 * paused between moving its entries (the gate) and writing its segment, and meanwhile another instance's compaction
 * B, or a writer, meets the entries A claimed. Nothing is counted twice: the ledger, the baseline and the aggregates
 * end as an in-memory store compacted once, {@code verify()} finds no drift and {@code rebuild()} changes nothing.
 */
class OverlappingCompactionTest {
    private static final Instant RECORDED = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant HORIZON = Instant.parse("2026-06-01T00:00:00Z");

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private FaultyCollections faulty;

    /** Instance A over a fresh database, whose collection access can be paused ({@link FaultyCollections}). */
    private MongoAnalyticsStore storeA(MongoDatabase db) {
        return MongoAnalyticsStore.builder(db)
                .collections(c -> faulty = new FaultyCollections(c))
                .build();
    }

    private static Analytics analytics(AnalyticsStore store, MutableClock clock) {
        return MongoFixture.analyticsOver(store)
                .clock(clock)
                .storeAttempts(1)
                .compactionBatch(10)
                .build();
    }

    /** The in-memory reference: the same events, compacted once. */
    private static AnalyticsStore reference(List<OrderEvent> events) {
        return MongoFixture.compactedInMemory(events, RECORDED, LATER, HORIZON);
    }

    @Test
    void aCompactionRunWhileAnotherIsBetweenItsGateAndItsSegmentCountsNoEntryTwice() {
        List<OrderEvent> events = EventStream.events(21, 60);
        AnalyticsStore reference = reference(events);
        MongoDatabase db = mongo.freshDatabase();
        MutableClock clock = new MutableClock(RECORDED);
        MongoAnalyticsStore a = storeA(db);
        MongoAnalyticsStore b = MongoAnalyticsStore.builder(db).build();
        try (Analytics instanceA = analytics(a, clock);
                Analytics instanceB = analytics(b, clock)) {
            instanceA.recordAll(events);
            clock.set(LATER);
            List<String> claimedByA = new ArrayList<>();
            List<CompactionReport> runsOfB = new ArrayList<>();
            // A's first segment write: A has moved its first batch's entries; B runs a whole compaction then
            faulty.stageRace(new FaultyCollections.Race(StoreCollection.BASELINE, () -> {
                db.getCollection("analytics_ledger")
                        .find(Filters.exists(LedgerDocuments.COMPACTED_BY))
                        .forEach(d -> claimedByA.add(d.getString("_id")));
                runsOfB.add(instanceB.compact(HORIZON));
            }));

            CompactionReport runOfA = instanceA.compact(HORIZON);

            assertThat(faulty.raceStaged()).isFalse();
            assertThat(claimedByA).hasSize(10);
            assertThat(runsOfB.get(0).compacted()).isPositive();
            assertThat(runOfA.compacted() + runsOfB.get(0).compacted())
                    .isEqualTo(ledgerKeys(neverCompacted(events)).size()
                            - ledgerKeys(reference).size());
            assertSameAsReference(a, instanceA, reference);
            assertSameAsReference(b, instanceB, reference);
            assertThat(instanceB.rebuild().drifts()).isEmpty();
            assertSameAsReference(a, instanceA, reference);
        }
    }

    @Test
    void aWriterCannotChangeAnEntryAnotherCompactionHasClaimed() {
        List<OrderEvent> events = EventStream.events(21, 60);
        AnalyticsStore reference = reference(events);
        MongoDatabase db = mongo.freshDatabase();
        MutableClock clock = new MutableClock(RECORDED);
        MongoAnalyticsStore a = storeA(db);
        MongoAnalyticsStore writer = MongoAnalyticsStore.builder(db).build();
        try (Analytics instanceA = analytics(a, clock)) {
            instanceA.recordAll(events);
            clock.set(LATER);
            List<ApplyResult> writes = new ArrayList<>();
            List<String> claimed = new ArrayList<>();
            // a writer that read a claimed entry (at the version the gate moved it to) compare-and-sets it
            faulty.stageRace(new FaultyCollections.Race(StoreCollection.BASELINE, () -> {
                Document d = db.getCollection("analytics_ledger")
                        .find(Filters.exists(LedgerDocuments.COMPACTED_BY))
                        .first();
                claimed.add(d.getString("_id"));
                LedgerEntry read = writer.ledger(List.of(d.getString("_id"))).get(d.getString("_id"));
                writes.add(writer.apply(new StoreBatch(
                        "late-writer",
                        List.of(new LedgerChange(read, read.withVersion(read.version() + 1), Effect.NONE)))));
            }));

            instanceA.compact(HORIZON);

            assertThat(faulty.raceStaged()).isFalse();
            assertThat(writes.get(0).conflicts()).containsExactlyElementsOf(claimed);
            assertThat(a.ledger(claimed)).isEmpty();
            assertSameAsReference(a, instanceA, reference);
        }
    }

    /** The ledger of a store that recorded {@code events} and compacted nothing. */
    private static AnalyticsStore neverCompacted(List<OrderEvent> events) {
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        MutableClock clock = new MutableClock(RECORDED);
        try (Analytics analytics =
                MongoFixture.analyticsOver(store).clock(clock).build()) {
            analytics.recordAll(events);
        }
        return store;
    }

    private void assertSameAsReference(MongoAnalyticsStore store, Analytics analytics, AnalyticsStore reference) {
        assertThat(ledgerKeys(store)).isEqualTo(ledgerKeys(reference));
        assertThat(store.baseline().withoutZeros())
                .isEqualTo(reference.baseline().withoutZeros());
        assertThat(store.snapshot().withoutZeros())
                .isEqualTo(reference.snapshot().withoutZeros());
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    private static Set<String> ledgerKeys(AnalyticsStore store) {
        Set<String> keys = new TreeSet<>();
        store.forEachLedgerEntry((LedgerEntry e) -> keys.add(e.key()));
        keys.remove(LedgerEntry.HORIZON);
        return keys;
    }
}
