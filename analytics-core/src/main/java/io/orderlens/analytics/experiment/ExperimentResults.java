package io.orderlens.analytics.experiment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment's results, computed from the per-variation counters (never from the orders): one row per variation
 * (the control first), the customers excluded for having been exposed to more than one variation, and the
 * sample-ratio check against the configured weights. Immutable.
 *
 * <p>The results of a {@link ExperimentStatus#COMPLETED} experiment are frozen: they are computed from the
 * {@link ResultsSnapshot} taken at the transition, and {@link #frozenAt()} says when it was taken.
 *
 * @param experiment the definition the results belong to
 * @param variations one result per variation, in definition order
 * @param multipleExposureUsers customers seen in two or more variations, excluded from every row
 * @param sampleRatio chi-square check of the exposed counts against the weights
 * @param frozenAt when the figures were frozen (the experiment completed); null for live results
 */
public record ExperimentResults(
        Experiment experiment,
        List<VariationResult> variations,
        long multipleExposureUsers,
        SampleRatioCheck sampleRatio,
        Instant frozenAt) {

    public ExperimentResults {
        variations = List.copyOf(variations);
    }

    /** Money values per customer and per order are given to this many decimal places. */
    public static final int MONEY_SCALE = 4;

    /**
     * Results from {@code totals}, one per variation of {@code experiment} in definition order.
     *
     * @throws InvalidExperimentException if the totals do not name the experiment's variations in order
     */
    public static ExperimentResults of(Experiment experiment, List<VariationTotals> totals, long multipleExposures) {
        return of(experiment, totals, multipleExposures, null);
    }

    /**
     * Frozen results of {@code experiment} from {@code snapshot}.
     *
     * @throws InvalidExperimentException if the snapshot does not name the experiment's variations in order
     */
    public static ExperimentResults frozen(Experiment experiment, ResultsSnapshot snapshot) {
        return of(experiment, snapshot.totals(), snapshot.multipleExposureUsers(), snapshot.takenAt());
    }

    private static ExperimentResults of(
            Experiment experiment, List<VariationTotals> totals, long multipleExposures, Instant frozenAt) {
        List<Variation> vs = experiment.variations();
        if (totals.size() != vs.size()) {
            throw new InvalidExperimentException("experiment '" + experiment.key() + "' has " + vs.size()
                    + " variations but " + totals.size() + " totals were given");
        }
        long[] exposed = new long[vs.size()];
        double[] weights = new double[vs.size()];
        for (int i = 0; i < vs.size(); i++) {
            if (!vs.get(i).key().equals(totals.get(i).variation())) {
                throw new InvalidExperimentException("totals of experiment '" + experiment.key() + "' at index " + i
                        + " are for variation '" + totals.get(i).variation() + "', expected '"
                        + vs.get(i).key()
                        + "'");
            }
            exposed[i] = totals.get(i).exposedUsers();
            weights[i] = vs.get(i).weight();
        }
        VariationTotals control = totals.get(0);
        List<VariationResult> rows = new ArrayList<>(vs.size());
        for (int i = 0; i < vs.size(); i++) {
            VariationTotals t = totals.get(i);
            Comparison conversion = null;
            Comparison revenue = null;
            if (i > 0) {
                conversion = Significance.twoProportions(
                        control.convertedUsers(), control.exposedUsers(), t.convertedUsers(), t.exposedUsers());
                revenue = Significance.welch(
                        control.exposedUsers(),
                        control.netRevenue(),
                        control.netRevenueSquares(),
                        t.exposedUsers(),
                        t.netRevenue(),
                        t.netRevenueSquares());
            }
            rows.add(new VariationResult(
                    t.variation(),
                    t.exposedUsers(),
                    t.convertedUsers(),
                    ratio(t.convertedUsers(), t.exposedUsers()),
                    ratio(t.orders(), t.exposedUsers()),
                    perUnit(t.netRevenue(), t.exposedUsers()),
                    perUnit(t.netRevenue(), t.orders()),
                    conversion,
                    revenue));
        }
        boolean anyZeroWeight = false;
        for (double w : weights) {
            anyZeroWeight |= !(w > 0);
        }
        SampleRatioCheck srm = anyZeroWeight
                ? new SampleRatioCheck(Double.NaN, vs.size() - 1, Double.NaN, false)
                : Significance.sampleRatio(exposed, weights);
        return new ExperimentResults(experiment, rows, multipleExposures, srm, frozenAt);
    }

    /** Whether these are the frozen results of a completed experiment. */
    public boolean frozen() {
        return frozenAt != null;
    }

    /** The row of {@code variationKey}. */
    public VariationResult variation(String variationKey) {
        return variations.stream()
                .filter(v -> v.variation().equals(variationKey))
                .findFirst()
                .orElseThrow(() -> new InvalidExperimentException(
                        "experiment '" + experiment.key() + "' has no variation '" + variationKey + "'"));
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    private static BigDecimal perUnit(BigDecimal amount, long count) {
        return count == 0 ? null : amount.divide(BigDecimal.valueOf(count), MONEY_SCALE, RoundingMode.HALF_EVEN);
    }
}
