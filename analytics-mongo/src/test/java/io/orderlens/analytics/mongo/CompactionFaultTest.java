package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.CompactionReport;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.StoreBatch;
import io.orderlens.analytics.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
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

    /** A fresh store with {@code events} recorded at {@code RECORDED}, its instance's clock then moved to {@code LATER}. */
    private Setup recordedPastHorizon(List<OrderEvent> events) {
        MutableClock clock = new MutableClock(RECORDED);
        Setup s = open(clock);
        s.analytics().recordAll(events);
        clock.set(LATER);
        return s;
    }

    /** The in-memory reference: the same events, compacted without faults. */
    private static AnalyticsStore reference(List<OrderEvent> events) {
        return MongoFixture.compactedInMemory(events, RECORDED, LATER, HORIZON);
    }

    @Test
    void aFaultAtEachStepOfACompactionThenRecoverLosesAndDoublesNothing() {
        List<OrderEvent> events = EventStream.events(21, 60);
        AnalyticsStore reference = reference(events);
        Set<String> faultedSteps = new TreeSet<>();
        for (int step = 1; step <= 9; step++) {
            Setup s = recordedPastHorizon(events);

            s.faulty().failAfterWrite(step);
            compactUnlessAnInjectedFaultStopsIt(s);
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
        Setup s = recordedPastHorizon(events);

        Random schedule = new Random(5);
        s.faulty().failAfterEvery(() -> 1 + schedule.nextInt(6));
        int failedRuns = 0;
        while (true) {
            Optional<CompactionReport> report = compactUnlessAnInjectedFaultStopsIt(s);
            if (report.isEmpty()) {
                failedRuns++;
            } else if (report.get().compacted() == 0) {
                break;
            }
        }
        s.faulty().stopFailing();
        s.analytics().recover();

        assertThat(failedRuns).isGreaterThanOrEqualTo(10);
        assertSameAsReference(s, reference);
        s.analytics().close();
    }

    @Test
    void aResumedBatchWhoseEntryAWriterChangedCompactsNothingAndTheNextRunCompactsIt() {
        List<OrderEvent> events = EventStream.events(21, 60);
        AnalyticsStore reference = reference(events);
        Setup s = recordedPastHorizon(events);
        List<String> batchKeys = new ArrayList<>();
        // writes 1 and 2 raise the horizon; write 3 records the first compaction batch: a writer then moves one of its
        // entries before the batch moved any, and the connection drops
        s.faulty().failAfterWrite(3, () -> {
            Document record = s.db().getCollection("analytics_batches")
                    .find(Filters.and(Filters.eq("state", "pending"), Filters.eq("compaction", true)))
                    .first();
            byte[] changes = record.get("changes", Binary.class).getData();
            batchKeys.addAll(
                    new RawBsonDocument(changes).decode(new DocumentCodec()).getList("keys", String.class));
            LedgerEntry moved = s.store().ledger(List.of(batchKeys.get(0))).get(batchKeys.get(0));
            s.store()
                    .apply(new StoreBatch(
                            "writer",
                            List.of(new LedgerChange(moved, moved.withVersion(moved.version() + 1), Effect.NONE))));
        });
        compactUnlessAnInjectedFaultStopsIt(s);
        s.faulty().stopFailing();
        Delta baselineBefore = s.store().baseline().withoutZeros();

        s.analytics().recover();

        // the record cannot tell the contribution of the other nine: the batch's segment is void, its entries stay
        assertThat(batchKeys).hasSize(10);
        assertThat(s.store().ledger(batchKeys)).containsOnlyKeys(batchKeys);
        Document segment = s.db().getCollection("analytics_baseline")
                .find(Filters.eq("void", true))
                .first();
        assertThat(segment).isNotNull();
        assertThat(segment.get("rows")).isNull();
        assertThat(s.store().baseline().withoutZeros()).isEqualTo(baselineBefore);
        assertThat(s.analytics().verify().drifts()).isEmpty();
        // the void part released its claim on the entries it moved, so the next run may claim them
        assertThat(claimedEntries(s)).isZero();

        CompactionReport next = s.analytics().compact(HORIZON);

        assertThat(next.compacted()).isPositive();
        assertThat(s.store().ledger(batchKeys)).isEmpty();
        assertSameAsReference(s, reference);
        s.analytics().close();
    }

    @Test
    void aPendingCompactionRecordedWithEachChangesEffectIsFinishedByRecover() {
        List<OrderEvent> events = EventStream.events(21, 60);
        AnalyticsStore reference = reference(events);
        Setup s = recordedPastHorizon(events);
        // a record as an earlier version wrote it: each change with its compacted entry and its effect; here the
        // first change carries the whole contribution the reference compacted, the others none
        Set<String> remaining = ledgerKeys(reference);
        ByteArrayOutputStream changes = new ByteArrayOutputStream();
        boolean first = true;
        for (LedgerEntry e : ledgerEntries(s.store())) {
            if (remaining.contains(e.key())) {
                continue;
            }
            Effect effect = Effect.NONE;
            if (first) {
                Effect.Builder all = Effect.builder();
                reference.baseline().withoutZeros().forEach(all);
                effect = all.build();
                first = false;
            }
            Document change = new Document("key", e.key())
                    .append("expectedVersion", e.version())
                    .append("before", null)
                    .append("after", LedgerDocuments.document(e.withVersion(e.version() + 1)))
                    .append("effect", EffectDocuments.encode(effect));
            ByteBuffer bytes = new RawBsonDocument(change, new DocumentCodec())
                    .getByteBuffer()
                    .asNIO();
            changes.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        }
        s.db().getCollection("analytics_batches")
                .insertOne(new Document("_id", "earlier-compaction")
                        .append("state", "pending")
                        .append("createdAt", Date.from(RECORDED))
                        .append("compaction", true)
                        .append("changes", new Binary(changes.toByteArray())));

        assertThat(s.analytics().recover()).isEqualTo(1);
        s.analytics().compact(HORIZON);

        assertSameAsReference(s, reference);
        s.analytics().close();
    }

    @Test
    void aBatchWhoseSegmentAConcurrentResumptionMadeVoidCompactsNothing() {
        MutableClock clock = new MutableClock(RECORDED);
        Setup s = open(clock);
        s.analytics().recordAll(EventStream.events(21, 3));
        List<LedgerEntry> entries = ledgerEntries(s.store()).subList(0, 3);
        List<String> keys = entries.stream().map(LedgerEntry::key).toList();
        LedgerEntry first = entries.get(0);
        // a writer moves the first entry after it was read for the compaction
        s.store()
                .apply(new StoreBatch(
                        "writer",
                        List.of(new LedgerChange(first, first.withVersion(first.version() + 1), Effect.NONE))));
        Delta baselineBefore = s.store().baseline();
        // just before the batch writes its segment, another instance's recover() resumes it from its record
        s.faulty()
                .stageRace(new FaultyCollections.Race(
                        StoreCollection.BASELINE, () -> s.store().recover()));
        List<LedgerChange> changes = new ArrayList<>();
        for (LedgerEntry e : entries) {
            changes.add(new LedgerChange(
                    e, e.withVersion(e.version() + 1), Effect.of(List.of(new CategoryCounters("c", 1, 100, 1)))));
        }

        ApplyResult result = s.store().compact(new StoreBatch("compaction", changes));

        // the resumption could not tell the contribution of the two winners and made the segment void first
        assertThat(s.faulty().raceStaged()).isFalse();
        assertThat(result.conflicts()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(s.store().ledger(keys)).containsOnlyKeys(keys);
        assertThat(s.store().baseline()).isEqualTo(baselineBefore);
        assertThat(s.db().getCollection("analytics_baseline")
                        .find(Filters.eq("_id", "segment|compaction"))
                        .first())
                .containsEntry("void", true);
        assertThat(claimedEntries(s)).isZero();
        LedgerEntry released = s.store().ledger(List.of(keys.get(1))).get(keys.get(1));
        assertThat(s.store()
                        .apply(new StoreBatch(
                                "writer-after-release",
                                List.of(new LedgerChange(
                                        released, released.withVersion(released.version() + 1), Effect.NONE))))
                        .conflicts())
                .isEmpty();
        s.analytics().close();
    }

    @Test
    void anEntryAVoidPartOfThePreviousLayoutLeftMarkedIsCompactedByTheNextRun() {
        List<OrderEvent> events = EventStream.events(21, 60);
        AnalyticsStore reference = reference(events);
        Setup s = recordedPastHorizon(events);
        // as a void part left it before claims were negative versions: one version on, marked with the part id
        String key = firstCompactedKey(s, reference);
        s.db().getCollection("analytics_ledger")
                .updateOne(
                        Filters.eq("_id", key),
                        new Document("$inc", new Document("v", 1L))
                                .append("$set", new Document("compactedBy", "earlier-void")));
        s.db().getCollection("analytics_baseline")
                .insertOne(new Document("_id", "segment|earlier-void")
                        .append("void", true)
                        .append("createdAt", Date.from(RECORDED)));

        CompactionReport report = s.analytics().compact(HORIZON);

        assertThat(report.skipped()).isZero();
        assertThat(s.store().ledger(List.of(key))).isEmpty();
        assertSameAsReference(s, reference);
        s.analytics().close();
    }

    @Test
    void aPartThePreviousLayoutLeftPendingAfterItsSegmentIsFinishedByRecover() {
        List<OrderEvent> events = EventStream.events(21, 60);
        AnalyticsStore reference = reference(events);
        Setup s = recordedPastHorizon(events);
        List<String> moved = new ArrayList<>();
        // writes 1 and 2 raise the horizon, 3 records the first batch, 4 claims its entries, 5 writes its segment;
        // then the entries are put as the previous layout moved them (the next version, positive, with the part id)
        s.faulty()
                .failAfterWrite(
                        5,
                        () -> s.db().getCollection("analytics_ledger")
                                .find(Filters.lt("v", 0L))
                                .forEach(d -> {
                                    moved.add(d.getString("_id"));
                                    s.db().getCollection("analytics_ledger")
                                            .updateOne(
                                                    Filters.eq("_id", d.getString("_id")),
                                                    new Document("$set", new Document("v", -d.getLong("v"))));
                                }));
        compactUnlessAnInjectedFaultStopsIt(s);
        s.faulty().stopFailing();
        assertThat(s.faulty().faultsByStep()).containsOnlyKeys("3 baseline");
        assertThat(moved).hasSize(10);

        s.analytics().recover();

        assertThat(s.store().ledger(moved)).isEmpty();
        s.analytics().compact(HORIZON);
        assertSameAsReference(s, reference);
        s.analytics().close();
    }

    /** Compacts up to {@link #HORIZON}; empty if a fault stopped the run, which must be an injected one. */
    private static Optional<CompactionReport> compactUnlessAnInjectedFaultStopsIt(Setup s) {
        try {
            return Optional.of(s.analytics().compact(HORIZON));
        } catch (StoreException e) {
            assertThat(FaultyCollections.injected(e))
                    .as("only injected faults: %s", e)
                    .isTrue();
            return Optional.empty();
        }
    }

    /** A key the reference compacted. */
    private static String firstCompactedKey(Setup s, AnalyticsStore reference) {
        Set<String> kept = ledgerKeys(reference);
        return ledgerKeys(s.store()).stream()
                .filter(k -> !kept.contains(k))
                .findFirst()
                .orElseThrow();
    }

    /** Ledger entries that carry a compaction part's claim. */
    private static long claimedEntries(Setup s) {
        return s.db().getCollection("analytics_ledger").countDocuments(Filters.exists(LedgerDocuments.COMPACTED_BY));
    }

    private static List<LedgerEntry> ledgerEntries(AnalyticsStore store) {
        List<LedgerEntry> entries = new ArrayList<>();
        store.forEachLedgerEntry(entries::add);
        return entries;
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
