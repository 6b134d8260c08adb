package io.orderlens.analytics.clv;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.testing.MutableClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lifetime-value queries: historic values, the model's outcome in every result, caching, bad input, close. */
class LifetimeValuesTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    static final LocalDate DAY1 = LocalDate.of(2026, 3, 2);
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-07-01T00:00:00Z"));

    private Analytics analytics = build(ClvOptions.defaults());

    private static Analytics build(ClvOptions options) {
        return Analytics.builder()
                .zone(ZONE)
                .clock(CLOCK)
                .lifetimeValue(options)
                .build();
    }

    @AfterEach
    void close() {
        analytics.close();
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(ZONE).toInstant();
    }

    private void deliver(String orderId, String customerId, LocalDate day, int hour, String price) {
        analytics.record(OrderEvent.delivered(
                order(orderId, customerId, at(day, hour), line("p", "cat", 1, price)), at(day, hour)));
    }

    @Test
    void historicValueIsTheNetSpendAndTheSimpleEstimateFromPurchaseDays() {
        deliver("o-1", "c-1", DAY1, 9, "10.0001");
        deliver("o-2", "c-1", DAY1, 23, "5"); // 23:00 in Kolkata: the same business day
        deliver("o-3", "c-1", DAY1.plusDays(39), 12, "40");
        deliver("o-4", "c-1", DAY1.plusDays(60), 12, "8");
        analytics.record(
                OrderEvent.refunded(Refund.ofAmount("r-1", "o-3", at(DAY1.plusDays(70), 12), new BigDecimal("4"))));
        analytics.record(OrderEvent.canceled("o-4", at(DAY1.plusDays(61), 12)));
        deliver("o-5", "c-1", DAY1.plusDays(120), 12, "99"); // after the as-of day
        LocalDate asOf = DAY1.plusDays(89);

        CustomerValue v = analytics.lifetimeValue().of("c-1", asOf).orElseThrow();

        assertThat(v.orders()).isEqualTo(3);
        assertThat(v.netSpend()).isEqualByComparingTo("51.0001");
        assertThat(v.history().repeatPurchases()).isEqualTo(1);
        assertThat(v.history().recency()).isEqualTo(39 / 7.0);
        assertThat(v.history().age()).isEqualTo(89 / 7.0);
        assertThat(v.history().meanRepeatValue()).isEqualByComparingTo("36");
        BigDecimal expected = new BigDecimal("51.0001")
                .multiply(BigDecimal.valueOf(36 * 30))
                .divide(BigDecimal.valueOf(89), 4, RoundingMode.HALF_EVEN);
        assertThat(v.historicEstimate()).isEqualTo(expected);
    }

    @Test
    void aCustomerWithoutACountedOrderUpToTheDayHasNoValue() {
        deliver("o-1", "c-1", DAY1, 12, "10");
        analytics.record(
                OrderEvent.delivered(order("o-2", "c-2", at(DAY1, 12), line("p", "cat", 1, "3")), at(DAY1, 12)));
        analytics.record(OrderEvent.canceled("o-2", at(DAY1, 13)));

        assertThat(analytics.lifetimeValue().of("c-1", DAY1.minusDays(1))).isEmpty();
        assertThat(analytics.lifetimeValue().of("c-2", DAY1)).isEmpty();
        assertThat(analytics.lifetimeValue().of("nobody", DAY1)).isEmpty();
        CustomerValue firstDay = analytics.lifetimeValue().of("c-1", DAY1).orElseThrow();
        assertThat(firstDay.history().age()).isZero();
        // one month at least: a first-day customer's estimate is their spend × the expected lifetime
        assertThat(firstDay.historicEstimate()).isEqualByComparingTo("360");
    }

    @Test
    void tooFewCustomersAreReportedInEveryResultAndNothingThrows() {
        deliver("o-1", "c-1", DAY1, 12, "10");
        deliver("o-2", "c-1", DAY1.plusDays(7), 12, "12");

        ClvModel model = analytics.lifetimeValue().model(DAY1.plusDays(30));
        CustomerValue v = analytics.lifetimeValue().of("c-1", DAY1.plusDays(30)).orElseThrow();

        assertThat(model.usable()).isFalse();
        assertThat(model.purchases().status()).isEqualTo(FitStatus.TOO_FEW_CUSTOMERS);
        assertThat(model.purchases().message()).contains("got 1");
        assertThat(v.modelStatus()).isEqualTo(FitStatus.TOO_FEW_CUSTOMERS);
        assertThat(v.prediction()).isEmpty();
        assertThat(v.netSpend()).isEqualByComparingTo("22");
        assertThat(analytics.lifetimeValue().top(5, DAY1.plusDays(30))).isEmpty();
    }

    @Test
    void aFitWithoutAMaximumIsReportedAsNotConverged() {
        for (int i = 0; i < 30; i++) {
            deliver("o-" + i, "c-" + i, DAY1.plusDays(i), 12, "10");
        }

        CustomerValue v = analytics.lifetimeValue().of("c-3", DAY1.plusDays(40)).orElseThrow();

        assertThat(v.modelStatus()).isEqualTo(FitStatus.NOT_CONVERGED);
        assertThat(v.prediction()).isEmpty();
        assertThat(analytics.lifetimeValue().model(DAY1.plusDays(40)).spend().status())
                .isEqualTo(FitStatus.TOO_FEW_CUSTOMERS);
    }

    @Test
    void aModelIsReusedUntilItsMaxAgeAndThenFittedAgainWithNewOrders() {
        deliver("o-1", "c-1", DAY1, 12, "10");
        LocalDate asOf = DAY1.plusDays(30);
        ClvModel first = analytics.lifetimeValue().model(asOf);

        deliver("o-2", "c-2", DAY1, 12, "10");
        assertThat(analytics.lifetimeValue().model(asOf)).isSameAs(first);

        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
        ClvModel refitted = analytics.lifetimeValue().model(asOf);
        assertThat(refitted).isNotSameAs(first);
        assertThat(refitted.purchases().customers()).isEqualTo(2);
        assertThat(refitted.fittedAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void aZeroMaxAgeFitsOnEveryCall() {
        analytics.close();
        analytics = build(ClvOptions.defaults().withModelMaxAge(Duration.ZERO));
        deliver("o-1", "c-1", DAY1, 12, "10");

        ClvModel first = analytics.lifetimeValue().model(DAY1);
        ClvModel second = analytics.lifetimeValue().model(DAY1);

        assertThat(second).isNotSameAs(first);
        assertThat(second.purchases().status()).isEqualTo(first.purchases().status());
    }

    @Test
    void badInputIsRefusedWithWhatWasWrong() {
        LifetimeValues clv = analytics.lifetimeValue();

        assertThatThrownBy(() -> clv.of(" ", DAY1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customerId");
        assertThatThrownBy(() -> clv.of(null, DAY1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customerId");
        assertThatThrownBy(() -> clv.of("c-1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asOf");
        assertThatThrownBy(() -> clv.model(LocalDate.of(2300, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2300-01-01");
        assertThatThrownBy(() -> clv.top(0, DAY1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> clv.top(10_001, DAY1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10001");
        assertThatThrownBy(() -> ClvOptions.defaults().withMonthlyDiscountRate(new BigDecimal("-0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monthlyDiscountRate");
        assertThatThrownBy(() -> ClvOptions.defaults().withHorizonMonths(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("horizonMonths");
    }

    @Test
    void aClosedInstanceRefusesLifetimeValueQueries() {
        LifetimeValues earlier = analytics.lifetimeValue();
        analytics.close();

        assertThatThrownBy(analytics::lifetimeValue).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> earlier.of("c-1", DAY1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> earlier.model(DAY1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theScheduledRefitRunsOnAThreadTheInstanceStopsAtClose() throws Exception {
        Set<Thread> before = clvThreads();
        analytics.close();
        analytics = build(ClvOptions.defaults().withRefitEvery(Duration.ofHours(6)));
        Set<Thread> started = clvThreads();
        started.removeAll(before);
        assertThat(started).hasSize(1);
        assertThat(started.iterator().next().isDaemon()).isTrue();

        analytics.close();

        Thread thread = started.iterator().next();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
    }

    private static Set<Thread> clvThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("orderlens-clv-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void aStoreFailureDuringAFitReachesTheCallerAndIsNotCached() {
        analytics.close();
        AtomicBoolean down = new AtomicBoolean();
        AnalyticsStore store = new ForwardingAnalyticsStore(new InMemoryAnalyticsStore()) {
            @Override
            public <T extends Counters> void scan(Aggregate<T> aggregate, Scan scan, Consumer<? super T> visitor) {
                if (down.get()) {
                    throw new StoreException("store down for the test");
                }
                super.scan(aggregate, scan, visitor);
            }
        };
        analytics = Analytics.builder().zone(ZONE).clock(CLOCK).store(store).build();
        deliver("o-1", "c-1", DAY1, 12, "10");
        down.set(true);

        assertThatThrownBy(() -> analytics.lifetimeValue().model(DAY1))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("store down");
        down.set(false);
        assertThat(analytics.lifetimeValue().model(DAY1).purchases().customers())
                .isEqualTo(1);
    }
}
