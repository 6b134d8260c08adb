package io.orderlens.analytics.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.orderlens.analytics.spi.LedgerEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values computed independently with SciPy 1.17 on the per-customer revenues listed in each test:
 * {@code ttest_ind(treatment, control, equal_var=False)}, the pooled z by hand with {@code norm.sf}, and
 * {@code chisquare(observed, expected)}.
 */
class ExperimentResultsTest {
    private static final Experiment EXPERIMENT = Experiment.builder("banner").build();

    // control per-customer net revenue {0, 10.50, 20, 0}: 3 orders; treatment {12, 0, 30, 8.25, 0}: 4 orders
    private static final VariationTotals CONTROL =
            new VariationTotals("control", 4, 2, 3, new BigDecimal("30.50"), new BigDecimal("510.25"));
    private static final VariationTotals TREATMENT =
            new VariationTotals("treatment", 5, 3, 4, new BigDecimal("50.25"), new BigDecimal("1112.0625"));

    @Test
    void perVariationRowsAndComparisonsAgainstTheControl() {
        ExperimentResults r = ExperimentResults.of(EXPERIMENT, List.of(CONTROL, TREATMENT), 1);

        VariationResult control = r.variation("control");
        VariationResult treatment = r.variation("treatment");
        assertThat(control.conversionRate()).isEqualTo(0.5);
        assertThat(control.ordersPerUser()).isEqualTo(0.75);
        assertThat(control.netRevenuePerUser()).isEqualByComparingTo("7.625");
        assertThat(control.averageOrderValue()).isEqualByComparingTo("10.1667");
        assertThat(control.conversion()).isNull();
        assertThat(treatment.netRevenuePerUser()).isEqualByComparingTo("10.05");
        assertThat(treatment.averageOrderValue()).isEqualByComparingTo("12.5625");
        assertThat(treatment.conversion().statistic()).isCloseTo(0.3, within(1e-9));
        assertThat(treatment.conversion().pValue()).isCloseTo(0.7641771556, within(1e-9));
        assertThat(treatment.revenuePerUser().statistic()).isCloseTo(0.3315604788, within(1e-9));
        assertThat(treatment.revenuePerUser().degreesOfFreedom()).isCloseTo(6.9995382943, within(1e-8));
        assertThat(treatment.revenuePerUser().pValue()).isCloseTo(0.7499273280, within(1e-8));
        assertThat(treatment.revenuePerUser().absoluteLow()).isCloseTo(-14.8698552486, within(1e-8));
        assertThat(treatment.revenuePerUser().absoluteHigh()).isCloseTo(19.7198552486, within(1e-8));
        assertThat(r.multipleExposureUsers()).isEqualTo(1);
        assertThat(r.sampleRatio().chiSquare()).isCloseTo(0.1111111111, within(1e-9));
        assertThat(r.sampleRatio().pValue()).isCloseTo(0.7388826803, within(1e-9));
        assertThat(r.sampleRatio().mismatch()).isFalse();
    }

    @Test
    void variationsWithoutExposuresHaveUndefinedValuesNotErrors() {
        ExperimentResults r = ExperimentResults.of(
                EXPERIMENT, List.of(VariationTotals.empty("control"), VariationTotals.empty("treatment")), 0);

        assertThat(r.variation("treatment").conversionRate()).isNaN();
        assertThat(r.variation("treatment").netRevenuePerUser()).isNull();
        assertThat(r.variation("treatment").conversion().pValue()).isNaN();
        assertThat(r.sampleRatio().mismatch()).isFalse();
    }

    @Test
    void totalsMustMatchTheVariations() {
        assertThatThrownBy(() -> ExperimentResults.of(EXPERIMENT, List.of(TREATMENT, CONTROL), 0))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("at index 0 are for variation 'treatment', expected 'control'");
        assertThatThrownBy(() -> ExperimentResults.of(EXPERIMENT, List.of(CONTROL), 0))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("has 2 variations but 1 totals");
        assertThatThrownBy(() -> new VariationTotals("x", 1, 2, 0, BigDecimal.ZERO, BigDecimal.ZERO))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("converted 2");
        assertThatThrownBy(() -> ExperimentResults.of(EXPERIMENT, List.of(CONTROL, TREATMENT), 0)
                        .variation("nope"))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("no variation 'nope'");
    }

    @Test
    void frozenResultsAreTheSameFiguresWithTheInstantTheyWereTakenAt() {
        Instant at = Instant.parse("2026-03-02T00:00:00Z");
        ExperimentResults live = ExperimentResults.of(EXPERIMENT, List.of(CONTROL, TREATMENT), 1);
        ExperimentResults frozen =
                ExperimentResults.frozen(EXPERIMENT, new ResultsSnapshot(at, List.of(CONTROL, TREATMENT), 1));

        assertThat(frozen.frozen()).isTrue();
        assertThat(frozen.frozenAt()).isEqualTo(at);
        assertThat(live.frozen()).isFalse();
        assertThat(frozen.variations()).isEqualTo(live.variations());
        assertThat(frozen.sampleRatio()).isEqualTo(live.sampleRatio());
        assertThat(frozen.multipleExposureUsers()).isEqualTo(1);
    }

    @Test
    void aSnapshotThatDoesNotMatchTheExperimentOrIsIncompleteIsRejected() {
        Instant at = Instant.parse("2026-03-02T00:00:00Z");
        assertThatThrownBy(() ->
                        ExperimentResults.frozen(EXPERIMENT, new ResultsSnapshot(at, List.of(TREATMENT, CONTROL), 0)))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("at index 0 are for variation 'treatment', expected 'control'");
        assertThatThrownBy(() -> new ResultsSnapshot(null, List.of(CONTROL), 0))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("instant");
        assertThatThrownBy(() -> new ResultsSnapshot(at, List.of(), 0))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("totals of every variation, got none");
        assertThatThrownBy(() -> new ResultsSnapshot(at, List.of(CONTROL), -1))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("must be >= 0, got -1");
    }

    @Test
    void onlyACompletedDefinitionCarriesFrozenResults() {
        ResultsSnapshot snapshot =
                new ResultsSnapshot(Instant.parse("2026-03-02T00:00:00Z"), List.of(CONTROL, TREATMENT), 0);
        Experiment running = EXPERIMENT.withStatus(ExperimentStatus.RUNNING);

        assertThatThrownBy(() -> LedgerEntry.ofCompletedExperiment(1, running, snapshot, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("results are frozen only with a COMPLETED experiment, got RUNNING");
        LedgerEntry completed = LedgerEntry.ofCompletedExperiment(
                1, running.withStatus(ExperimentStatus.COMPLETED), snapshot, Instant.EPOCH);
        assertThat(completed.frozenResults()).isEqualTo(snapshot);
        assertThat(completed.withVersion(2).frozenResults()).isEqualTo(snapshot);
    }
}
