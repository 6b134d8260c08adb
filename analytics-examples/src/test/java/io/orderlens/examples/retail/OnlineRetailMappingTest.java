package io.orderlens.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.model.EventType;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineRetailMappingTest {

    private static List<OrderEvent> events(OnlineRetailMapping.Source source) {
        List<OrderEvent> out = new ArrayList<>();
        source.forEachRemaining(out::add);
        return out;
    }

    @Test
    void anOrdinaryInvoiceIsOneOrderDeliveredAtItsEarliestUkTime() {
        OnlineRetailMapping.Source source = OnlineRetailMapping.events(RetailCsv.reader(
                "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER ,6,2011-06-01 10:26:00,2.55,17850.0,United Kingdom",
                "536365,71053,WHITE METAL LANTERN,6,2011-06-01 10:25:00,3.39,17850.0,United Kingdom"));
        List<OrderEvent> events = events(source);

        assertThat(events).hasSize(1);
        OrderEvent e = events.get(0);
        assertThat(e.type()).isEqualTo(EventType.DELIVERED);
        assertThat(e.orderId()).isEqualTo("536365");
        assertThat(e.at()).isEqualTo(Instant.parse("2011-06-01T09:25:00Z")); // British Summer Time
        assertThat(e.order().placedAt()).isEqualTo(e.at());
        assertThat(e.order().customerId()).isEqualTo("17850");
        assertThat(e.order().country()).isEqualTo("United Kingdom");
        assertThat(e.order().lines())
                .containsExactly(
                        new LineItem(
                                "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "range-85", 6, new BigDecimal("2.55")),
                        new LineItem("71053", "WHITE METAL LANTERN", "range-71", 6, new BigDecimal("3.39")));
        assertThat(e.order().total()).isEqualByComparingTo("35.64");
        assertThat(source.stats().orders()).isEqualTo(1);
        assertThat(source.stats().rowsMapped()).isEqualTo(2);
    }

    @Test
    void winterTimesAreGreenwichTime() {
        OrderEvent e = events(OnlineRetailMapping.events(RetailCsv.reader("1,A,a,1,2010-12-01 08:26:00,1,1.0,UK")))
                .get(0);
        assertThat(e.at()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
    }

    @Test
    void aCancellationInvoiceIsOneStandaloneRefundOfNegatedQuantities() {
        List<OrderEvent> events = events(OnlineRetailMapping.events(RetailCsv.reader(
                "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,United Kingdom",
                "C536379,22556,PLASTERS,-12,2010-12-01 09:40:00,1.65,14527.0,United Kingdom",
                "C536379,22556,PLASTERS,-12,2010-12-01 09:40:00,1.65,14527.0,United Kingdom")));

        assertThat(events).hasSize(1);
        OrderEvent e = events.get(0);
        assertThat(e.type()).isEqualTo(EventType.REFUNDED);
        Refund r = e.refund();
        assertThat(r.isStandalone()).isTrue();
        assertThat(r.refundId()).isEqualTo("C536379");
        assertThat(r.customerId()).isEqualTo("14527");
        assertThat(r.country()).isEqualTo("United Kingdom");
        assertThat(r.at()).isEqualTo(Instant.parse("2010-12-01T09:40:00Z"));
        assertThat(r.lines()).hasSize(2);
        RefundLine discount = r.lines().get(0);
        assertThat(discount.productId()).isEqualTo("D");
        assertThat(discount.quantity()).isEqualTo(1);
        assertThat(discount.amount()).isEqualByComparingTo("27.50");
        assertThat(discount.category()).isEqualTo(OnlineRetailMapping.OTHER_CATEGORY);
        RefundLine plasters = r.lines().get(1);
        assertThat(plasters.quantity()).isEqualTo(24);
        assertThat(plasters.amount()).isEqualByComparingTo("39.60");
    }

    @Test
    void rowsWithoutCustomerAreSkippedAndCounted() {
        OnlineRetailMapping.Source source = OnlineRetailMapping.events(RetailCsv.reader(
                "1,A,a,1,2011-01-01 10:00:00,1,,UK",
                "2,A,a,1,2011-01-01 10:00:00,1,5.0,UK",
                "2,B,b,1,2011-01-01 10:00:00,1,,UK"));
        List<OrderEvent> events = events(source);
        assertThat(events).extracting(OrderEvent::orderId).containsExactly("2");
        assertThat(events.get(0).order().lines()).hasSize(1);
        assertThat(source.stats().rowsRead()).isEqualTo(3);
        assertThat(source.stats().rowsWithoutCustomer()).isEqualTo(2);
        assertThat(source.stats().rowsMapped()).isEqualTo(1);
    }

    @Test
    void rowsTheLibraryWouldRejectAreSkippedAndCountedByReason() {
        OnlineRetailMapping.Source source = OnlineRetailMapping.events(RetailCsv.reader(
                "1,A,a,1,2011-01-01 10:00:00,-11062.06,5.0,UK",
                "1,B,b,0,2011-01-01 10:00:00,1,5.0,UK",
                "1,C,c,-3,2011-01-01 10:00:00,1,5.0,UK",
                "1,D,d,2,2011-01-01 10:00:00,0,5.0,UK",
                "C2,A,a,4,2011-01-01 10:00:00,1,5.0,UK",
                "C3,A,a,0,2011-01-01 10:00:00,1,5.0,UK"));
        List<OrderEvent> events = events(source);

        assertThat(events).extracting(OrderEvent::orderId).containsExactly("1");
        assertThat(events.get(0).order().lines())
                .extracting(LineItem::productId)
                .containsExactly("D");
        MappingStats s = source.stats();
        assertThat(s.rowsNegativePrice()).isEqualTo(1);
        assertThat(s.rowsNonPositiveQuantityInOrder()).isEqualTo(2);
        assertThat(s.rowsNonNegativeQuantityInCancellation()).isEqualTo(2);
        assertThat(s.rowsInvalid()).isEqualTo(5);
        assertThat(s.rowsMapped()).isEqualTo(1);
        assertThat(s.refunds()).isZero();
        assertThat(s.toString()).contains("skipped invalid 5");
    }

    @Test
    void categoryComesFromTheFirstTwoDigitsOfAFiveDigitStockCode() {
        assertThat(OnlineRetailMapping.category("85123A")).isEqualTo("range-85");
        assertThat(OnlineRetailMapping.category("22423")).isEqualTo("range-22");
        assertThat(OnlineRetailMapping.category("POST")).isEqualTo("other");
        assertThat(OnlineRetailMapping.category("M")).isEqualTo("other");
        assertThat(OnlineRetailMapping.category("1234")).isEqualTo("other");
        assertThat(OnlineRetailMapping.category("gift_0001_20")).isEqualTo("other");
        assertThat(OnlineRetailMapping.category("DCGS0076")).isEqualTo("other");
    }

    @Test
    void readErrorsSurfaceFromTheSource() {
        OnlineRetailMapping.Source source = OnlineRetailMapping.events(
                RetailCsv.reader("1,A,a,1,2011-01-01 10:00:00,1,5.0,UK", "1,A,a,x,2011-01-01 10:00:00,1,5.0,UK"));
        assertThatThrownBy(source::hasNext)
                .isInstanceOf(RetailFormatException.class)
                .hasMessage("line 3: Quantity must be a whole number, got 'x'");
    }
}
