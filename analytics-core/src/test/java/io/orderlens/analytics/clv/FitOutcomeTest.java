package io.orderlens.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fit that cannot estimate reports it in its result; it never throws for the data. */
class FitOutcomeTest {

    @Test
    void tooFewCustomersAreReportedNotThrown() {
        List<PurchaseSummary> few =
                Collections.nCopies(BgNbd.MIN_CUSTOMERS - 1, new PurchaseSummary(1, 2, 5, BigDecimal.TEN));

        ModelFit<BgNbdParameters> bg = BgNbd.fit(few);
        ModelFit<GammaGammaParameters> gg = GammaGamma.fit(few);

        assertThat(bg.status()).isEqualTo(FitStatus.TOO_FEW_CUSTOMERS);
        assertThat(bg.parameters()).isEmpty();
        assertThat(bg.message()).contains("at least 10").contains("got 9");
        assertThat(gg.status()).isEqualTo(FitStatus.TOO_FEW_CUSTOMERS);
        assertThat(gg.message()).contains("repeat purchases");
    }

    @Test
    void customersWithoutRepeatPurchasesDoNotCountForTheSpendModel() {
        List<PurchaseSummary> once = Collections.nCopies(50, new PurchaseSummary(0, 0, 5, BigDecimal.ZERO));

        ModelFit<GammaGammaParameters> gg = GammaGamma.fit(once);

        assertThat(gg.status()).isEqualTo(FitStatus.TOO_FEW_CUSTOMERS);
        assertThat(gg.customers()).isZero();
    }

    @Test
    void aBaseWithoutAnyRepeatPurchaseHasNoMaximumAndIsReportedAsNotConverged() {
        // every customer bought once: the likelihood rises towards r → 0 without a maximum
        List<PurchaseSummary> once = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            once.add(new PurchaseSummary(0, 0, 1 + i % 40, BigDecimal.ZERO));
        }

        ModelFit<BgNbdParameters> fit = BgNbd.fit(once);

        assertThat(fit.status()).isEqualTo(FitStatus.NOT_CONVERGED);
        assertThat(fit.parameters()).isEmpty();
        assertThat(fit.message()).isNotBlank();
    }
}
