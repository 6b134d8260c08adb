package io.orderlens.analytics;

import static io.orderlens.analytics.testing.AnalyticsFixture.units;
import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.testing.AnalyticsFixture;
import io.orderlens.analytics.testing.StoreReads;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Order lifecycle: counting policy, reversal, refunds, duplicates and out-of-order events")
class LifecycleTest {
    static final Instant T1 = Instant.parse("2026-06-01T06:30:00Z");
    static final Instant T2 = Instant.parse("2026-06-03T06:30:00Z");
    static final LocalDate D1 = LocalDate.of(2026, 6, 1);
    static final LocalDate D2 = LocalDate.of(2026, 6, 3);

    final AnalyticsFixture f = new AnalyticsFixture();
    final Analytics a = f.analytics;
    final Order pizza = order("o-1", "c-1", T1, line("pizza", "mains", 2, "299"), line("pepsi", "drinks", 1, "60"));

    private long unitsSold(String product) {
        return f.store.get(Aggregate.PRODUCTS, product).map(p -> p.units()).orElse(0L);
    }

    @Nested
    class CountingPolicies {
        @Test
        void byDefaultAnOrderCountsOnlyOnceDelivered() {
            a.record(OrderEvent.placed(pizza));
            a.record(OrderEvent.accepted("o-1", T1));
            a.record(OrderEvent.outForDelivery("o-1", T1));
            assertThat(unitsSold("pizza")).isZero();
            assertThat(StoreReads.days(f.store, D1, D1).get(0).statuses().get(OrderStatus.OUT_FOR_DELIVERY))
                    .isEqualTo(1);
            a.record(OrderEvent.delivered("o-1", T1));
            assertThat(unitsSold("pizza")).isEqualTo(2);
            assertThat(StoreReads.days(f.store, D1, D1).get(0).statuses().asMap())
                    .containsOnlyKeys(OrderStatus.DELIVERED);
        }

        @Test
        void atPlacedCountsWhenTheOrderIsPlaced() {
            AnalyticsFixture placed = new AnalyticsFixture(CountingPolicy.AT_PLACED);
            placed.analytics.record(OrderEvent.placed(pizza));
            assertThat(placed.store
                            .get(Aggregate.PRODUCTS, "pizza")
                            .orElseThrow()
                            .units())
                    .isEqualTo(2);
            placed.analytics.record(OrderEvent.delivered("o-1", T1));
            assertThat(placed.store
                            .get(Aggregate.PRODUCTS, "pizza")
                            .orElseThrow()
                            .units())
                    .isEqualTo(2);
        }

        @Test
        void atPaidCountsWhenThePaidMarkerArrives() {
            AnalyticsFixture paid = new AnalyticsFixture(CountingPolicy.AT_PAID);
            paid.analytics.record(OrderEvent.placed(pizza));
            paid.analytics.record(OrderEvent.delivered("o-1", T1));
            assertThat(paid.store.get(Aggregate.PRODUCTS, "pizza")).isEmpty();
            assertThat(paid.analytics.record(OrderEvent.paid("o-1", T1))).isEqualTo(RecordOutcome.APPLIED);
            assertThat(paid.store.get(Aggregate.PRODUCTS, "pizza").orElseThrow().units())
                    .isEqualTo(2);
        }
    }

    @Nested
    class Reversal {
        @Test
        void cancelAfterDeliveryReturnsEveryCounterToExactlyItsPreviousValue() {
            f.deliver(order("o-0", "c-1", T1, line("pizza", "mains", 1, "299")));
            Delta before = f.snapshot();
            f.deliver(pizza);
            a.record(OrderEvent.canceled("o-1", T2));
            Delta after = f.snapshot();
            assertThat(after.categories()).isEqualTo(before.categories());
            assertThat(after.customerCategories()).isEqualTo(before.customerCategories());
            assertThat(after.customers().get("c-1").spent())
                    .isEqualTo(before.customers().get("c-1").spent());
            assertThat(after.customers().get("c-1").hours())
                    .isEqualTo(before.customers().get("c-1").hours());
            assertThat(after.products().get("pizza").units()).isEqualTo(1);
            assertThat(after.products().get("pizza").revenue()).isEqualTo(units("299"));
            assertThat(after.products().get("pepsi").units()).isZero();
            assertThat(after.days().get(D1).orders()).isEqualTo(1);
            assertThat(after.days().get(D1).grossRevenue()).isEqualTo(units("299"));
            assertThat(after.days().get(D1).statuses().get(OrderStatus.CANCELED))
                    .isEqualTo(1);
        }

        @Test
        void fullRefundAfterDeliveryRemovesTheOrderAndBooksTheRefundOnItsDay() {
            f.deliver(pizza);
            a.record(OrderEvent.refunded(Refund.full("r-1", "o-1", T2)));
            assertThat(unitsSold("pizza")).isZero();
            assertThat(f.store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().orders())
                    .isZero();
            assertThat(f.store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().spent())
                    .isZero();
            assertThat(StoreReads.days(f.store, D1, D1).get(0).grossRevenue()).isEqualTo(units("658"));
            assertThat(StoreReads.days(f.store, D2, D2).get(0).refundedAmount()).isEqualTo(units("658"));
            assertThat(StoreReads.days(f.store, D1, D1).get(0).statuses().asMap())
                    .containsOnlyKeys(OrderStatus.REFUNDED);
        }

        @Test
        void partialRefundSubtractsItsLinesOnly() {
            f.deliver(pizza);
            a.record(OrderEvent.refunded(Refund.ofLines("r-1", "o-1", T2, List.of(RefundLine.of("pizza", 1)))));
            assertThat(unitsSold("pizza")).isEqualTo(1);
            assertThat(unitsSold("pepsi")).isEqualTo(1);
            assertThat(f.store.get(Aggregate.PRODUCTS, "pizza").orElseThrow().orders())
                    .isEqualTo(1);
            assertThat(f.store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().spent())
                    .isEqualTo(units("359"));
            assertThat(f.store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().orders())
                    .isEqualTo(1);
            assertThat(f.store.get(Aggregate.CATEGORIES, "mains").orElseThrow().revenue())
                    .isEqualTo(units("299"));
        }

        @Test
        void fullRefundAfterAPartialOneRefundsOnlyWhatRemains() {
            f.deliver(pizza);
            a.record(OrderEvent.refunded(Refund.ofAmount("r-1", "o-1", T2, new BigDecimal("100"))));
            a.record(OrderEvent.refunded(Refund.full("r-2", "o-1", T2)));
            assertThat(f.store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().spent())
                    .isZero();
            assertThat(f.store.get(Aggregate.PRODUCTS, "pizza").orElseThrow().revenue())
                    .isZero();
            assertThat(StoreReads.days(f.store, D2, D2).get(0).refundedAmount()).isEqualTo(units("658"));
            assertThat(StoreReads.days(f.store, D2, D2).get(0).refunds()).isEqualTo(2);
        }

        @Test
        void aRefundLargerThanWhatWasSoldIsRejectedAndChangesNothing() {
            f.deliver(pizza);
            Delta before = f.snapshot();
            assertThatThrownBy(() -> a.record(
                            OrderEvent.refunded(Refund.ofLines("r-1", "o-1", T2, List.of(RefundLine.of("pizza", 3))))))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessage("refund of 3 × pizza exceeds the 2 not yet refunded in refund r-1 of order o-1");
            assertThatThrownBy(() ->
                            a.record(OrderEvent.refunded(Refund.ofAmount("r-2", "o-1", T2, new BigDecimal("658.01")))))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("exceeds what remains of the order, 658.00");
            assertThatThrownBy(() -> a.record(OrderEvent.refunded(
                            Refund.ofLines("r-3", "o-1", T2, List.of(RefundLine.of("garlic-bread", 1))))))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("product garlic-bread is not part of order o-1");
            assertThat(f.snapshot()).isEqualTo(before);
        }

        @Test
        void twoPartialRefundsCannotTogetherExceedTheLine() {
            f.deliver(pizza);
            a.record(OrderEvent.refunded(Refund.ofLines("r-1", "o-1", T2, List.of(RefundLine.of("pizza", 2)))));
            assertThatThrownBy(() -> a.record(
                            OrderEvent.refunded(Refund.ofLines("r-2", "o-1", T2, List.of(RefundLine.of("pizza", 1))))))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("exceeds the 0 not yet refunded");
        }

        @Test
        void nothingCanBeRefundedAfterAFullRefund() {
            f.deliver(pizza);
            a.record(OrderEvent.refunded(Refund.full("r-1", "o-1", T2)));
            assertThatThrownBy(() -> a.record(OrderEvent.refunded(Refund.ofAmount("r-2", "o-1", T2, BigDecimal.ONE))))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("was already fully refunded by refund r-1");
        }
    }

    @Nested
    class Duplicates {
        @Test
        void theSameEventTwiceHasExactlyOneEffect() {
            assertThat(a.record(OrderEvent.placed(pizza))).isEqualTo(RecordOutcome.APPLIED);
            assertThat(a.record(OrderEvent.delivered("o-1", T1))).isEqualTo(RecordOutcome.APPLIED);
            Delta once = f.snapshot();
            assertThat(a.record(OrderEvent.placed(pizza))).isEqualTo(RecordOutcome.DUPLICATE);
            assertThat(a.record(OrderEvent.delivered("o-1", T1))).isEqualTo(RecordOutcome.DUPLICATE);
            assertThat(a.record(OrderEvent.delivered(pizza, T1))).isEqualTo(RecordOutcome.DUPLICATE);
            assertThat(f.snapshot()).isEqualTo(once);
        }

        @Test
        void aRetriedRefundIsADuplicateEvenAfterLaterRefunds() {
            f.deliver(pizza);
            OrderEvent partial =
                    OrderEvent.refunded(Refund.ofLines("r-1", "o-1", T2, List.of(RefundLine.of("pizza", 1))));
            a.record(partial);
            a.record(OrderEvent.refunded(Refund.full("r-2", "o-1", T2)));
            Delta after = f.snapshot();
            assertThat(a.record(partial)).isEqualTo(RecordOutcome.DUPLICATE);
            assertThat(f.snapshot()).isEqualTo(after);
        }

        @Test
        void aRefundIdReusedWithOtherContentIsRejected() {
            f.deliver(pizza);
            a.record(OrderEvent.refunded(Refund.ofLines("r-1", "o-1", T2, List.of(RefundLine.of("pizza", 1)))));
            assertThatThrownBy(() -> a.record(
                            OrderEvent.refunded(Refund.ofLines("r-1", "o-1", T2, List.of(RefundLine.of("pepsi", 1))))))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessage("refund r-1 of order o-1 was already recorded with different content");
        }

        @Test
        void anOrderIdReusedWithAnotherBodyIsRejected() {
            a.record(OrderEvent.placed(pizza));
            Order other = order("o-1", "c-2", T1, line("pizza", "mains", 1, "299"));
            assertThatThrownBy(() -> a.record(OrderEvent.placed(other)))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessage("order o-1 was already recorded with different content; an order's body cannot "
                            + "change");
        }

        @Test
        void aRetriedBatchIsADuplicateBatch() {
            List<OrderEvent> batch = List.of(OrderEvent.placed(pizza), OrderEvent.delivered("o-1", T1));
            assertThat(a.recordAll(batch)).containsExactly(RecordOutcome.APPLIED, RecordOutcome.APPLIED);
            assertThat(a.recordAll(batch)).containsExactly(RecordOutcome.DUPLICATE, RecordOutcome.DUPLICATE);
            assertThat(unitsSold("pizza")).isEqualTo(2);
        }
    }

    @Nested
    class OutOfOrder {
        @Test
        void aDeliveryBeforeTheOrderBodyIsHeldAndCountsWhenTheBodyArrives() {
            assertThat(a.record(OrderEvent.delivered("o-1", T1))).isEqualTo(RecordOutcome.HELD);
            assertThat(unitsSold("pizza")).isZero();
            assertThat(a.record(OrderEvent.placed(pizza))).isEqualTo(RecordOutcome.APPLIED);
            assertThat(unitsSold("pizza")).isEqualTo(2);
            assertThat(StoreReads.days(f.store, D1, D1).get(0).statuses().asMap())
                    .containsOnlyKeys(OrderStatus.DELIVERED);
        }

        @Test
        void aRefundBeforeDeliveryIsHeldAndAppliedWithTheDelivery() {
            a.record(OrderEvent.placed(pizza));
            assertThat(a.record(
                            OrderEvent.refunded(Refund.ofLines("r-1", "o-1", T2, List.of(RefundLine.of("pepsi", 1))))))
                    .isEqualTo(RecordOutcome.HELD);
            assertThat(StoreReads.days(f.store, D2, D2)).isEmpty();
            a.record(OrderEvent.delivered("o-1", T2));
            assertThat(unitsSold("pepsi")).isZero();
            assertThat(unitsSold("pizza")).isEqualTo(2);
            assertThat(StoreReads.days(f.store, D2, D2).get(0).refundedAmount()).isEqualTo(units("60"));
        }

        @Test
        void aDeliveryAfterACancelIsIgnored() {
            a.record(OrderEvent.placed(pizza));
            a.record(OrderEvent.canceled("o-1", T1));
            assertThat(a.record(OrderEvent.delivered("o-1", T2))).isEqualTo(RecordOutcome.IGNORED);
            assertThat(unitsSold("pizza")).isZero();
            assertThat(StoreReads.days(f.store, D1, D1).get(0).statuses().asMap())
                    .containsOnlyKeys(OrderStatus.CANCELED);
        }

        @Test
        void aCancelBeforeTheBodyStillShowsTheOrderAsCanceled() {
            assertThat(a.record(OrderEvent.canceled("o-1", T1))).isEqualTo(RecordOutcome.HELD);
            a.record(OrderEvent.placed(pizza));
            assertThat(unitsSold("pizza")).isZero();
            assertThat(StoreReads.days(f.store, D1, D1).get(0).statuses().asMap())
                    .containsOnlyKeys(OrderStatus.CANCELED);
        }

        @Test
        void aLateEarlierStatusDoesNotMoveTheOrderBack() {
            f.deliver(pizza);
            // applied: its time is kept for the lifecycle funnel; the order stays delivered
            assertThat(a.record(OrderEvent.accepted("o-1", T1))).isEqualTo(RecordOutcome.APPLIED);
            assertThat(a.record(OrderEvent.accepted("o-1", T2))).isEqualTo(RecordOutcome.DUPLICATE);
            assertThat(StoreReads.days(f.store, D1, D1).get(0).statuses().asMap())
                    .containsOnlyKeys(OrderStatus.DELIVERED);
        }

        @Test
        void aRefundAfterACancelIsIgnored() {
            f.deliver(pizza);
            a.record(OrderEvent.canceled("o-1", T2));
            assertThat(a.record(OrderEvent.refunded(Refund.full("r-1", "o-1", T2))))
                    .isEqualTo(RecordOutcome.IGNORED);
            assertThat(StoreReads.days(f.store, D2, D2)).isEmpty();
        }

        @Test
        void aRefundOfAnUnknownOrderIsRejected() {
            assertThatThrownBy(() -> a.record(OrderEvent.refunded(Refund.full("r-1", "o-9", T2))))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessage("refund r-1 is for order o-9 whose items were never recorded; record the order first");
            assertThat(f.store.ledger(List.of("o:o-9"))).isEmpty();
        }
    }

    @Test
    void aBatchWithOneBadEventWritesNothing() {
        Order other = order("o-2", "c-2", T1, line("pizza", "mains", 1, "299"));
        List<OrderEvent> batch = List.of(
                OrderEvent.delivered(other, T1),
                OrderEvent.refunded(Refund.ofAmount("r-1", "o-2", T2, new BigDecimal("1000"))));
        assertThatThrownBy(() -> a.recordAll(batch))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("event 1: refund amount 1000 exceeds");
        assertThat(f.store.snapshot().isEmpty()).isTrue();
        assertThat(f.store.ledger(List.of("o:o-2"))).isEmpty();
    }

    @Test
    void mixedCurrenciesAreRejectedWhenACurrencyIsConfigured() {
        AnalyticsFixture inr =
                new AnalyticsFixture(Analytics.builder().currency(java.util.Currency.getInstance("INR")));
        Order usd = new Order(
                "o-9",
                io.orderlens.analytics.model.Customer.of("c"),
                T1,
                List.of(line("p", "c", 1, "1")),
                java.util.Currency.getInstance("USD"),
                "US");
        assertThatThrownBy(() -> inr.analytics.record(OrderEvent.placed(usd)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("mixed currencies: order o-9 is in USD but this analytics instance aggregates INR");
        assertThat(inr.store.snapshot().isEmpty()).isTrue();
    }
}
