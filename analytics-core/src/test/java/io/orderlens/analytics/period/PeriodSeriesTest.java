package io.orderlens.analytics.period;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.testing.CountingStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Series by period: buckets, changes, year-earlier, summaries, zones and validation")
class PeriodSeriesTest {
    private final CountingStore store = new CountingStore();

    private Analytics analytics(String zone) {
        return Analytics.builder().store(store).zone(ZoneId.of(zone)).build();
    }

    private static void deliver(Analytics a, String id, String customer, String at, String price) {
        Order o = order(id, customer, Instant.parse(at), line("p-1", "cat", 1, price));
        a.recordAll(List.of(OrderEvent.placed(o), OrderEvent.delivered(id, o.placedAt())));
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void aMonthlySeriesIsTheDailySeriesSummedPerMonthZeroFilled() {
        Analytics a = analytics("UTC");
        deliver(a, "o-1", "c-1", "2025-01-10T10:00:00Z", "10.0001");
        deliver(a, "o-2", "c-2", "2025-01-31T23:59:59Z", "5");
        deliver(a, "o-3", "c-1", "2025-03-01T00:00:00Z", "7.25");
        a.record(OrderEvent.placed(
                order("o-4", "c-3", Instant.parse("2025-03-02T08:00:00Z"), line("p-2", "c", 2, "3"))));
        a.record(OrderEvent.canceled("o-4", Instant.parse("2025-03-02T09:00:00Z")));
        a.record(OrderEvent.refunded(Refund.full("r-1", "o-1", Instant.parse("2025-02-03T12:00:00Z"))));

        PeriodSeries s = a.periods().series(Granularity.MONTH, d("2025-01-15"), d("2025-03-02"));

        assertThat(s.from()).isEqualTo(d("2025-01-01"));
        assertThat(s.to()).isEqualTo(d("2025-03-31"));
        assertThat(s.zone()).isEqualTo("UTC");
        assertThat(s.buckets()).extracting(PeriodBucket::label).containsExactly("2025-01", "2025-02", "2025-03");
        List<DailyStats> days = a.queries().daily(d("2025-01-01"), d("2025-03-31"));
        for (PeriodBucket b : s.buckets()) {
            List<DailyStats> in = days.stream()
                    .filter(x -> !x.date().isBefore(b.start()) && !x.date().isAfter(b.end()))
                    .toList();
            assertThat(b.totals().orders())
                    .isEqualTo(in.stream().mapToLong(DailyStats::orders).sum());
            assertThat(b.totals().grossRevenue())
                    .isEqualByComparingTo(
                            in.stream().map(DailyStats::grossRevenue).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(b.totals().netRevenue())
                    .isEqualByComparingTo(
                            in.stream().map(DailyStats::netRevenue).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(b.totals().newCustomers())
                    .isEqualTo(in.stream().mapToLong(DailyStats::newCustomers).sum());
            assertThat(b.totals().cancellations())
                    .isEqualTo(in.stream().mapToLong(DailyStats::cancellations).sum());
        }
        PeriodTotals jan = s.buckets().get(0).totals();
        assertThat(jan.orders()).isEqualTo(2);
        assertThat(jan.grossRevenue()).isEqualByComparingTo("15.0001");
        assertThat(jan.averageOrderValue()).isEqualByComparingTo("7.50");
        assertThat(jan.newCustomers()).isEqualTo(2);
        PeriodTotals feb = s.buckets().get(1).totals();
        assertThat(feb.orders()).isZero();
        assertThat(feb.refunds()).isEqualTo(1);
        assertThat(feb.refundedAmount()).isEqualByComparingTo("10.0001");
        assertThat(feb.netRevenue()).isEqualByComparingTo("-10.0001");
        PeriodTotals mar = s.buckets().get(2).totals();
        assertThat(mar.cancellations()).isEqualTo(1);
        assertThat(mar.ordersByStatus())
                .containsEntry(OrderStatus.CANCELED, 1L)
                .containsEntry(OrderStatus.DELIVERED, 1L);
        assertThat(store.dayReads).hasValue(2); // the series' one scan, and the daily series above
    }

    @Test
    void changesAreAbsoluteAndPercentAndThePercentIsUndefinedAfterAZero() {
        Analytics a = analytics("UTC");
        deliver(a, "o-1", "c-1", "2025-01-10T10:00:00Z", "10");
        deliver(a, "o-2", "c-1", "2025-03-10T10:00:00Z", "25");
        deliver(a, "o-3", "c-1", "2025-04-10T10:00:00Z", "20");
        a.record(OrderEvent.refunded(Refund.full("r-1", "o-1", Instant.parse("2025-02-03T12:00:00Z"))));

        List<PeriodBucket> b = a.periods()
                .series(Granularity.MONTH, d("2025-01-01"), d("2025-04-30"))
                .buckets();

        // January against an empty December: +10, percent undefined
        assertThat(b.get(0).previous().orders()).isZero();
        assertThat(b.get(0).change().get(Metric.GROSS_REVENUE).absolute()).isEqualByComparingTo("10");
        assertThat(b.get(0).change().get(Metric.GROSS_REVENUE).percent()).isNull();
        // February: gross 10 → 0 is -100 %
        assertThat(b.get(1).change().get(Metric.GROSS_REVENUE).percent()).isEqualByComparingTo("-100.00");
        // March net 25 after February's net -10: +35 on a base of |-10| is +350 %
        assertThat(b.get(2).change().get(Metric.NET_REVENUE).absolute()).isEqualByComparingTo("35");
        assertThat(b.get(2).change().get(Metric.NET_REVENUE).percent()).isEqualByComparingTo("350.00");
        // April: 25 → 20 is -20 %; orders 1 → 1 is 0 %
        assertThat(b.get(3).change().get(Metric.GROSS_REVENUE).percent()).isEqualByComparingTo("-20.00");
        assertThat(b.get(3).change().get(Metric.ORDERS).percent()).isEqualByComparingTo("0.00");
        assertThat(b.get(3).change().get(Metric.REFUNDS).percent()).isNull();
        assertThat(b.get(3).change()).containsOnlyKeys(Metric.values());
    }

    @Test
    void eachBucketComparesWithTheSameBucketAYearEarlier() {
        Analytics a = analytics("UTC");
        deliver(a, "o-1", "c-1", "2024-03-05T10:00:00Z", "40");
        deliver(a, "o-2", "c-2", "2025-03-20T10:00:00Z", "50");
        deliver(a, "o-3", "c-2", "2024-12-20T10:00:00Z", "8");

        PeriodSeries s = a.periods().series(Granularity.MONTH, d("2025-02-01"), d("2025-03-31"));

        PeriodBucket march = s.buckets().get(1);
        assertThat(march.yearEarlier().grossRevenue()).isEqualByComparingTo("40");
        assertThat(march.yearOverYear().get(Metric.GROSS_REVENUE).absolute()).isEqualByComparingTo("10");
        assertThat(march.yearOverYear().get(Metric.GROSS_REVENUE).percent()).isEqualByComparingTo("25.00");
        // c-2's first order was in December 2024: no new customer in March 2025, one in March 2024
        assertThat(march.totals().newCustomers()).isZero();
        assertThat(march.yearOverYear().get(Metric.NEW_CUSTOMERS).percent()).isEqualByComparingTo("-100.00");
        assertThat(s.buckets().get(0).yearOverYear().get(Metric.ORDERS).percent())
                .isNull();

        PeriodSeries q = a.periods().series(Granularity.QUARTER, d("2025-01-01"), d("2025-03-31"));
        assertThat(q.buckets().get(0).label()).isEqualTo("2025-Q1");
        assertThat(q.buckets().get(0).previous().grossRevenue()).isEqualByComparingTo("8");
        assertThat(q.buckets().get(0).yearEarlier().grossRevenue()).isEqualByComparingTo("40");

        PeriodSeries y = a.periods().series(Granularity.YEAR, d("2025-06-01"), d("2025-06-01"));
        assertThat(y.buckets().get(0).yearEarlier())
                .isEqualTo(y.buckets().get(0).previous());
        assertThat(y.buckets().get(0).previous().grossRevenue()).isEqualByComparingTo("48");
    }

    @Test
    void aRangeSummaryGivesSumMeanAndTheFirstBucketOfTheMinimumAndMaximum() {
        Analytics a = analytics("UTC");
        deliver(a, "o-1", "c-1", "2025-01-06T10:00:00Z", "30"); // 2025-W02
        deliver(a, "o-2", "c-1", "2025-01-07T10:00:00Z", "10"); // 2025-W02
        deliver(a, "o-3", "c-2", "2025-01-21T10:00:00Z", "40"); // 2025-W04

        PeriodSeries s = a.periods().series(Granularity.WEEK, d("2025-01-01"), d("2025-01-26"));

        assertThat(s.buckets())
                .extracting(PeriodBucket::label)
                .containsExactly("2025-W01", "2025-W02", "2025-W03", "2025-W04");
        MetricSummary gross = s.summary().get(Metric.GROSS_REVENUE);
        assertThat(gross.sum()).isEqualByComparingTo("80");
        assertThat(gross.mean()).isEqualByComparingTo("20");
        assertThat(gross.min()).isEqualByComparingTo("0");
        assertThat(gross.minBucket()).isEqualTo("2025-W01");
        assertThat(gross.max()).isEqualByComparingTo("40");
        assertThat(gross.maxBucket()).isEqualTo("2025-W02");
        MetricSummary orders = s.summary().get(Metric.ORDERS);
        assertThat(orders.sum()).isEqualByComparingTo("3");
        assertThat(orders.mean()).isEqualByComparingTo("0.75");
        assertThat(orders.max()).isEqualByComparingTo("2");
        assertThat(s.summary()).containsOnlyKeys(Metric.values());
    }

    @Test
    void anIsoWeekCrossingTheYearEndIsOneBucketOfItsWeekBasedYear() {
        Analytics a = analytics("UTC");
        deliver(a, "o-1", "c-1", "2020-12-28T10:00:00Z", "1");
        deliver(a, "o-2", "c-1", "2021-01-03T23:00:00Z", "2");
        deliver(a, "o-3", "c-1", "2021-01-04T00:00:00Z", "4");

        PeriodSeries s = a.periods().series(Granularity.WEEK, d("2021-01-01"), d("2021-01-04"));

        assertThat(s.buckets()).extracting(PeriodBucket::label).containsExactly("2020-W53", "2021-W01");
        assertThat(s.buckets().get(0).start()).isEqualTo(d("2020-12-28"));
        assertThat(s.buckets().get(0).end()).isEqualTo(d("2021-01-03"));
        assertThat(s.buckets().get(0).totals().grossRevenue()).isEqualByComparingTo("3");
        assertThat(s.buckets().get(0).yearEarlier()).isNull(); // 2019 has no week 53
        assertThat(s.buckets().get(0).yearOverYear()).isEmpty();
        assertThat(s.buckets().get(1).totals().grossRevenue()).isEqualByComparingTo("4");
        assertThat(s.buckets().get(1).previous().grossRevenue()).isEqualByComparingTo("3");
        // the year series splits the same week at the calendar year end
        PeriodSeries y = a.periods().series(Granularity.YEAR, d("2021-01-01"), d("2021-01-01"));
        assertThat(y.buckets().get(0).totals().grossRevenue()).isEqualByComparingTo("6");
        assertThat(y.buckets().get(0).previous().grossRevenue()).isEqualByComparingTo("1");
    }

    @Test
    void bucketsFollowTheBusinessZoneAcrossADaylightSavingChangeOnAMonthEnd() {
        // Europe/London moves to BST at 01:00 UTC on 2024-03-31, the last day of March
        Analytics a = analytics("Europe/London");
        deliver(a, "o-1", "c-1", "2024-03-31T22:30:00Z", "1"); // 23:30 BST on 31 March
        deliver(a, "o-2", "c-1", "2024-03-31T23:30:00Z", "2"); // 00:30 BST on 1 April
        deliver(a, "o-3", "c-1", "2024-03-31T00:30:00Z", "4"); // 00:30 GMT on 31 March, before the change

        List<PeriodBucket> b = a.periods()
                .series(Granularity.MONTH, d("2024-03-01"), d("2024-04-30"))
                .buckets();

        assertThat(b.get(0).totals().grossRevenue()).isEqualByComparingTo("5");
        assertThat(b.get(1).totals().grossRevenue()).isEqualByComparingTo("2");
        assertThat(b.get(1).change().get(Metric.GROSS_REVENUE).percent()).isEqualByComparingTo("-60.00");
    }

    @Test
    void aYearAndIsoWeekBoundaryInSummerTimeFollowsTheBusinessZone() {
        // Sydney is on daylight saving time (UTC+11) at the turn of the year
        Analytics a = analytics("Australia/Sydney");
        deliver(a, "o-1", "c-1", "2023-12-31T12:30:00Z", "1"); // 23:30 on 31 December 2023, a Sunday
        deliver(a, "o-2", "c-1", "2023-12-31T13:30:00Z", "2"); // 00:30 on 1 January 2024, a Monday

        PeriodSeries years = a.periods().series(Granularity.YEAR, d("2024-01-01"), d("2024-12-31"));
        PeriodSeries weeks = a.periods().series(Granularity.WEEK, d("2024-01-01"), d("2024-01-07"));

        assertThat(years.buckets().get(0).totals().grossRevenue()).isEqualByComparingTo("2");
        assertThat(years.buckets().get(0).previous().grossRevenue()).isEqualByComparingTo("1");
        assertThat(weeks.buckets()).extracting(PeriodBucket::label).containsExactly("2024-W01");
        assertThat(weeks.buckets().get(0).totals().grossRevenue()).isEqualByComparingTo("2");
        assertThat(weeks.buckets().get(0).previous().grossRevenue()).isEqualByComparingTo("1");
    }

    @Test
    void aDailySeriesComparesTheTwentyNinthOfFebruaryWithNothingAYearEarlier() {
        Analytics a = analytics("UTC");
        deliver(a, "o-1", "c-1", "2023-02-28T10:00:00Z", "3");
        deliver(a, "o-2", "c-1", "2024-02-28T10:00:00Z", "6");

        List<PeriodBucket> b = a.periods()
                .series(Granularity.DAY, d("2024-02-28"), d("2024-03-01"))
                .buckets();

        assertThat(b).extracting(PeriodBucket::label).containsExactly("2024-02-28", "2024-02-29", "2024-03-01");
        assertThat(b.get(0).yearOverYear().get(Metric.GROSS_REVENUE).percent()).isEqualByComparingTo("100.00");
        assertThat(b.get(1).yearEarlier()).isNull();
        assertThat(b.get(2).yearEarlier().orders()).isZero();
    }

    @Test
    void aTenYearMonthlySeriesReadsTheDayCountersOnce() {
        Analytics a = analytics("UTC");
        deliver(a, "o-1", "c-1", "2015-01-01T10:00:00Z", "1");
        deliver(a, "o-2", "c-1", "2024-12-31T10:00:00Z", "2");
        int before = store.dayReads.get();

        PeriodSeries s = a.periods().series(Granularity.MONTH, d("2015-01-01"), d("2024-12-31"));

        assertThat(store.dayReads.get() - before).isEqualTo(1);
        assertThat(s.buckets()).hasSize(120);
        assertThat(s.summary().get(Metric.GROSS_REVENUE).sum()).isEqualByComparingTo("3");
        assertThat(s.summary().get(Metric.ORDERS).maxBucket()).isEqualTo("2015-01");
    }

    @Test
    void badArgumentsAreRefusedWithTheOffendingValue() {
        Analytics a = analytics("UTC");
        PeriodQueries p = a.periods();
        assertThatThrownBy(() -> p.series(null, d("2025-01-01"), d("2025-01-31")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("granularity");
        assertThatThrownBy(() -> p.series(Granularity.MONTH, d("2025-02-01"), d("2025-01-31")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-02-01 > 2025-01-31");
        assertThatThrownBy(() -> p.series(Granularity.MONTH, d("2010-01-01"), d("2025-01-31")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3660");
        assertThatThrownBy(() -> p.series(Granularity.DAY, null, d("2025-01-31")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.series(Granularity.YEAR, d("1800-01-01"), d("1800-12-31")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1899-12-31");
        assertThat(store.dayReads).hasValue(0);
    }

    @Test
    void aClosedInstanceRefusesSeries() {
        Analytics a = analytics("UTC");
        PeriodQueries p = a.periods();
        a.close();
        assertThatThrownBy(() -> p.series(Granularity.MONTH, d("2025-01-01"), d("2025-01-31")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(a::periods).isInstanceOf(IllegalStateException.class);
    }
}
