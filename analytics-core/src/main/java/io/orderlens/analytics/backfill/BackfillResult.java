package io.orderlens.analytics.backfill;

import java.time.Duration;

/**
 * What a finished backfill did.
 *
 * @param resumedFrom the checkpoint position the run started at (events skipped)
 * @param events      events read and written by this run
 * @param applied     events that changed an order's state ({@code RecordOutcome.APPLIED})
 * @param duplicates  events already recorded before (e.g. the batch re-written after an interruption)
 * @param held        events kept in the ledger without effect yet ({@code HELD})
 * @param ignored     events made moot by an earlier terminal state ({@code IGNORED})
 * @param invalid     events rejected by the lifecycle rules (each reported to the invalid-event handler)
 * @param batches     store batches written
 * @param elapsed     wall time of this run
 */
public record BackfillResult(
        long resumedFrom,
        long events,
        long applied,
        long duplicates,
        long held,
        long ignored,
        long invalid,
        long batches,
        Duration elapsed) {

    /** The checkpoint position after this run: {@code resumedFrom + events}. */
    public long position() {
        return resumedFrom + events;
    }
}
