package io.orderlens.analytics.segment;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.testing.AnalyticsFixture;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of the two scorings on frequencies 1, 1, 1, 2, 3, 3 (customers a..f): NTILE(5) of six rows has
 * groups of 2, 1, 1, 1, 1, ties broken by id; the type-7 cut points are 1, 1, 2, 3, so ties share a score and a
 * value equal to a cut point gets the lower score.
 */
class RfmTiesTest {
    private final AnalyticsFixture fx = new AnalyticsFixture();
    private final LocalDate asOf = LocalDate.of(2026, 6, 30);

    RfmTiesTest() {
        int[] orders = {1, 1, 1, 2, 3, 3};
        Instant day = Instant.parse("2026-06-01T06:00:00Z");
        for (int c = 0; c < orders.length; c++) {
            String id = String.valueOf((char) ('a' + c));
            for (int k = 0; k < orders[c]; k++) {
                Order o = order(id + k, id, day.plus(k, ChronoUnit.HOURS), line("p-1", "cat", 1, "10"));
                fx.deliver(o);
            }
        }
    }

    private List<Integer> frequencyScores(RfmScoring scoring) {
        return fx.analytics.segments().using(RfmOptions.defaults().withScoring(scoring)).rfmScores(asOf, 0, 10).stream()
                .map(RfmScore::frequency)
                .toList();
    }

    @Test
    void rankScoringSplitsTiesByCustomerId() {
        assertThat(frequencyScores(RfmScoring.RANK)).containsExactly(1, 1, 2, 3, 4, 5);
    }

    @Test
    void thresholdScoringKeepsTiesTogetherAndPutsValuesOnACutPointBelowIt() {
        assertThat(frequencyScores(RfmScoring.THRESHOLDS)).containsExactly(1, 1, 1, 3, 4, 4);
        RfmSummary summary = fx.analytics
                .segments()
                .using(RfmOptions.defaults().withScoring(RfmScoring.THRESHOLDS))
                .rfm(asOf);
        assertThat(summary.frequencyCuts()).extracting(Object::toString).containsExactly("1", "1", "2", "3");
        // every last order is on the same day: all recency cut points equal it, so all share the lowest score
        assertThat(summary.recencyCuts()).extracting(Object::toString).containsOnly("29");
        assertThat(fx.analytics
                        .segments()
                        .using(RfmOptions.defaults().withScoring(RfmScoring.THRESHOLDS))
                        .rfmScores(asOf, 0, 10))
                .extracting(RfmScore::recency)
                .containsOnly(1);
    }

    @Test
    void aClosedInstanceRefusesSegmentQueries() {
        Segments segments = fx.analytics.segments();
        fx.analytics.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> segments.rfm(asOf))
                .isInstanceOf(IllegalStateException.class);
    }
}
