package io.orderlens.analytics.model;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.InvalidEventException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Domain records reject bad input with a specific message")
class ValidationTest {
    private static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void blankOrderIdsAreRejected(String id) {
        assertThatThrownBy(() -> order(id, "c-1", AT, line("p-1", "cat", 1, "1")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("orderId must not be");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void blankCustomerIdsAreRejected(String id) {
        assertThatThrownBy(() -> Customer.of(id))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("customerId must not be");
    }

    @Test
    void idsWithControlCharactersAreRejected() {
        assertThatThrownBy(() -> line("p\n1", "cat", 1, "1"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("control characters");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, -2})
    void nonPositiveQuantitiesAreRejectedNamingTheProduct(int quantity) {
        assertThatThrownBy(() -> line("p-9", "cat", quantity, "1"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("quantity must be positive, got " + quantity + " for product p-9");
    }

    @Test
    void negativePricesAreRejected() {
        assertThatThrownBy(() -> line("p-9", "cat", 1, "-0.01"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("unitPrice must not be negative, got -0.01 for product p-9");
    }

    @Test
    void pricesWithMoreThanFourDecimalsAreRejectedNotRounded() {
        assertThatThrownBy(() -> line("p-9", "cat", 1, "0.00001"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("unitPrice for product p-9 must have at most 4 decimal places, got 0.00001");
    }

    @Test
    void aProductIdThatIsNotPlainIsQuotedInTheMessage() {
        assertThatThrownBy(() -> line("p \"9\"", "cat", 0, "1"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("quantity must be positive, got 0 for product \"p \\u00229\\u0022\"");
    }

    @Test
    void aFreePriceAndTrailingZerosAreFine() {
        assertThat(line("p-9", "cat", 2, "0").amount()).isEqualByComparingTo("0");
        assertThat(line("p-9", "cat", 2, "1.50000").amount()).isEqualByComparingTo("3");
    }

    @Test
    void blankCategoryIsRejected() {
        assertThatThrownBy(() -> line("p-9", " ", 1, "1"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("category must not be blank for product p-9");
    }

    @Test
    void anOrderNeedsLinesAndATime() {
        assertThatThrownBy(() -> new Order("o-1", Customer.of("c"), AT, List.of(), "IN"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("an order needs at least one line item in order o-1");
        assertThatThrownBy(() -> new Order("o-1", Customer.of("c"), null, List.of(line("p", "c", 1, "1")), "IN"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("placedAt must not be null in order o-1");
    }

    @Test
    void aPlacedEventNeedsTheOrderBody() {
        assertThatThrownBy(() -> OrderEvent.of(EventType.PLACED, "o-1", AT, null))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("order body must not be null of a PLACED event");
    }

    @Test
    void anEventCarryingAnotherOrdersBodyIsRejected() {
        assertThatThrownBy(() ->
                        OrderEvent.of(EventType.DELIVERED, "o-2", AT, order("o-1", "c-1", AT, line("p", "c", 1, "1"))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("event for order o-2 carries the body of order o-1");
    }

    @Test
    void aStatusEventNeedsATime() {
        assertThatThrownBy(() -> OrderEvent.delivered("o-1", null))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("event time must not be null");
    }

    @Test
    void aRefundNeedsLinesOrAnAmountButNotBoth() {
        assertThatThrownBy(() -> Refund.ofLines("r-1", "o-1", AT, List.of()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("a partial refund needs lines or an amount in refund r-1");
        assertThatThrownBy(() -> new Refund(
                        "r-1", "o-1", null, AT, List.of(RefundLine.of("p", 1)), BigDecimal.ONE, false, null, null))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("give lines or an amount, not both");
    }

    @Test
    void negativeRefundAmountsAndQuantitiesAreRejected() {
        assertThatThrownBy(() -> Refund.ofAmount("r-1", "o-1", AT, new BigDecimal("-1")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("refund amount must be positive, got -1 in refund r-1");
        assertThatThrownBy(() -> RefundLine.of("p-1", 0))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("refund quantity must be positive, got 0 for product p-1 in refund");
    }

    @Test
    void aStandaloneRefundNeedsACustomerAndAnAmountPerLine() {
        assertThatThrownBy(() -> Refund.standalone("r-1", null, AT, List.of(RefundLine.of("p", 1)), "UK"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("customerId of a standalone refund must not be null");
        assertThatThrownBy(() -> Refund.standalone("r-1", "c-1", AT, List.of(RefundLine.of("p", 1)), "UK"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("every line of a standalone refund needs an amount, product p has none in refund r-1");
    }

    @Test
    void aFullRefundTakesNoLines() {
        assertThatThrownBy(() ->
                        new Refund("r-1", "o-1", null, AT, List.of(RefundLine.of("p", 1)), null, true, null, null))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("a full refund takes neither lines nor an amount in refund r-1");
    }

    @Test
    void orderTotalsAreExactSums() {
        Order o = order("o-1", "c-1", AT, line("a", "c", 3, "0.001"), line("b", "c", 2, "299"));
        assertThat(o.total()).isEqualByComparingTo("598.003");
        assertThat(o.itemCount()).isEqualTo(5);
        assertThat(o.country()).isEqualTo("IN");
        assertThat(new Order("o-2", Customer.of("c"), AT, List.of(line("a", "c", 1, "1")), null).country())
                .isEqualTo(Order.UNKNOWN_COUNTRY);
    }
}
