package io.orderlens.analytics.cohort;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CohortsTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final Analytics analytics = Analytics.builder()
            .zone(NEW_YORK)
            .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
            .build();

    @AfterEach
    void close() {
        analytics.close();
    }

    private void deliver(Order o) {
        analytics.recordAll(List.of(OrderEvent.placed(o), OrderEvent.delivered(o.orderId(), o.placedAt())));
    }

    @Test
    void isoWeeksCrossYearBoundariesTheIsoWay() {
        assertThat(CohortPeriod.WEEK.label(LocalDate.of(2021, 1, 3))).isEqualTo("2020-W53");
        assertThat(CohortPeriod.WEEK.startOf(LocalDate.of(2021, 1, 3))).isEqualTo(LocalDate.of(2020, 12, 28));
        assertThat(CohortPeriod.WEEK.label(LocalDate.of(2021, 1, 4))).isEqualTo("2021-W01");
        assertThat(CohortPeriod.WEEK.label(LocalDate.of(2024, 12, 30))).isEqualTo("2025-W01");
        assertThat(CohortPeriod.WEEK.between(LocalDate.of(2020, 12, 31), LocalDate.of(2021, 1, 4)))
                .isEqualTo(1);
        assertThat(CohortPeriod.WEEK.plus(LocalDate.of(2020, 12, 28), 1)).isEqualTo(LocalDate.of(2021, 1, 4));
        assertThat(CohortPeriod.MONTH.label(LocalDate.of(2011, 1, 31))).isEqualTo("2011-01");
        assertThat(CohortPeriod.MONTH.between(LocalDate.of(2010, 12, 31), LocalDate.of(2011, 2, 1)))
                .isEqualTo(2);
    }

    @Test
    void ordersFallInTheBusinessZonesMonthAcrossDaylightSavingChanges() {
        // 23:30 on 31 October in New York (EDT) is already 1 November in UTC
        deliver(order("o-1", "c-1", Instant.parse("2021-11-01T03:30:00Z"), line("p", "c", 1, "10")));
        // 01:30 on 7 November, the night clocks fall back, and 23:30 on 30 November (EST)
        deliver(order("o-2", "c-1", Instant.parse("2021-11-07T05:30:00Z"), line("p", "c", 1, "10")));
        deliver(order("o-3", "c-2", Instant.parse("2021-12-01T04:30:00Z"), line("p", "c", 1, "10")));

        CohortTable table =
                analytics.cohorts().retention(CohortPeriod.MONTH, LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31));

        assertThat(table.cohorts()).extracting(Cohort::label).containsExactly("2021-10", "2021-11");
        assertThat(table.cohorts().get(0).cells())
                .extracting(CohortCell::activeCustomers)
                .containsExactly(1L, 1L);
    }

    @Test
    void weeklyCohortsUseIsoWeeksInTheBusinessZone() {
        // Sunday 3 January 2021 at 22:00 in New York is Monday in UTC; the week is still 2020-W53
        deliver(order("o-1", "c-1", Instant.parse("2021-01-04T03:00:00Z"), line("p", "c", 1, "10")));
        deliver(order("o-2", "c-1", Instant.parse("2021-01-05T15:00:00Z"), line("p", "c", 1, "4")));
        deliver(order("o-3", "c-2", Instant.parse("2021-01-05T15:00:00Z"), line("p", "c", 1, "6")));

        CohortTable table =
                analytics.cohorts().retention(CohortPeriod.WEEK, LocalDate.of(2020, 12, 1), LocalDate.of(2021, 1, 31));

        assertThat(table.cohorts()).extracting(Cohort::label).containsExactly("2020-W53", "2021-W01");
        Cohort first = table.cohorts().get(0);
        assertThat(first.start()).isEqualTo(LocalDate.of(2020, 12, 28));
        assertThat(first.cells()).extracting(CohortCell::activeCustomers).containsExactly(1L, 1L);
        assertThat(first.cells().get(1).cumulativeNetRevenue()).isEqualByComparingTo("14");
    }

    @Test
    void cohortsOutsideTheRangeAreLeftOutButTheirActivityStillSetsTheLatestPeriod() {
        deliver(order("o-1", "c-1", Instant.parse("2026-01-10T15:00:00Z"), line("p", "c", 1, "10")));
        deliver(order("o-2", "c-2", Instant.parse("2026-03-10T15:00:00Z"), line("p", "c", 1, "10")));

        CohortTable table =
                analytics.cohorts().retention(CohortPeriod.MONTH, LocalDate.of(2026, 1, 15), LocalDate.of(2026, 1, 15));

        assertThat(table.cohorts())
                .singleElement()
                .satisfies(c -> assertThat(c.cells()).hasSize(3));
        assertThat(analytics
                        .cohorts()
                        .retention(CohortPeriod.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))
                        .cohorts())
                .isEmpty();
    }

    @Test
    void badArgumentsAreRefusedWithTheirValues() {
        Cohorts cohorts = analytics.cohorts();
        LocalDate day = LocalDate.of(2026, 1, 1);
        assertThatThrownBy(() -> cohorts.retention(null, day, day))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("period");
        assertThatThrownBy(() -> cohorts.retention(CohortPeriod.MONTH, day.plusDays(1), day))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from 2026-01-02 is after to 2026-01-01");
        assertThatThrownBy(() -> cohorts.acquisitionFunnel(CohortPeriod.WEEK, null, day))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from and to must not be null");
    }

    @Test
    void queriesAfterCloseAreRefused() {
        Cohorts cohorts = analytics.cohorts();
        analytics.close();
        LocalDate day = LocalDate.of(2026, 1, 1);
        assertThatThrownBy(() -> cohorts.retention(CohortPeriod.MONTH, day, day))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(analytics::cohorts).isInstanceOf(IllegalStateException.class);
    }
}
