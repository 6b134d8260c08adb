package io.orderlens.analytics;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.OrderFrequency;
import io.orderlens.analytics.calc.RatingPolicy;
import io.orderlens.analytics.calc.TimeOfDay;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.analytics.query.ItemStat;
import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.analytics.testing.AnalyticsFixture;
import io.orderlens.analytics.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Query API: derived fields, time zones, ranges and validation")
class QueriesTest {
    final AnalyticsFixture f = new AnalyticsFixture();
    final Analytics a = f.analytics;

    private void deliver(String id, Customer c, Instant at, LineItem... lines) {
        f.deliver(new Order(id, c, at, List.of(lines), "IN"));
    }

    @Test
    void aProfileCarriesEveryCustomerField() {
        Customer c = new Customer("c-1", Instant.parse("2026-04-01T00:00:00Z"), null);
        deliver(
                "o-1",
                c,
                Instant.parse("2026-06-01T03:00:00Z"),
                line("tea", "drinks", 2, "20"),
                line("cake", "sweets", 1, "100"));
        deliver("o-2", c, Instant.parse("2026-06-10T03:00:00Z"), line("tea", "drinks", 1, "20"));
        deliver("o-3", c, Instant.parse("2026-06-20T14:00:00Z"), line("bun", "sweets", 4, "5"));
        CustomerProfile p = a.queries().customer("c-1").orElseThrow();
        assertThat(p.totalOrders()).isEqualTo(3);
        assertThat(p.totalSpent()).isEqualByComparingTo("180");
        assertThat(p.averageOrderValue()).isEqualByComparingTo("60.00");
        assertThat(p.totalItems()).isEqualTo(8);
        assertThat(p.averageItemsPerOrder()).isEqualByComparingTo("2.67");
        assertThat(p.firstOrderAt()).isEqualTo(Instant.parse("2026-06-01T03:00:00Z"));
        assertThat(p.lastOrderAt()).isEqualTo(Instant.parse("2026-06-20T14:00:00Z"));
        assertThat(p.accountCreatedAt()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(p.topItems()).extracting(i -> i.productId()).containsExactly("bun", "tea", "cake");
        assertThat(p.topItems().get(1).units()).isEqualTo(3);
        assertThat(p.topItems().get(1).spend()).isEqualByComparingTo("60");
        assertThat(p.topItems().get(1).lastOrderedAt()).isEqualTo(Instant.parse("2026-06-10T03:00:00Z"));
        assertThat(p.favouriteCategories())
                .extracting(x -> x.category())
                .containsExactly("sweets", "drinks"); // tie on orders: spend decides
        // 03:00Z is 08:30 in Kolkata (morning) twice, 14:00Z is 19:30 (evening) once
        assertThat(p.timeOfDay()).containsEntry(TimeOfDay.MORNING, 2L).containsEntry(TimeOfDay.EVENING, 1L);
        assertThat(p.preferredTimeOfDay()).isEqualTo(TimeOfDay.MORNING);
        // 3 orders over 90 days (April 1 → June 30) is 1 per month
        assertThat(p.frequency()).isEqualTo(OrderFrequency.OCCASIONAL);
        assertThat(p.tier()).isEqualTo(CustomerTier.BRONZE);
    }

    @Test
    void preferredTimeOfDayIsTheMostFrequentClassNotTheLastOrders() {
        Customer c = Customer.of("c-1");
        deliver("o-1", c, Instant.parse("2026-06-01T16:00:00Z"), line("p", "x", 1, "1")); // 21:30 night
        deliver("o-2", c, Instant.parse("2026-06-02T16:00:00Z"), line("p", "x", 1, "1"));
        deliver("o-3", c, Instant.parse("2026-06-03T04:00:00Z"), line("p", "x", 1, "1")); // 09:30 morning
        assertThat(a.queries().customer("c-1").orElseThrow().preferredTimeOfDay())
                .isEqualTo(TimeOfDay.NIGHT);
    }

    @Test
    void timeOfDayUsesTheCustomersOwnZoneAcrossADaylightSavingChange() {
        Customer ny = new Customer("c-ny", null, ZoneId.of("America/New_York"));
        // 2026-03-08 is the US spring-forward day: 10:30Z is 06:30 EDT (morning); a fixed -05:00 would say 05:30
        deliver("o-1", ny, Instant.parse("2026-03-08T10:30:00Z"), line("p", "x", 1, "1"));
        // the day before, 10:30Z is 05:30 EST (night)
        deliver("o-2", ny, Instant.parse("2026-03-07T10:30:00Z"), line("p", "x", 1, "1"));
        deliver("o-3", ny, Instant.parse("2026-03-09T10:30:00Z"), line("p", "x", 1, "1"));
        CustomerProfile p = a.queries().customer("c-ny").orElseThrow();
        assertThat(p.timeOfDay()).containsEntry(TimeOfDay.MORNING, 2L).containsEntry(TimeOfDay.NIGHT, 1L);
    }

    @Test
    void dailyBucketsFollowTheBusinessZoneAcrossADaylightSavingChange() {
        MutableClock clock = new MutableClock(Instant.parse("2026-04-30T00:00:00Z"));
        Analytics london = Analytics.builder()
                .zone(ZoneId.of("Europe/London"))
                .clock(clock)
                .build();
        List<OrderEvent> events = new ArrayList<>();
        // 23:30Z on March 28 is 23:30 GMT (March 28); 23:30Z on March 29 is 00:30 BST on March 30
        for (String t : List.of("2026-03-28T23:30:00Z", "2026-03-29T23:30:00Z")) {
            Order o = order("o-" + t, "c-1", Instant.parse(t), line("p", "x", 1, "1"));
            events.add(OrderEvent.delivered(o, o.placedAt()));
        }
        london.recordAll(events);
        List<DailyStats> days = london.queries().daily(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 30));
        assertThat(days).extracting(DailyStats::orders).containsExactly(1L, 0L, 1L);
    }

    @Test
    void dailySeriesIsZeroFilledAndNetsRefundsOnTheirDay() {
        f.deliver(order("o-1", "c-1", Instant.parse("2026-06-01T06:00:00Z"), line("p", "x", 2, "10")));
        f.deliver(order("o-2", "c-2", Instant.parse("2026-06-01T07:00:00Z"), line("p", "x", 1, "10")));
        a.record(OrderEvent.refunded(
                Refund.ofAmount("r-1", "o-1", Instant.parse("2026-06-03T06:00:00Z"), new BigDecimal("5"))));
        List<DailyStats> days = a.queries().daily(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 4));
        assertThat(days).hasSize(4);
        assertThat(days.get(0).orders()).isEqualTo(2);
        assertThat(days.get(0).grossRevenue()).isEqualByComparingTo("30");
        assertThat(days.get(0).newCustomers()).isEqualTo(2);
        assertThat(days.get(0).ordersByStatus()).containsEntry(OrderStatus.DELIVERED, 2L);
        assertThat(days.get(1).orders()).isZero();
        assertThat(days.get(1).grossRevenue()).isEqualByComparingTo("0");
        assertThat(days.get(2).refunds()).isEqualTo(1);
        assertThat(days.get(2).netRevenue()).isEqualByComparingTo("-5");
        assertThat(days.get(3).ordersByStatus()).isEmpty();
    }

    @Test
    void dashboardTotalsAnInclusiveRange() {
        f.deliver(order("o-1", "c-1", Instant.parse("2026-06-01T06:00:00Z"), "IN", line("p", "x", 2, "10")));
        f.deliver(order("o-2", "c-2", Instant.parse("2026-06-02T06:00:00Z"), "US", line("q", "y", 1, "45")));
        f.deliver(order("o-3", "c-2", Instant.parse("2026-06-05T06:00:00Z"), "US", line("q", "y", 1, "45")));
        a.record(
                OrderEvent.placed(order("o-4", "c-3", Instant.parse("2026-06-02T07:00:00Z"), line("p", "x", 1, "10"))));
        a.record(OrderEvent.canceled("o-4", Instant.parse("2026-06-02T08:00:00Z")));
        a.record(OrderEvent.refunded(Refund.full("r-1", "o-1", Instant.parse("2026-06-02T09:00:00Z"))));
        Dashboard d = a.queries().dashboard(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 2));
        assertThat(d.orders()).isEqualTo(2);
        assertThat(d.grossRevenue()).isEqualByComparingTo("65");
        assertThat(d.refundedAmount()).isEqualByComparingTo("20");
        assertThat(d.netRevenue()).isEqualByComparingTo("45");
        assertThat(d.averageOrderValue()).isEqualByComparingTo("32.50");
        assertThat(d.refunds()).isEqualTo(1);
        assertThat(d.newCustomers()).isEqualTo(2);
        assertThat(d.cancellations()).isEqualTo(1);
        assertThat(d.ordersByStatus())
                .containsEntry(OrderStatus.REFUNDED, 1L)
                .containsEntry(OrderStatus.DELIVERED, 1L)
                .containsEntry(OrderStatus.CANCELED, 1L);
        assertThat(d.salesByCountry()).extracting(s -> s.country()).containsExactly("US", "IN");
        assertThat(d.salesByCountry().get(1).netRevenue()).isEqualByComparingTo("0");
        assertThat(d.zone()).isEqualTo("Asia/Kolkata");
    }

    @Test
    void resultsAreImmutableSoOneInstanceCanBeSharedByEveryReader() {
        Customer c = new Customer("c-1", null, null);
        deliver("o-1", c, Instant.parse("2026-06-01T03:00:00Z"), line("tea", "drinks", 2, "20"));
        deliver("o-2", c, Instant.parse("2026-06-01T14:00:00Z"), line("cake", "sweets", 1, "100"));
        LocalDate day = LocalDate.of(2026, 6, 1);
        CustomerProfile p = a.queries().customer("c-1").orElseThrow();
        Dashboard d = a.queries().dashboard(day, day);
        List<DailyStats> days = a.queries().daily(day, day.plusDays(1));

        assertThatThrownBy(() -> p.topItems().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.favouriteCategories().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.timeOfDay().put(TimeOfDay.NIGHT, 9L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.ordersByStatus().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.salesByCountry().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.topProducts().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.topCategories().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> days.clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> days.get(0).ordersByStatus().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> a.queries().topCustomers(5).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(p.timeOfDay().keySet())
                .as("in the order of the day")
                .containsExactly(TimeOfDay.MORNING, TimeOfDay.EVENING);
    }

    @Test
    void resultRecordsCopyTheCollectionsTheyAreGivenAndRejectNulls() {
        List<ItemStat> items = new ArrayList<>();
        Map<OrderStatus, Long> statuses = new HashMap<>(Map.of(OrderStatus.DELIVERED, 2L, OrderStatus.PLACED, 1L));
        DailyStats day = new DailyStats(
                LocalDate.of(2026, 6, 1), 3, BigDecimal.ONE, 3, 0, BigDecimal.ZERO, BigDecimal.ONE, 1, 0, statuses);
        CustomerProfile p = new CustomerProfile(
                "c-1",
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                0,
                BigDecimal.ZERO,
                null,
                null,
                null,
                items,
                List.of(),
                OrderFrequency.OCCASIONAL,
                Map.of(),
                null,
                CustomerTier.BRONZE);
        statuses.put(OrderStatus.CANCELED, 5L);
        items.add(new ItemStat("p", "x", "y", 1, BigDecimal.ONE, 1, null));

        assertThat(day.ordersByStatus()).containsOnlyKeys(OrderStatus.PLACED, OrderStatus.DELIVERED);
        assertThat(day.ordersByStatus().keySet()).containsExactly(OrderStatus.PLACED, OrderStatus.DELIVERED);
        assertThat(p.topItems()).isEmpty();
        List<ItemStat> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new CustomerProfile(
                        "c-1",
                        0,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        0,
                        BigDecimal.ZERO,
                        null,
                        null,
                        null,
                        withNull,
                        List.of(),
                        OrderFrequency.OCCASIONAL,
                        Map.of(),
                        null,
                        CustomerTier.BRONZE))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("topItems must not contain null");
        assertThatThrownBy(() -> new DailyStats(
                        LocalDate.of(2026, 6, 1),
                        0,
                        BigDecimal.ZERO,
                        0,
                        0,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        0,
                        0,
                        null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("ordersByStatus must not be null");
    }

    @Test
    void topListsUseTheConfiguredRatingAndSizes() {
        AnalyticsFixture five = new AnalyticsFixture(Analytics.builder()
                .ratingPolicy(RatingPolicy.fiveTier())
                .topItems(1)
                .topCategories(1));
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Order o = order(
                    "o-" + i,
                    "c-1",
                    Instant.parse("2026-06-01T06:00:00Z"),
                    line("best", "x", 1, "1"),
                    line("other", "y", 1, "2"));
            events.add(OrderEvent.delivered(o, o.placedAt()));
        }
        five.analytics.recordAll(events);
        assertThat(five.analytics
                        .queries()
                        .topProducts(ProductRanking.UNITS, 1)
                        .get(0)
                        .rating())
                .isEqualByComparingTo("5.0");
        assertThat(five.analytics.queries().topProducts(ProductRanking.REVENUE, 2))
                .extracting(p -> p.productId())
                .containsExactly("other", "best");
        CustomerProfile p = five.analytics.queries().customer("c-1").orElseThrow();
        assertThat(p.topItems()).hasSize(1);
        assertThat(p.favouriteCategories()).hasSize(1);
        assertThat(p.frequency()).isEqualTo(OrderFrequency.FREQUENT);
        assertThat(p.tier()).isEqualTo(CustomerTier.BRONZE);
        assertThat(five.analytics.queries().topCustomers(5).get(0).totalSpent()).isEqualByComparingTo("600");
        assertThat(five.analytics.queries().topCategories(5))
                .extracting(c -> c.category())
                .containsExactly("y", "x");
        assertThat(five.analytics.queries().category("y").orElseThrow().revenue())
                .isEqualByComparingTo("400");
        assertThat(five.analytics.queries().category("y").orElseThrow().orders())
                .isEqualTo(200);
    }

    @Test
    void frequencyFollowsTheInjectedClock() {
        Customer c = new Customer("c-1", Instant.parse("2026-06-25T00:00:00Z"), null);
        deliver("o-1", c, Instant.parse("2026-06-25T06:00:00Z"), line("p", "x", 1, "1"));
        deliver("o-2", c, Instant.parse("2026-06-26T06:00:00Z"), line("p", "x", 1, "1"));
        assertThat(a.queries().customer("c-1").orElseThrow().frequency()).isEqualTo(OrderFrequency.REGULAR);
        f.clock.advance(Duration.ofDays(60)); // now ~65 days old: 2 orders is below 2 per month
        assertThat(a.queries().customer("c-1").orElseThrow().frequency()).isEqualTo(OrderFrequency.OCCASIONAL);
    }

    @Test
    void unknownProductsAndCustomersAreEmpty() {
        assertThat(a.queries().product("nope")).isEmpty();
        assertThat(a.queries().customer("nope")).isEmpty();
    }

    @Test
    void badQueryArgumentsAreRejectedWithTheOffendingValue() {
        assertThatThrownBy(() -> a.queries().topProducts(ProductRanking.UNITS, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be 1..1000, got 0");
        assertThatThrownBy(() -> a.queries().daily(LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from must not be after to, got 2026-06-02 > 2026-06-01");
        assertThatThrownBy(() -> a.queries().dashboard(LocalDate.of(2000, 1, 1), LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a date range may span at most 3660 days");
        assertThatThrownBy(() -> a.queries().customer(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customerId must not be blank");
    }

    @Test
    void aThrowingCustomCalculatorIsContainedAndReported() {
        List<CalculatorException> reported = new ArrayList<>();
        AnalyticsFixture faulty = new AnalyticsFixture(Analytics.builder()
                .ratingPolicy(units -> {
                    throw new IllegalStateException("rating service down");
                })
                .customerTierPolicy(spent -> null)
                .listener(new AnalyticsListener() {
                    @Override
                    public void onCalculatorFailure(CalculatorException error) {
                        reported.add(error);
                    }
                }));
        faulty.deliver(order("o-1", "c-1", Instant.parse("2026-06-01T06:00:00Z"), line("p", "x", 12, "1")));
        assertThat(faulty.analytics.queries().product("p").orElseThrow().rating())
                .isEqualByComparingTo("4.2");
        assertThat(faulty.analytics.queries().customer("c-1").orElseThrow().tier())
                .isEqualTo(CustomerTier.BRONZE);
        assertThat(reported).hasSize(2);
        assertThat(reported.get(0)).hasMessageContaining("rating policy").hasRootCauseMessage("rating service down");
        assertThat(reported.get(1)).hasMessageContaining("customer tier policy");
    }

    @Test
    void theBuilderRequiresAnExplicitZoneAndChecksItsArguments() {
        assertThatThrownBy(() ->
                        Analytics.builder().store(new InMemoryAnalyticsStore()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("zone is required");
        assertThatThrownBy(() -> Analytics.builder().topItems(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topItems must be 1..100, got 0");
        assertThatThrownBy(() -> Analytics.builder().storeAttempts(21)).isInstanceOf(IllegalArgumentException.class);
    }
}
