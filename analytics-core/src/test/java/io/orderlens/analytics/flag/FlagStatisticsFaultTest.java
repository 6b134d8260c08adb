package io.orderlens.analytics.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.async.FaultyStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.StoreBatch;
import io.orderlens.analytics.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Flag statistics when the store fails: counts are kept and written exactly once by a later flush, whether the failed
 * write never applied, applied without an acknowledgement, or applies later (a resumed batch); close waits for a
 * flush in progress and writes the rest.
 */
class FlagStatisticsFaultTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    private static final LocalDate DAY = LocalDate.parse("2026-03-01");
    private static final String KEY = FlagDayTally.ledgerKey("beta", DAY);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final FaultyStore store = new FaultyStore();
    private Analytics analytics;

    private Analytics open(Duration flushEvery, int maxPendingDays) {
        analytics = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(clock)
                .storeAttempts(1)
                .flagStatistics(flushEvery, maxPendingDays)
                .build();
        analytics.flags().save(FeatureFlag.bool("beta", FlagRule.force(Targeting.attribute("role", "staff"), "true")));
        analytics.flags().save(FeatureFlag.bool("gamma", FlagRule.force(null, "true")));
        analytics.flags().save(FeatureFlag.bool("delta", FlagRule.force(null, "true")));
        return analytics;
    }

    private Analytics open() {
        return open(Duration.ofHours(1), 1_000);
    }

    @AfterEach
    void close() {
        store.up();
        analytics.close();
    }

    private void evaluate(String flag, int times, boolean on) {
        for (int i = 0; i < times; i++) {
            analytics.flags().value(flag, "c-1", on ? Map.of("role", "staff") : Map.of());
        }
    }

    /** The statistics as a fresh instance on the same data reads them. */
    private FlagDayStats stored(String flag) {
        FlagDayTally t = tally(flag);
        return t == null ? FlagDayStats.none(DAY) : t.stats();
    }

    private FlagDayTally tally(String flag) {
        String key = FlagDayTally.ledgerKey(flag, DAY);
        LedgerEntry e = store.delegate().ledger(Set.of(key)).get(key);
        return e == null ? null : e.flagTally();
    }

    @Test
    void aStoreDownDuringAFlushKeepsTheCountsAndTheNextFlushWritesThemOnce() {
        open();
        evaluate("beta", 3, true);
        store.down();
        assertThatThrownBy(() -> analytics.flags().flushStatistics()).isInstanceOf(StoreException.class);
        evaluate("beta", 2, false);
        assertThatThrownBy(() -> analytics.flags().flushStatistics()).isInstanceOf(StoreException.class);

        store.up();
        assertThat(analytics.flags().flushStatistics()).isEqualTo(1);
        assertThat(stored("beta")).isEqualTo(new FlagDayStats(DAY, 5, 3, Map.of("true", 3L, "false", 2L)));
    }

    @Test
    void aWriteAppliedWithoutAnAcknowledgementIsRecognisedByItsMarkAndNotAddedAgain() {
        open();
        evaluate("beta", 5, true);
        store.loseNextAcknowledgements(1);
        assertThatThrownBy(() -> analytics.flags().flushStatistics()).isInstanceOf(StoreException.class);
        assertThat(stored("beta").evaluations()).as("applied all the same").isEqualTo(5);

        evaluate("beta", 2, false);
        analytics.flags().flushStatistics();
        analytics.flags().flushStatistics();
        assertThat(stored("beta")).isEqualTo(new FlagDayStats(DAY, 7, 5, Map.of("true", 5L, "false", 2L)));
    }

    /** Fails the next write before it applies and hands back its batch, to be applied later as a resumed one. */
    private AtomicReference<StoreBatch> failNextWriteAndKeepIt() {
        AtomicReference<StoreBatch> kept = new AtomicReference<>();
        store.beforeApply(b -> {
            if (kept.compareAndSet(null, b)) {
                throw new StoreException("write of batch " + b.batchId() + " failed before applying");
            }
        });
        return kept;
    }

    @Test
    void aFailedWriteThatLandsBeforeTheNextFlushIsCountedOnce() {
        open();
        evaluate("beta", 4, true);
        AtomicReference<StoreBatch> failed = failNextWriteAndKeepIt();
        assertThatThrownBy(() -> analytics.flags().flushStatistics()).isInstanceOf(StoreException.class);
        assertThat(store.delegate().apply(failed.get()).conflicts()).isEmpty(); // resumed by a recovery

        evaluate("beta", 1, false);
        analytics.flags().flushStatistics();
        assertThat(stored("beta")).isEqualTo(new FlagDayStats(DAY, 5, 4, Map.of("true", 4L, "false", 1L)));
    }

    @Test
    void aFailedWriteThatLandsAfterItsCountsWereSentAgainIsRefused() {
        open();
        evaluate("beta", 4, true);
        AtomicReference<StoreBatch> failed = failNextWriteAndKeepIt();
        assertThatThrownBy(() -> analytics.flags().flushStatistics()).isInstanceOf(StoreException.class);
        evaluate("beta", 1, false);
        analytics.flags().flushStatistics();

        ApplyResult late = store.delegate().apply(failed.get());
        assertThat(late.conflicts()).containsExactly(KEY);
        assertThat(stored("beta")).isEqualTo(new FlagDayStats(DAY, 5, 4, Map.of("true", 4L, "false", 1L)));
    }

    @Test
    void aFailedWriteThatLandsWhileItsCountsAreSentAgainMakesTheNewWriteConflictAndCountsOnce() {
        open();
        evaluate("beta", 4, true);
        AtomicReference<StoreBatch> failed = failNextWriteAndKeepIt();
        assertThatThrownBy(() -> analytics.flags().flushStatistics()).isInstanceOf(StoreException.class);
        evaluate("beta", 1, false);
        store.beforeApply(b -> {
            if (failed.get() != null) {
                store.delegate().apply(failed.getAndSet(null)); // lands between the flush's read and its write
            }
        });

        assertThat(analytics.flags().flushStatistics())
                .as("written in the second round")
                .isEqualTo(1);
        assertThat(stored("beta")).isEqualTo(new FlagDayStats(DAY, 5, 4, Map.of("true", 4L, "false", 1L)));
        assertThat(tally("beta").flushes()).hasSize(1);
    }

    @Test
    void closeWhileAFlushIsInProgressWaitsForItAndWritesWhatWasCountedMeanwhile() throws Exception {
        open();
        evaluate("beta", 3, true);
        FeatureFlags flags = analytics.flags();
        int writesBefore = store.applyCalls();
        store.holdWrites();
        CompletableFuture<Integer> flushing = CompletableFuture.supplyAsync(flags::flushStatistics);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (store.applyCalls() == writesBefore && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the flush's write is held at the gate
        }
        assertThat(store.applyCalls()).as("the flush's write is in progress").isGreaterThan(writesBefore);
        evaluate("beta", 2, false);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> analytics.close());
        store.releaseWrites();

        assertThat(flushing.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        closing.get(30, TimeUnit.SECONDS);
        assertThat(stored("beta")).isEqualTo(new FlagDayStats(DAY, 5, 3, Map.of("true", 3L, "false", 2L)));
    }

    @Test
    void closeWithTheStoreDownReturnsAndLeavesTheStoreUntouched() {
        open();
        evaluate("beta", 3, true);
        store.down();

        analytics.close();
        store.up();
        assertThat(tally("beta")).isNull();
    }

    @Test
    void theScheduleWritesWithoutACallAndRetriesAFailedFlush() throws Exception {
        open(Duration.ofMillis(20), 1_000);
        store.failNextWrites(1);
        evaluate("beta", 6, true);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stored("beta").evaluations() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(stored("beta")).isEqualTo(new FlagDayStats(DAY, 6, 6, Map.of("true", 6L)));
        assertThat(store.applyCalls())
                .as("the failed flush and the one that wrote")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void beyondTheLimitOfFlagDaysWaitingForTheStoreFurtherOnesAreServedButNotCounted() {
        open(Duration.ofHours(1), 2);
        evaluate("beta", 3, true);
        evaluate("gamma", 1, true);
        store.down();
        assertThatThrownBy(() -> analytics.flags().flushStatistics()).isInstanceOf(StoreException.class);

        assertThat(analytics.flags().isOn("delta", "c-1", null)).isTrue();
        evaluate("delta", 3, true);
        assertThat(analytics.flags().uncountedEvaluations()).isEqualTo(4);

        store.up();
        analytics.flags().flushStatistics();
        assertThat(stored("beta").evaluations()).isEqualTo(3);
        assertThat(stored("gamma").evaluations()).isEqualTo(1);
        assertThat(tally("delta")).isNull();
    }
}
