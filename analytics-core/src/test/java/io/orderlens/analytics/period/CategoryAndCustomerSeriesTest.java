package io.orderlens.analytics.period;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.Scan;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Revenue by category per period, and new vs returning customers per period")
class CategoryAndCustomerSeriesTest {
    private final ScanLog store = new ScanLog();
    private final Analytics a =
            Analytics.builder().store(store).zone(ZoneId.of("Europe/Berlin")).build();

    /** An in-memory store that logs every scan as {@code <aggregate> <scan>}. */
    static final class ScanLog extends ForwardingAnalyticsStore {
        private final List<String> scans = new ArrayList<>();

        ScanLog() {
            super(new InMemoryAnalyticsStore());
        }

        @Override
        public <T extends Counters> void scan(Aggregate<T> aggregate, Scan scan, Consumer<? super T> visitor) {
            synchronized (scans) {
                scans.add(aggregate.name() + " " + describe(scan));
            }
            super.scan(aggregate, scan, visitor);
        }

        private static String describe(Scan scan) {
            if (scan instanceof Scan.Dates d) {
                return "dates " + d.from() + ".." + d.to();
            }
            return scan instanceof Scan.Partition p ? "partition " + p.key() : "all";
        }

        List<String> scans() {
            synchronized (scans) {
                return List.copyOf(scans);
            }
        }

        void reset() {
            synchronized (scans) {
                scans.clear();
            }
        }
    }

    @AfterEach
    void close() {
        a.close();
    }

    private void deliver(String id, String customer, String at, LineItem... lines) {
        Order o = order(id, customer, Instant.parse(at), lines);
        a.recordAll(List.of(OrderEvent.placed(o), OrderEvent.delivered(id, o.placedAt())));
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private static String row(CategoryBucket b) {
        CategoryTotals t = b.totals();
        return b.label() + " " + b.category() + " " + t.orders() + " " + t.units() + " " + plain(t.grossRevenue()) + " "
                + t.refundedUnits() + " " + plain(t.refundedAmount()) + " " + plain(t.netRevenue());
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    @Test
    void everyCategoryThatSoldIsInEveryBucketWithSalesByOrderDayAndRefundsByRefundDay() {
        // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin: a February order
        deliver("o-1", "c-1", "2025-01-31T23:30:00Z", line("tea", "drinks", 2, "1.5"), line("cake", "sweets", 1, "4"));
        deliver("o-2", "c-2", "2025-01-10T10:00:00Z", line("tea", "drinks", 1, "1.5"), line("tea", "drinks", 1, "1.5"));
        deliver("o-3", "c-2", "2025-03-05T10:00:00Z", line("bun", "sweets", 4, "0.25"));
        a.record(OrderEvent.refunded(
                Refund.ofLines("r-1", "o-1", Instant.parse("2025-03-02T10:00:00Z"), List.of(RefundLine.of("tea", 1)))));
        a.record(OrderEvent.placed(
                order("o-4", "c-3", Instant.parse("2025-02-10T10:00:00Z"), line("soup", "starters", 1, "9"))));
        a.record(OrderEvent.canceled("o-4", Instant.parse("2025-03-10T10:00:00Z")));

        CategorySeries s = a.periods().byCategory(Granularity.MONTH, d("2025-01-20"), d("2025-03-01"));

        assertThat(s.from()).isEqualTo(d("2025-01-01"));
        assertThat(s.to()).isEqualTo(d("2025-03-31"));
        assertThat(s.zone()).isEqualTo("Europe/Berlin");
        assertThat(s.categories())
                .as("by net over the series (sweets 5, drinks 4.5), the canceled order's category gone")
                .containsExactly("sweets", "drinks");
        assertThat(s.buckets())
                .extracting(CategoryAndCustomerSeriesTest::row)
                .containsExactly(
                        "2025-01 sweets 0 0 0 0 0 0",
                        "2025-01 drinks 1 2 3 0 0 3",
                        "2025-02 sweets 1 1 4 0 0 4",
                        "2025-02 drinks 1 2 3 0 0 3",
                        "2025-03 sweets 1 4 1 0 0 1",
                        "2025-03 drinks 0 0 0 1 1.5 -1.5");
        CategoryBucket marchDrinks = s.buckets().get(5);
        assertThat(marchDrinks.previous()).isEqualTo(s.buckets().get(3).totals());
        assertThat(marchDrinks.change().get(CategoryMetric.NET_REVENUE).absolute())
                .isEqualByComparingTo("-4.5");
        assertThat(marchDrinks.change().get(CategoryMetric.NET_REVENUE).percent())
                .isEqualByComparingTo("-150.00");
        assertThat(s.buckets().get(2).change().get(CategoryMetric.UNITS).percent())
                .as("undefined against a zero base")
                .isNull();
        assertThat(marchDrinks.yearEarlier().orders()).isZero();
        assertThat(marchDrinks.yearOverYear()).containsKey(CategoryMetric.GROSS_REVENUE);
    }

    @Test
    void aCategoryWithNothingInTheSeriesIsLeftOutAndAnEmptyRangeHasNoRows() {
        deliver("o-1", "c-1", "2025-01-10T10:00:00Z", line("tea", "drinks", 1, "2"));
        deliver("o-2", "c-1", "2024-02-10T10:00:00Z", line("cake", "sweets", 1, "3"));

        CategorySeries s = a.periods().byCategory(Granularity.MONTH, d("2025-01-01"), d("2025-02-28"));
        assertThat(s.categories()).containsExactly("drinks");
        CategoryBucket february = s.buckets().get(1);
        assertThat(february.label()).isEqualTo("2025-02");
        assertThat(february.yearEarlier().orders())
                .as("a year-earlier comparison is read, but does not make sweets a category of the series")
                .isZero();
        assertThat(february.yearEarlier().netRevenue()).isEqualByComparingTo("0");
        assertThat(a.periods()
                        .byCategory(Granularity.WEEK, d("2030-01-01"), d("2030-02-01"))
                        .buckets())
                .isEmpty();
    }

    @Test
    void theCategoriesAddUpToTheDailySeriesWhenEveryRefundNamesItsLines() {
        deliver("o-1", "c-1", "2025-05-03T10:00:00Z", line("tea", "drinks", 3, "1.1"), line("cake", "sweets", 2, "4"));
        deliver("o-2", "c-2", "2025-05-20T10:00:00Z", line("bun", "sweets", 5, "0.3333"));
        a.record(OrderEvent.refunded(Refund.full("r-1", "o-2", Instant.parse("2025-06-01T10:00:00Z"))));
        deliver("o-3", "c-1", "2025-06-03T10:00:00Z", line("tea", "drinks", 1, "1.1"));

        PeriodSeries series = a.periods().series(Granularity.WEEK, d("2025-04-28"), d("2025-06-08"));
        CategorySeries byCategory = a.periods().byCategory(Granularity.WEEK, d("2025-04-28"), d("2025-06-08"));

        for (PeriodBucket b : series.buckets()) {
            List<CategoryBucket> rows = byCategory.buckets().stream()
                    .filter(r -> r.label().equals(b.label()))
                    .toList();
            assertThat(rows).hasSize(byCategory.categories().size());
            assertThat(sum(rows, CategoryMetric.GROSS_REVENUE))
                    .as("gross " + b.label())
                    .isEqualByComparingTo(b.totals().grossRevenue());
            assertThat(sum(rows, CategoryMetric.REFUNDED_AMOUNT))
                    .as("refunded " + b.label())
                    .isEqualByComparingTo(b.totals().refundedAmount());
            assertThat(sum(rows, CategoryMetric.UNITS))
                    .as("units " + b.label())
                    .isEqualByComparingTo(BigDecimal.valueOf(b.totals().items()));
        }
    }

    private static BigDecimal sum(List<CategoryBucket> rows, CategoryMetric metric) {
        return rows.stream().map(r -> r.totals().value(metric)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void aCategorySeriesIsOneDateScanOfTheDayCategoryRowsOverItsBucketsAndTheYearBefore() {
        deliver("o-1", "c-1", "2025-05-03T10:00:00Z", line("tea", "drinks", 3, "1.1"));
        store.reset();

        a.periods().byCategory(Granularity.QUARTER, d("2020-01-01"), d("2025-12-31"));

        assertThat(store.scans()).containsExactly(Aggregate.DAY_CATEGORIES.name() + " dates 2019-01-01..2025-12-31");
    }

    @Test
    void newCustomersAreThoseWhoseFirstCountedOrderFallsInTheBucketAndTheOthersWhoOrderedReturn() {
        deliver("o-1", "c-1", "2025-01-10T10:00:00Z", line("tea", "drinks", 1, "2"));
        deliver("o-2", "c-1", "2025-01-20T10:00:00Z", line("tea", "drinks", 1, "2"));
        deliver("o-3", "c-1", "2025-03-02T10:00:00Z", line("tea", "drinks", 1, "2"));
        deliver("o-4", "c-2", "2025-02-01T10:00:00Z", line("tea", "drinks", 1, "2"));
        deliver("o-5", "c-2", "2025-03-09T10:00:00Z", line("tea", "drinks", 1, "2"));
        // c-3: a first order canceled, so the next one is the first counted order
        a.record(OrderEvent.placed(
                order("o-6", "c-3", Instant.parse("2025-01-05T10:00:00Z"), line("tea", "drinks", 1, "2"))));
        a.record(OrderEvent.canceled("o-6", Instant.parse("2025-01-05T11:00:00Z")));
        deliver("o-7", "c-3", "2025-03-15T10:00:00Z", line("tea", "drinks", 1, "2"));
        // c-4: ordered before the series, returns in February; a fully refunded March order is not a counted order
        deliver("o-8", "c-4", "2024-11-15T10:00:00Z", line("tea", "drinks", 1, "2"));
        deliver("o-9", "c-4", "2025-02-15T10:00:00Z", line("tea", "drinks", 1, "2"));
        deliver("o-10", "c-4", "2025-03-15T10:00:00Z", line("tea", "drinks", 1, "2"));
        a.record(OrderEvent.refunded(Refund.full("r-1", "o-10", Instant.parse("2025-03-16T10:00:00Z"))));

        CustomerSeries s = a.periods().newAndReturning(Granularity.MONTH, d("2025-01-01"), d("2025-04-30"));

        assertThat(s.buckets())
                .extracting(b ->
                        b.label() + " " + b.newCustomers() + " " + b.returningCustomers() + " " + b.activeCustomers())
                .containsExactly("2025-01 1 0 1", "2025-02 1 1 2", "2025-03 1 2 3", "2025-04 0 0 0");
        assertThat(s.from()).isEqualTo(d("2025-01-01"));
        assertThat(s.to()).isEqualTo(d("2025-04-30"));

        a.record(OrderEvent.canceled("o-1", Instant.parse("2025-04-01T10:00:00Z")));
        a.record(OrderEvent.canceled("o-2", Instant.parse("2025-04-01T10:00:00Z")));
        assertThat(a.periods()
                        .newAndReturning(Granularity.MONTH, d("2025-01-01"), d("2025-04-30"))
                        .buckets())
                .as("c-1's first counted order moves to March once January's are canceled")
                .extracting(b -> b.newCustomers() + "/" + b.returningCustomers())
                .containsExactly("0/0", "1/1", "2/1", "0/0");
    }

    @Test
    void aWeekCrossingTheYearEndAndACustomersOneBucketAreCountedOnce() {
        deliver("o-1", "c-1", "2024-12-30T10:00:00Z", line("tea", "drinks", 1, "2"));
        deliver("o-2", "c-1", "2025-01-02T10:00:00Z", line("tea", "drinks", 1, "2"));
        deliver("o-3", "c-1", "2025-01-08T10:00:00Z", line("tea", "drinks", 1, "2"));

        CustomerSeries s = a.periods().newAndReturning(Granularity.WEEK, d("2024-12-30"), d("2025-01-12"));

        assertThat(s.buckets())
                .extracting(b -> b.label() + " " + b.newCustomers() + " " + b.returningCustomers())
                .containsExactly("2025-W01 1 0", "2025-W02 0 1");
    }

    @Test
    void theCustomerFoldIsOneScanOfEveryCustomerDayRow() {
        deliver("o-1", "c-1", "2025-01-10T10:00:00Z", line("tea", "drinks", 1, "2"));
        store.reset();

        a.periods().newAndReturning(Granularity.YEAR, d("2025-01-01"), d("2025-12-31"));

        assertThat(store.scans()).containsExactly(Aggregate.CUSTOMER_DAYS.name() + " all");
    }

    @Test
    void badArgumentsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> a.periods().byCategory(null, d("2025-01-01"), d("2025-01-31")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("granularity");
        assertThatThrownBy(() -> a.periods().newAndReturning(Granularity.DAY, d("2025-02-01"), d("2025-01-31")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-02-01");
        assertThatThrownBy(() -> a.periods().byCategory(Granularity.DAY, d("2000-01-01"), d("2025-01-31")))
                .isInstanceOf(IllegalArgumentException.class);
        a.close();
        assertThatThrownBy(() -> a.periods().newAndReturning(Granularity.DAY, d("2025-01-01"), d("2025-01-31")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSeriesAreRecordsThatCheckThemselves() {
        assertThatThrownBy(() -> new CustomerBucket("2025-01", d("2025-01-01"), d("2025-01-31"), -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-01");
        assertThatThrownBy(() -> new CategoryBucket(
                        "2025-01", d("2025-01-01"), d("2025-01-31"), null, null, null, null, Map.of(), Map.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("category");
    }
}
