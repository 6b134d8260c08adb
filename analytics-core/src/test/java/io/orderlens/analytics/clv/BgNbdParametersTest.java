package io.orderlens.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Predictions of the BG/NBD model with the published CDNOW parameters against the paper's equations (10) and (11)
 * evaluated independently in mpmath 1.3 at 30 digits: the hypergeometric term directly as
 * {@code hyp2f1(r+x, b+x, a+b+x-1, t/(alpha+T+t))} (no transformation), so the library's route through Pfaff's
 * transformation and its series is checked against another.
 */
class BgNbdParametersTest {
    static final BgNbdParameters CDNOW = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

    @ParameterizedTest(name = "t = {0}, x = {1}, t_x = {2}, T = {3}: E[Y] = {4}, P(alive) = {5}")
    @CsvSource({
        "39, 2, 30.43, 38.86, 1.2260281747671444637, 0.7265785700806729129",
        "39, 0, 0, 38.86, 0.195098052011262641, 1.0",
        "10, 1, 1.71, 38.86, 0.058185839678624108558, 0.2121009853773790863",
        "52, 7, 29.43, 35.71, 5.2442383004894288855, 0.75591307613257784452",
        "100, 20, 38, 38.86, 26.859912904915578378, 0.94735932810258851253",
        "20, 0, 0, 32.71, 0.12162304839337065746, 1.0"
    })
    void predictionsMatchTheEquationsEvaluatedIndependently(
            double t, long x, double tx, double age, double expectedPurchases, double alive) {
        PurchaseSummary h = new PurchaseSummary(x, tx, age, BigDecimal.ZERO);
        assertThat(CDNOW.expectedPurchases(h, t)).isCloseTo(expectedPurchases, within(1e-10 * expectedPurchases));
        assertThat(CDNOW.probabilityAlive(h)).isCloseTo(alive, within(1e-12));
    }

    @Test
    void expectedPurchasesGrowWithTheHorizonAndAreZeroAtZero() {
        PurchaseSummary h = new PurchaseSummary(3, 20, 38.86, BigDecimal.TEN);
        assertThat(CDNOW.expectedPurchases(h, 0)).isZero();
        double previous = 0;
        for (int weeks = 4; weeks <= 520; weeks += 4) {
            double e = CDNOW.expectedPurchases(h, weeks);
            assertThat(e).as("%d weeks", weeks).isGreaterThan(previous);
            previous = e;
        }
    }

    @Test
    void aBadHorizonOrParameterIsRefusedWithItsName() {
        PurchaseSummary h = new PurchaseSummary(0, 0, 10, BigDecimal.ZERO);
        assertThatThrownBy(() -> CDNOW.expectedPurchases(h, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("horizon")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new BgNbdParameters(0.2, Double.NaN, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
    }

    @Test
    void aHistoryOutsideItsBoundsIsRefused() {
        assertThatThrownBy(() -> new PurchaseSummary(2, 12, 10, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recency");
        assertThatThrownBy(() -> new PurchaseSummary(-1, 0, 10, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeat purchases");
        assertThatThrownBy(() -> new PurchaseSummary(0, 3, 10, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without repeat purchases");
    }
}
