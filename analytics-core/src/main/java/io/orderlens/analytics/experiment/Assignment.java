package io.orderlens.analytics.experiment;

/**
 * An experiment's bucketing compiled once: ranges precomputed so that {@link #bucket} allocates nothing. Immutable
 * and thread-safe.
 */
public final class Assignment {
    private final Experiment experiment;
    private final double[][] ranges;

    public Assignment(Experiment experiment) {
        this.experiment = experiment;
        double[] weights = new double[experiment.variations().size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = experiment.variations().get(i).weight();
        }
        this.ranges = Bucketing.bucketRanges(weights.length, experiment.coverage(), weights);
    }

    public Experiment experiment() {
        return experiment;
    }

    /**
     * The variation index GrowthBook would choose for {@code customerId}, or -1 when the customer is outside the
     * namespace slice or the coverage. Ignores status and dates.
     */
    public int bucket(String customerId) {
        if (customerId == null || customerId.isEmpty()) {
            return -1;
        }
        Namespace ns = experiment.namespace();
        if (ns != null && !ns.contains(customerId)) {
            return -1;
        }
        double n = Bucketing.hash(experiment.seed(), customerId, experiment.hashVersion());
        return Bucketing.chooseVariation(n, ranges);
    }
}
