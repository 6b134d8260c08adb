package io.orderlens.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.OrderFrequency;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ThresholdCrossingTest {

    @Test
    void eachMissingPartIsNamed() {
        BigDecimal four = new BigDecimal("4.0");
        BigDecimal five = new BigDecimal("4.5");
        assertThatThrownBy(() -> new ThresholdCrossing.RatingTierChanged(null, "p", four, five, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("batchId");
        assertThatThrownBy(() -> new ThresholdCrossing.RatingTierChanged("b", null, four, five, 1))
                .hasMessage("productId");
        assertThatThrownBy(() -> new ThresholdCrossing.CustomerTierChanged(
                        "b", null, CustomerTier.BRONZE, CustomerTier.SILVER, BigDecimal.ONE))
                .hasMessage("customerId");
        assertThatThrownBy(() ->
                        new ThresholdCrossing.CustomerTierChanged("b", "c", null, CustomerTier.SILVER, BigDecimal.ONE))
                .hasMessage("from");
        assertThatThrownBy(
                        () -> new ThresholdCrossing.FrequencyClassChanged("b", "c", OrderFrequency.OCCASIONAL, null, 3))
                .hasMessage("to");
    }

    @Test
    void upwardComparesTheNewClassWithTheOld() {
        assertThat(new ThresholdCrossing.RatingTierChanged("b", "p", new BigDecimal("4.0"), new BigDecimal("4.5"), 9)
                        .upward())
                .isTrue();
        assertThat(new ThresholdCrossing.CustomerTierChanged(
                                "b", "c", CustomerTier.SILVER, CustomerTier.BRONZE, BigDecimal.ONE)
                        .upward())
                .isFalse();
        ThresholdCrossing up = new ThresholdCrossing.FrequencyClassChanged(
                "b", "c", OrderFrequency.OCCASIONAL, OrderFrequency.REGULAR, 3);
        assertThat(up.upward()).isTrue();
        assertThat(up.subjectId()).isEqualTo("c");
        assertThat(up.batchId()).isEqualTo("b");
    }
}
