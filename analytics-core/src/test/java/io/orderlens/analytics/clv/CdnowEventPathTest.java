package io.orderlens.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CDNOW event log recorded through the library's own event path (each row an order of its day, counted at once,
 * one line of the row's dollar value) gives every customer's published (x, t_x, T) and z̄, and the fit over the
 * library's counters gives the published parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowEventPathTest {
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    private Analytics analytics;

    @BeforeAll
    void recordTheEventLog() throws Exception {
        analytics = Analytics.builder()
                .zone(ZoneOffset.UTC)
                .clock(Clock.fixed(Instant.parse("1998-07-01T00:00:00Z"), ZoneOffset.UTC))
                .build();
        List<OrderEvent> events = new ArrayList<>();
        int row = 0;
        for (Cdnow.Purchase p : Cdnow.purchases()) {
            Instant at = LocalDate.parse(p.day(), DateTimeFormatter.BASIC_ISO_DATE)
                    .atTime(12, 0)
                    .toInstant(ZoneOffset.UTC);
            Order order = new Order(
                    "o-" + row++,
                    Customer.of("c-" + p.customer()),
                    at,
                    List.of(LineItem.of("cds", "CDs", "music", 1, p.value().toPlainString())),
                    "US");
            events.add(OrderEvent.delivered(order, at));
        }
        for (int i = 0; i < events.size(); i += 500) {
            analytics.recordAll(events.subList(i, Math.min(events.size(), i + 500)));
        }
    }

    @AfterAll
    void close() {
        analytics.close();
    }

    @Test
    void everyCustomersHistoryEqualsTheCalibrationSummary() throws Exception {
        Map<Integer, Cdnow.SummaryRow> published = Cdnow.summary();
        assertThat(published).hasSize(2357);
        int meanValuesOffByACent = 0;
        for (Cdnow.SummaryRow expected : published.values()) {
            CustomerValue v = analytics
                    .lifetimeValue()
                    .of("c-" + expected.id(), CALIBRATION_END)
                    .orElseThrow();
            PurchaseSummary h = v.history();
            String who = "customer " + expected.id();
            assertThat(h.repeatPurchases()).as(who).isEqualTo(expected.x());
            assertThat(weeks(h.recency())).as(who).isEqualByComparingTo(expected.recency());
            assertThat(weeks(h.age())).as(who).isEqualByComparingTo(expected.age());
            BigDecimal mean = h.meanRepeatValue().setScale(2, RoundingMode.HALF_EVEN);
            assertThat(mean.subtract(expected.meanValue()).abs()).as(who).isLessThanOrEqualTo(new BigDecimal("0.01"));
            if (mean.compareTo(expected.meanValue()) != 0) {
                meanValuesOffByACent++;
            }
        }
        // the data's README: z̄ re-derived from the log differs by at most 0.01 (rounding) on 78 rows
        assertThat(meanValuesOffByACent).isLessThanOrEqualTo(78);
    }

    @Test
    void theFitOverTheLibrarysCountersGivesThePublishedParameters() {
        ClvModel model = analytics.lifetimeValue().model(CALIBRATION_END);

        assertThat(model.usable()).isTrue();
        assertThat(model.purchases().customers()).isEqualTo(2357);
        BgNbdParameters bg = model.purchases().parameters().orElseThrow();
        assertThat(bg.r()).isCloseTo(0.243, within(0.001));
        assertThat(bg.alpha()).isCloseTo(4.414, within(0.001));
        assertThat(bg.a()).isCloseTo(0.793, within(0.001));
        assertThat(bg.b()).isCloseTo(2.426, within(0.001));
        GammaGammaParameters gg = model.spend().parameters().orElseThrow();
        assertThat(model.spend().customers()).isEqualTo(946);
        assertThat(gg.p()).isCloseTo(6.25, within(0.01));
        assertThat(gg.q()).isCloseTo(3.74, within(0.01));
        assertThat(gg.gamma()).isCloseTo(15.44, within(0.01));
    }

    @Test
    void aCustomersPredictionIsTheModelsEquationsOverTheirHistory() {
        ClvModel model = analytics.lifetimeValue().model(CALIBRATION_END);
        CustomerValue v = analytics.lifetimeValue().of("c-1", CALIBRATION_END).orElseThrow();
        BgNbdParameters bg = model.purchases().parameters().orElseThrow();
        GammaGammaParameters gg = model.spend().parameters().orElseThrow();

        CustomerValue.Prediction p = v.prediction().orElseThrow();

        assertThat(v.modelStatus()).isEqualTo(FitStatus.CONVERGED);
        assertThat(p.probabilityAlive()).isEqualTo(bg.probabilityAlive(v.history()));
        double weeks = 12 * 365.25 / 12 / 7;
        assertThat(p.expectedPurchases()).isCloseTo(bg.expectedPurchases(v.history(), weeks), within(1e-12));
        double average = gg.expectedAverageValue(
                v.history().repeatPurchases(), v.history().meanRepeatValue().doubleValue());
        assertThat(p.expectedAverageValue().doubleValue()).isCloseTo(average, within(0.00005));
        // the value: each month's expected purchases × the expected average value, discounted by 1 % a month
        double value = 0;
        double previous = 0;
        for (int month = 1; month <= 12; month++) {
            double purchases = bg.expectedPurchases(v.history(), month * 365.25 / 12 / 7);
            value += average * (purchases - previous) / Math.pow(1.01, month);
            previous = purchases;
        }
        assertThat(p.value().doubleValue()).isCloseTo(value, within(0.00005));
        assertThat(p.value().doubleValue()).isLessThan(average * p.expectedPurchases());
    }

    @Test
    void theTopCustomersAreRankedByPredictedValue() {
        List<CustomerValue> top = analytics.lifetimeValue().top(10, CALIBRATION_END);

        assertThat(top).hasSize(10);
        for (int i = 1; i < top.size(); i++) {
            assertThat(top.get(i - 1).prediction().orElseThrow().value())
                    .isGreaterThanOrEqualTo(
                            top.get(i).prediction().orElseThrow().value());
        }
        CustomerValue first = top.get(0);
        assertThat(analytics.lifetimeValue().of(first.customerId(), CALIBRATION_END))
                .contains(first);
    }

    @Test
    void everyCustomerIsVisitedOnceWithTheValueOfTheSingleCustomerQuery() {
        Map<String, CustomerValue> all = new HashMap<>();
        analytics
                .lifetimeValue()
                .forEach(
                        CALIBRATION_END,
                        v -> assertThat(all.put(v.customerId(), v)).isNull());

        assertThat(all).hasSize(2357);
        for (String id : List.of("c-1", "c-2", "c-1000", "c-2357")) {
            assertThat(analytics.lifetimeValue().of(id, CALIBRATION_END)).contains(all.get(id));
        }
        assertThat(all.values()).allSatisfy(v -> assertThat(v.prediction()).isPresent());
    }

    private static BigDecimal weeks(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }
}
