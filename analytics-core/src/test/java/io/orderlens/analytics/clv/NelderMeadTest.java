package io.orderlens.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The minimiser behind the fits: finds a known minimum, and says when it ran out of evaluations. */
class NelderMeadTest {

    @Test
    void findsTheMinimumOfRosenbrocksValley() {
        NelderMead search = new NelderMead(1e-10, 1e-15, 20_000, 8);

        NelderMead.Result r = search.minimize(
                v -> 100 * Math.pow(v[1] - v[0] * v[0], 2) + Math.pow(1 - v[0], 2), new double[] {-1.2, 1}, 0.5);

        assertThat(r.converged()).isTrue();
        assertThat(r.point()[0]).isCloseTo(1, within(1e-6));
        assertThat(r.point()[1]).isCloseTo(1, within(1e-6));
        assertThat(r.value()).isCloseTo(0, within(1e-12));
    }

    @Test
    void anObjectiveWithoutAMinimumRunsOutOfEvaluationsAndKeepsTheBestPointSeen() {
        NelderMead search = new NelderMead(1e-9, 1e-13, 500, 8);

        NelderMead.Result r = search.minimize(v -> -v[0] - v[1], new double[2], 1);

        assertThat(r.converged()).isFalse();
        assertThat(r.evaluations()).isGreaterThanOrEqualTo(500);
        assertThat(r.value()).isLessThan(-10);
    }

    @Test
    void nonFiniteValuesCountAsWorseThanAnyFiniteOne() {
        NelderMead search = new NelderMead(1e-10, 1e-15, 20_000, 8);

        // undefined (NaN) left of x = 0.5: the search must stay right of it and find the minimum at 2
        NelderMead.Result r =
                search.minimize(v -> v[0] < 0.5 ? Double.NaN : (v[0] - 2) * (v[0] - 2), new double[] {1}, 0.25);

        assertThat(r.converged()).isTrue();
        assertThat(r.point()[0]).isCloseTo(2, within(1e-6));
    }
}
