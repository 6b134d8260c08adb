package io.orderlens.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fits reproduce the published CDNOW estimates (Fader, Hardie and Lee 2005, both papers) from the calibration
 * summary of all 2,357 customers.
 */
class CdnowFitTest {

    @Test
    void bgNbdFitOfTheCalibrationSummaryGivesThePublishedParameters() throws Exception {
        List<PurchaseSummary> customers = Cdnow.summaries();
        assertThat(customers).hasSize(2357);

        ModelFit<BgNbdParameters> fit = BgNbd.fit(customers);

        assertThat(fit.status()).isEqualTo(FitStatus.CONVERGED);
        BgNbdParameters p = fit.parameters().orElseThrow();
        assertThat(p.r()).isCloseTo(0.243, within(0.001));
        assertThat(p.alpha()).isCloseTo(4.414, within(0.001));
        assertThat(p.a()).isCloseTo(0.793, within(0.001));
        assertThat(p.b()).isCloseTo(2.426, within(0.001));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.43, within(0.01));
        assertThat(fit.customers()).isEqualTo(2357);
    }

    @Test
    void gammaGammaFitOfTheRepeatBuyersGivesThePublishedParameters() throws Exception {
        ModelFit<GammaGammaParameters> fit = GammaGamma.fit(Cdnow.summaries());

        assertThat(fit.status()).isEqualTo(FitStatus.CONVERGED);
        assertThat(fit.customers()).isEqualTo(946);
        GammaGammaParameters p = fit.parameters().orElseThrow();
        assertThat(p.p()).isCloseTo(6.25, within(0.01));
        assertThat(p.q()).isCloseTo(3.74, within(0.01));
        assertThat(p.gamma()).isCloseTo(15.44, within(0.01));
    }
}
