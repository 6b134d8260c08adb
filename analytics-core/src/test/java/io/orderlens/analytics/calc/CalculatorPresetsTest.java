package io.orderlens.analytics.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Calculator presets at every boundary")
class CalculatorPresetsTest {

    @ParameterizedTest(name = "{0} units → {1}")
    @CsvSource({"-5,4.0", "0,4.0", "9,4.0", "10,4.2", "49,4.2", "50,4.5", "99,4.5", "100,4.8", "100000,4.8"})
    void fourTierRatingTable(long units, String rating) {
        assertThat(RatingPolicy.fourTier().rating(units)).isEqualByComparingTo(rating);
    }

    @ParameterizedTest(name = "{0} units → {1}")
    @CsvSource({"0,4.0", "9,4.0", "10,4.2", "49,4.2", "50,4.5", "99,4.5", "100,4.7", "199,4.7", "200,5.0", "5000,5.0"})
    void fiveTierRatingTable(long units, String rating) {
        assertThat(RatingPolicy.fiveTier().rating(units)).isEqualByComparingTo(rating);
    }

    @Test
    void aRatingTableMustStartAtZero() {
        assertThatThrownBy(() -> RatingPolicy.thresholds(Map.of(10L, "4.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a tier starting at 0 units");
        assertThatThrownBy(() -> RatingPolicy.thresholds(Map.of(0L, "four")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rating must be a decimal number, got 'four'");
    }

    @ParameterizedTest(name = "{0} orders in {1} days → {2}")
    @CsvSource({
        // younger than a month counts as one month
        "0,0,OCCASIONAL",
        "1,5,OCCASIONAL",
        "2,5,REGULAR",
        "7,29,REGULAR",
        "8,29,FREQUENT",
        // 60 days = 2 months: 2/month needs 4 orders, 8/month needs 16
        "3,60,OCCASIONAL",
        "4,60,REGULAR",
        "15,60,REGULAR",
        "16,60,FREQUENT",
        // 365 days: 2/month needs 24.33.. orders → 25 is regular, 24 occasional
        "24,365,OCCASIONAL",
        "25,365,REGULAR",
        "97,365,REGULAR",
        "98,365,FREQUENT"
    })
    void frequencyIsOrdersPerThirtyDayMonthOfAccountAge(long orders, long days, OrderFrequency expected) {
        assertThat(FrequencyPolicy.perMonth().classify(orders, Duration.ofDays(days)))
                .isEqualTo(expected);
    }

    @Test
    void frequencyBoundsMustBeIncreasing() {
        assertThatThrownBy(() -> FrequencyPolicy.perMonth(8, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need 0 < regularFrom < frequentFrom, got 8 and 2");
    }

    @ParameterizedTest(name = "{0}:00 → {1}")
    @CsvSource({
        "0,NIGHT",
        "5,NIGHT",
        "6,MORNING",
        "11,MORNING",
        "12,AFTERNOON",
        "16,AFTERNOON",
        "17,EVENING",
        "20,EVENING",
        "21,NIGHT",
        "23,NIGHT"
    })
    void timeOfDayBoundaries(int hour, TimeOfDay expected) {
        assertThat(TimeOfDayPolicy.standard().classify(hour)).isEqualTo(expected);
    }

    @Test
    void timeOfDayRejectsImpossibleHours() {
        assertThatThrownBy(() -> TimeOfDayPolicy.standard().classify(24))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hour must be 0..23, got 24");
    }

    @ParameterizedTest(name = "{0} spent → {1}")
    @CsvSource({
        "0,BRONZE",
        "999.99,BRONZE",
        "1000,SILVER",
        "4999.9999,SILVER",
        "5000,GOLD",
        "19999,GOLD",
        "20000,PLATINUM",
        "-10,BRONZE"
    })
    void customerTierDefaults(String spent, CustomerTier expected) {
        assertThat(CustomerTierPolicy.standard().tier(new BigDecimal(spent))).isEqualTo(expected);
    }

    @Test
    void customerTierThresholdsAreConfigurableAndChecked() {
        CustomerTierPolicy p =
                CustomerTierPolicy.thresholds(new BigDecimal("10"), new BigDecimal("20"), new BigDecimal("30"));
        assertThat(p.tier(new BigDecimal("25"))).isEqualTo(CustomerTier.GOLD);
        assertThatThrownBy(() ->
                        CustomerTierPolicy.thresholds(new BigDecimal("10"), new BigDecimal("5"), new BigDecimal("30")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need 0 < silver < gold < platinum, got 10, 5, 30");
    }
}
