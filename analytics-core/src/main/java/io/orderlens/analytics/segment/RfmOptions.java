package io.orderlens.analytics.segment;

/**
 * How RFM scores and segments are computed: the scoring and the named-segment grid.
 *
 * @param scoring {@link RfmScoring#RANK} or {@link RfmScoring#THRESHOLDS}
 * @param grid    the named segments
 */
public record RfmOptions(RfmScoring scoring, RfmGrid grid) {
    private static final RfmOptions DEFAULTS = new RfmOptions(RfmScoring.RANK, RfmGrid.standard());

    /** @throws InvalidRuleException if either is null */
    public RfmOptions {
        if (scoring == null) {
            throw new InvalidRuleException("RFM scoring must not be null (RANK or THRESHOLDS)");
        }
        if (grid == null) {
            throw new InvalidRuleException("RFM grid must not be null (RfmGrid.standard() is the default)");
        }
    }

    /** Rank-based scoring and {@link RfmGrid#standard()}. */
    public static RfmOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another scoring. */
    public RfmOptions withScoring(RfmScoring newScoring) {
        return new RfmOptions(newScoring, grid);
    }

    /** These options with another grid. */
    public RfmOptions withGrid(RfmGrid newGrid) {
        return new RfmOptions(scoring, newGrid);
    }
}
