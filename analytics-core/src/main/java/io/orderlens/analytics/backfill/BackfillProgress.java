package io.orderlens.analytics.backfill;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a backfill is, passed to the progress callback after each batch (or every n batches) and once at the end.
 *
 * @param done          events behind the backfill, counting those skipped when resuming from a checkpoint
 * @param total         events in the source if known, else -1
 * @param ratePerSecond events per second written by this run (skipped events excluded); 0 before the first batch
 * @param eta           estimated time to finish, or null when the total or the rate is unknown
 */
public record BackfillProgress(long done, long total, double ratePerSecond, Duration eta) {

    public BackfillProgress {
        if (done < 0) {
            throw new IllegalArgumentException("done must not be negative, got " + done);
        }
        if (total < -1) {
            throw new IllegalArgumentException("total must be -1 (unknown) or more, got " + total);
        }
    }

    public boolean totalKnown() {
        return total >= 0;
    }

    public Optional<Duration> etaIfKnown() {
        return Optional.ofNullable(eta);
    }

    /** done / total in 0..1, or -1 when the total is unknown. */
    public double fraction() {
        if (total < 0) {
            return -1;
        }
        return total == 0 ? 1 : Math.min(1, (double) done / total);
    }
}
