package io.orderlens.examples.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.examples.feed.FedKeys;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyticsExportTest {
    private static final ObjectMapper JSON = ExactJson.MAPPER;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final Analytics analytics =
            Analytics.builder().store(new InMemoryAnalyticsStore()).zone(LONDON).build();
    private final FedKeys keys = new FedKeys();

    private static Order order(String id, String customer, String at, String country, LineItem... lines) {
        return new Order(id, Customer.of(customer), Instant.parse(at), List.of(lines), country);
    }

    @Test
    void exportHoldsCountedOrdersAndNetFiguresOfEveryProductCustomerDayAndCountry() throws Exception {
        Order o1 = order(
                "o1",
                "alice",
                "2024-06-01T23:30:00Z",
                "UK", // 2 June in London (BST)
                LineItem.of("tea", "Tea", "drinks", 3, "0.001"),
                LineItem.of("cake", "Cake", "food", 2, "500.00"));
        Order o2 = order("o2", "bob", "2024-06-02T10:00:00Z", "France", LineItem.of("cake", "Cake", "food", 1, "500"));
        Order o3 = order("o3", "bob", "2024-06-02T11:00:00Z", "France", LineItem.of("tea", "Tea", "drinks", 5, "1"));
        List<OrderEvent> events = List.of(
                OrderEvent.delivered(o1, o1.placedAt()),
                OrderEvent.delivered(o2, o2.placedAt()),
                OrderEvent.placed(o3),
                OrderEvent.canceled("o3", Instant.parse("2024-06-02T11:05:00Z")),
                OrderEvent.refunded(Refund.ofLines(
                        "r1", "o1", Instant.parse("2024-06-03T09:00:00Z"), List.of(RefundLine.of("cake", 1)))),
                OrderEvent.refunded(Refund.standalone(
                        "r2",
                        "carol",
                        Instant.parse("2024-06-03T10:00:00Z"),
                        List.of(new RefundLine("tea", 2, new BigDecimal("0.002"), "drinks")),
                        "UK")));
        analytics.recordAll(events);
        events.forEach(keys::add);

        AnalyticsExport e = AnalyticsExport.of(analytics.queries(), LONDON, keys);

        assertThat(e.totals())
                .isEqualTo(new AnalyticsExport.Totals(
                        2, 2, new BigDecimal("1500.003"), new BigDecimal("500.002"), new BigDecimal("1000.001"), 3, 2));
        assertThat(e.products())
                .containsExactly(
                        new AnalyticsExport.Product("cake", 2, new BigDecimal("1000.00")),
                        new AnalyticsExport.Product("tea", 1, new BigDecimal("0.001")));
        assertThat(e.customers())
                .containsExactly(
                        new AnalyticsExport.Customer("alice", 1, new BigDecimal("500.003")),
                        new AnalyticsExport.Customer("bob", 1, new BigDecimal("500.00")),
                        new AnalyticsExport.Customer("carol", 0, new BigDecimal("-0.002")));
        assertThat(e.daily())
                .containsExactly(
                        new AnalyticsExport.Day(
                                LocalDate.of(2024, 6, 2), 2, new BigDecimal("1500.003"), new BigDecimal("0.00")),
                        new AnalyticsExport.Day(
                                LocalDate.of(2024, 6, 3), 0, new BigDecimal("0.00"), new BigDecimal("500.002")));
        assertThat(e.countries())
                .containsExactly(
                        new AnalyticsExport.Country("France", 1, new BigDecimal("500.00")),
                        new AnalyticsExport.Country("UK", 1, new BigDecimal("500.001")));

        StringWriter w = new StringWriter();
        e.writeJson(w);
        JsonNode json = JSON.readTree(w.toString());
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly("totals", "products", "customers", "daily", "countries", "cohorts");
        assertThat(json.at("/totals/grossRevenue").decimalValue()).isEqualTo(new BigDecimal("1500.003"));
        assertThat(json.at("/products/0/netRevenue").decimalValue()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(json.at("/customers/2/netSpent").decimalValue()).isEqualTo(new BigDecimal("-0.002"));
        assertThat(json.at("/daily/1/date").asText()).isEqualTo("2024-06-03");
        assertThat(json.at("/countries/1/orders").asLong()).isEqualTo(1);
        assertThat(w.toString()).doesNotContainPattern("[0-9][eE][+-]?[0-9]");
    }

    @Test
    void aProductAndCustomerCountedThenCanceledStayListedWithZerosAndAnUnknownKeyIsLeftOut() {
        Order o = order("o9", "dora", "2024-06-05T12:00:00Z", "UK", LineItem.of("jam", "Jam", "food", 1, "3.50"));
        List<OrderEvent> events = List.of(
                OrderEvent.delivered(o, o.placedAt()),
                OrderEvent.canceled("o9", Instant.parse("2024-06-05T13:00:00Z")));
        analytics.recordAll(events);
        events.forEach(keys::add);
        keys.add(OrderEvent.placed(
                order("o10", "erin", "2024-06-05T14:00:00Z", "UK", LineItem.of("bread", "Bread", "food", 1, "2"))));

        AnalyticsExport e = AnalyticsExport.of(analytics.queries(), LONDON, keys);

        assertThat(e.products()).containsExactly(new AnalyticsExport.Product("jam", 0, new BigDecimal("0.00")));
        assertThat(e.customers()).containsExactly(new AnalyticsExport.Customer("dora", 0, new BigDecimal("0.00")));
        assertThat(e.totals().orders()).isZero();
        assertThat(e.countries()).isEmpty();
    }

    @Test
    void amountsTakeTheSmallestExactScaleWithAtLeastTwoDecimals() {
        assertThat(AnalyticsExport.amount(new BigDecimal("1000.0000")).toPlainString())
                .isEqualTo("1000.00");
        assertThat(AnalyticsExport.amount(new BigDecimal("0.0010")).toPlainString())
                .isEqualTo("0.001");
        assertThat(AnalyticsExport.amount(new BigDecimal("1E+3")).toPlainString())
                .isEqualTo("1000.00");
        assertThat(AnalyticsExport.amount(BigDecimal.ZERO).toPlainString()).isEqualTo("0.00");
        assertThat(AnalyticsExport.amount(new BigDecimal("-12.5")).toPlainString())
                .isEqualTo("-12.50");
    }

    @Test
    void anEmptyStoreExportsZeros() throws Exception {
        AnalyticsExport e = AnalyticsExport.of(analytics.queries(), LONDON, keys);
        assertThat(e.totals().orders()).isZero();
        assertThat(e.totals().netRevenue()).isEqualByComparingTo("0");
        assertThat(e.products()).isEmpty();
        StringWriter w = new StringWriter();
        e.writeJson(w);
        assertThat(w.toString()).contains("\"products\": []");
    }
}
