package io.orderlens.analytics.experiment;

import java.time.Instant;
import java.util.List;

/**
 * The figures an experiment's results are computed from, taken when it moved to {@link ExperimentStatus#COMPLETED}
 * and kept in the store with the completed definition (written by the same compare-and-set), so that every instance
 * reports the same frozen results while the live counters keep following refunds and cancels. Immutable.
 *
 * @param takenAt when the snapshot was taken (the instance's clock at the transition)
 * @param totals one per variation, in the definition's order
 * @param multipleExposureUsers customers excluded for having been exposed to more than one variation, >= 0
 */
public record ResultsSnapshot(Instant takenAt, List<VariationTotals> totals, long multipleExposureUsers) {

    public ResultsSnapshot {
        if (takenAt == null) {
            throw new InvalidExperimentException("a results snapshot needs the instant it was taken at");
        }
        if (totals == null || totals.isEmpty()) {
            throw new InvalidExperimentException("a results snapshot needs the totals of every variation, got "
                    + (totals == null ? "null" : "none"));
        }
        totals = List.copyOf(totals);
        if (multipleExposureUsers < 0) {
            throw new InvalidExperimentException(
                    "multiple-exposure users of a results snapshot must be >= 0, got " + multipleExposureUsers);
        }
    }
}
