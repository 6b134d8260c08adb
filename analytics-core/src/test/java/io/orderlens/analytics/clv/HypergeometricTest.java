package io.orderlens.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The series of 2F1 against values computed independently: closed forms (Abramowitz and Stegun 15.1.3, 15.1.5, 15.1.8)
 * and values printed by mpmath 1.3's {@code hyp2f1} at 30 significant digits ({@code mp.dps = 30}).
 */
class HypergeometricTest {

    @ParameterizedTest(name = "2F1(1, 1; 2; {0}) = -ln(1-z)/z")
    @CsvSource({"0.5", "-0.5", "0.9", "0.99", "-0.99", "1e-6"})
    void oneOneTwoIsTheLogarithmSeries(double z) {
        assertThat(Hypergeometric.value(1, 1, 2, z))
                .isCloseTo(-Math.log1p(-z) / z, within(1e-13 * Math.abs(-Math.log1p(-z) / z)));
    }

    @ParameterizedTest(name = "2F1(a, b; b; {2}) = (1-z)^-a with a = {0}, b = {1}")
    @CsvSource({"0.3, 2.5, 0.7", "-1.5, 4, -0.8", "12.25, 0.5, 0.3"})
    void equalSecondAndThirdParametersGiveAPower(double a, double b, double z) {
        double expected = Math.pow(1 - z, -a);
        assertThat(Hypergeometric.value(a, b, b, z)).isCloseTo(expected, within(1e-13 * expected));
    }

    @ParameterizedTest(name = "2F1(1/2, 1/2; 3/2; z^2) = asin(z)/z with z = {0}")
    @CsvSource({"0.5", "0.9", "0.3"})
    void halfHalfThreeHalvesIsTheArcSine(double z) {
        double expected = Math.asin(z) / z;
        assertThat(Hypergeometric.value(0.5, 0.5, 1.5, z * z)).isCloseTo(expected, within(1e-13 * expected));
    }

    @ParameterizedTest(name = "2F1({0}, {1}; {2}; {3}) = {4} (mpmath)")
    @CsvSource({
        "5.243, 7.426, 7.219, 0.6, 141.9623515086894328789792",
        "0.243, -0.207, 2.219, -0.3, 1.006514548971899029567627",
        "2.5, 3.5, 1.5, 0.9, 69570.10852370441575470059",
        "40.2, 41.4, 42.2, 0.95, 1.892017039914451234960558e+51",
        "1.0, -0.2, 3.0, -0.5, 1.030489349075217822722113"
    })
    void matchesIndependentlyComputedValues(double p, double q, double c, double z, double expected) {
        assertThat(Hypergeometric.value(p, q, c, z)).isCloseTo(expected, within(1e-11 * Math.abs(expected)));
    }

    @ParameterizedTest(name = "ln 2F1(500.243, 502.426; 502.219; 0.95) beyond a double's range")
    @CsvSource({"1499.213440540928101232153"})
    void theLogarithmOfAValueBeyondTheRangeOfADoubleIsExact(double expected) {
        assertThat(Hypergeometric.value(500.243, 502.426, 502.219, 0.95)).isInfinite();
        assertThat(Hypergeometric.logValue(500.243, 502.426, 502.219, 0.95)).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest(name = "no value for c = {2}, z = {3}")
    @CsvSource({"1, 1, 0, 0.5", "1, 1, -2, 0.5", "1, 1, 2, 1.0", "1, 1, 2, -1.5", "1, 1, 2, NaN"})
    void outsideTheSeriesDomainTheValueIsNaN(double p, double q, double c, double z) {
        assertThat(Hypergeometric.value(p, q, c, z)).isNaN();
        assertThat(Hypergeometric.logValue(p, q, c, z)).isNaN();
    }
}
