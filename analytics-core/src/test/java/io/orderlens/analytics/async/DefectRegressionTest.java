package io.orderlens.analytics.async;

import static io.orderlens.analytics.async.TestOrders.builder;
import static io.orderlens.analytics.async.TestOrders.delivered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.analytics.query.AnalyticsQueries;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The defects found by outside testing, one test each: out-of-range input, closed instances, rebuild, start-up. */
class DefectRegressionTest {
    private static final Instant AT = Instant.parse("2025-06-01T10:00:00Z");

    private static Order order(String id, String customer, Instant at) {
        return new Order(id, Customer.of(customer), at, List.of(LineItem.of("p-1", null, "cat", 1, "10.00")), "DE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+56975-01-01T00:00:00Z", "1899-12-31T23:59:59.999999999Z", "2200-01-01T00:00:00Z"})
    void instantsOutsideTheSupportedRangeAreRejectedNamingTheField(String text) {
        Instant at = Instant.parse(text);
        assertThatThrownBy(() -> order("o-1", "c-1", at))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("placedAt must be in [1900-01-01T00:00:00Z, 2200-01-01T00:00:00Z), got");
        assertThatThrownBy(() -> OrderEvent.delivered("o-1", at))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("event time must be in");
        assertThatThrownBy(() -> new Customer("c-1", at, null))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("accountCreatedAt must be in");
        assertThatThrownBy(() -> Refund.full("r-1", "o-1", at))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("refund time must be in");
    }

    @Test
    void instantMaxAndMinAreInvalidEventsNotDateTimeExceptions() {
        for (Instant at : List.of(Instant.MAX, Instant.MIN)) {
            assertThatThrownBy(() -> order("o-1", "c-1", at)).isInstanceOf(InvalidEventException.class);
        }
        assertThat(order("o-1", "c-1", Instant.parse("1900-01-01T00:00:00Z")).placedAt())
                .isNotNull();
        assertThat(order("o-1", "c-1", Instant.parse("2199-12-31T23:59:59.999999999Z"))
                        .placedAt())
                .isNotNull();
    }

    @Test
    void everyDatedQueryRejectsExtremeDatesWithAClearMessage() {
        Analytics a = builder(new InMemoryAnalyticsStore()).build();
        List<Consumer<AnalyticsQueries>> queries = List.of(
                q -> q.daily(LocalDate.MAX, LocalDate.MAX),
                q -> q.daily(LocalDate.MIN, LocalDate.MIN),
                q -> q.daily(LocalDate.of(10_000, 1, 1), LocalDate.of(10_000, 1, 2)),
                q -> q.dashboard(LocalDate.MAX, LocalDate.MAX),
                q -> q.dashboard(LocalDate.MIN, LocalDate.of(2025, 1, 1)),
                q -> q.dashboard(LocalDate.of(1899, 12, 30), LocalDate.of(1899, 12, 31)));
        for (Consumer<AnalyticsQueries> q : queries) {
            assertThatThrownBy(() -> q.accept(a.queries()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("dates must be in 1899-12-31..2200-01-01");
        }
        assertThat(a.queries().daily(LocalDate.of(2200, 1, 1), LocalDate.of(2200, 1, 1)))
                .hasSize(1);
        a.close();
    }

    @Test
    void queriesNamingAnIdNoEventCanCarryAreRejected() {
        Analytics a = builder(new InMemoryAnalyticsStore()).build();
        assertThatThrownBy(() -> a.queries().customer("c\uD800"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> a.queries().product(" p-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whitespace");
        assertThatThrownBy(() -> a.queries().category("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters");
        a.close();
    }

    @Test
    void idsWithSurroundingWhitespaceAndZeroAmountRefundsAreRejected() {
        for (String id : List.of(" c-1", "c-1 ", "\u00A0c-1", "c-1\u2003")) {
            assertThatThrownBy(() -> Customer.of(id))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageStartingWith("customerId must not start or end with whitespace, got \"");
        }
        assertThatThrownBy(() -> Refund.ofAmount("r-1", "o-1", AT, BigDecimal.ZERO))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("refund amount must be positive, got 0 in " + "refund r-1");
    }

    @Test
    void theMessageQuotesAMalformedValueWithEscapes() {
        assertThatThrownBy(() -> Customer.of("c\u0000\uD800x"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("customerId must not contain control characters, got \"c\\u0000\\ud800x\"");
        assertThatThrownBy(() -> Customer.of("c\uD801"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("customerId must be well-formed Unicode, got an unpaired surrogate at index 1: "
                        + "\"c\\ud801\"");
    }

    @Test
    void ordersBeyondTheLineAndSizeLimitsAreRejectedOnConstruction() {
        List<LineItem> many = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            many.add(LineItem.of("p-" + i, null, "cat", 1, "1"));
        }
        assertThatThrownBy(() -> new Order("o-1", Customer.of("c-1"), AT, many, "DE"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("an order may have at most 1000 lines, got 1001 in order o-1");
        assertThat(new Order("o-1", Customer.of("c-1"), AT, many.subList(0, 1_000), "DE").lines())
                .hasSize(1_000);
        List<LineItem> heavy = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            heavy.add(LineItem.of("p-" + i, "€".repeat(500), "cat", 1, "1")); // 1,500 bytes of name each
        }
        assertThatThrownBy(() -> new Order("o-1", Customer.of("c-1"), AT, heavy, "DE"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("an order may encode to at most 524288 bytes");
        assertThatThrownBy(() -> LineItem.of("p-1", "n".repeat(1 << 20), "cat", 1, "1"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("name must be at most 500 characters, got 1048576");
    }

    @Test
    void refundsThatWouldGrowALedgerEntryBeyondItsLimitAreRejectedAndWriteNothing() {
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        Analytics a = builder(store).build();
        List<LineItem> lines = new ArrayList<>();
        List<RefundLine> back = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String p = String.format("%03d-", i) + "p".repeat(116);
            lines.add(new LineItem(p, "n", "c".repeat(120), 10, BigDecimal.ONE));
            back.add(RefundLine.of(p, 1));
        }
        Order big = new Order("o-1", Customer.of("c-1"), AT, lines, "DE");
        a.record(OrderEvent.delivered(big, AT));
        int accepted = 0;
        InvalidEventException refused = null;
        for (int r = 0; r < 8 && refused == null; r++) {
            try {
                a.record(OrderEvent.refunded(Refund.ofLines("r-" + r, "o-1", AT.plusSeconds(r + 1), back)));
                accepted++;
            } catch (InvalidEventException e) {
                refused = e;
            }
        }
        assertThat(accepted).isEqualTo(4);
        assertThat(refused).hasMessageContaining("would grow the ledger entry of order o-1 beyond 2097152 bytes");
        assertThat(store.ledger(java.util.Set.of("o:o-1")).get("o:o-1").refunds())
                .hasSize(4);
        assertThat(a.verify().isClean()).isTrue();
        a.close();
    }

    @Test
    void aClosedInstanceRefusesQueriesVerifyRebuildAndRecoverButStillAnswersMetrics() {
        Analytics a = builder(new InMemoryAnalyticsStore()).build();
        AnalyticsQueries earlier = a.queries();
        a.record(delivered(1));
        a.close();

        List<Runnable> refused = List.of(
                a::queries,
                a::verify,
                a::rebuild,
                a::recover,
                () -> earlier.customer("c-1"),
                () -> earlier.topProducts(io.orderlens.analytics.query.ProductRanking.UNITS, 1),
                () -> earlier.daily(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 1)));
        for (Runnable r : refused) {
            assertThatThrownBy(r::run)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("this Analytics instance is closed");
        }
        assertThat(a.metrics().applied()).isEqualTo(1);
        assertThat(a.flush(Duration.ZERO).complete()).isTrue();
        assertThat(a.close(Duration.ZERO).complete()).isTrue();
    }

    @Test
    void aRebuildIsExclusiveWithTheWritesOfItsInstance() throws Exception {
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        Analytics a = builder(store).build();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int from = t * 2_000;
            writers.add(new Thread(() -> {
                for (int i = from; i < from + 2_000; i++) {
                    a.record(delivered(i));
                }
            }));
        }
        writers.forEach(Thread::start);
        int rebuilds = 0;
        while (writers.stream().anyMatch(Thread::isAlive)) {
            a.rebuild();
            rebuilds++;
        }
        for (Thread w : writers) {
            w.join();
        }
        assertThat(rebuilds).isPositive();
        assertThat(a.verify().drifts()).isEmpty();
        assertThat(TestOrders.storedUnits(store)).isEqualTo(TestOrders.units(delivered(0, 6_000)));
        a.close();
    }

    @Test
    void aSynchronousInstanceStartsWhileRecoveryFailsAndShowsItInMetrics() throws Exception {
        FaultyStore store = new FaultyStore().down();
        Analytics a = builder(store).build();

        assertThat(a.metrics().recoveryPending()).isTrue();
        assertThat(a.metrics().recoveryFailures()).isPositive();
        store.up();
        for (int i = 0; i < 200 && a.metrics().recoveryPending(); i++) {
            Thread.sleep(50); // the first background attempt comes a second after the start
        }
        assertThat(a.metrics().recoveryPending()).isFalse();
        assertThat(a.record(delivered(1))).isEqualTo(RecordOutcome.APPLIED);
        a.close();
    }

    @Test
    void closeReportsEventsWhoseAcknowledgementWasLostAsApplied() {
        FaultyStore store = new FaultyStore();
        Analytics a = builder(store)
                .async(AsyncOptions.builder()
                        .storeAttempts(1)
                        .retryParkedEvery(Duration.ZERO)
                        .sleeper(d -> {})
                        .build())
                .build();
        store.loseNextAcknowledgements(1);
        List<OrderEvent> events = delivered(0, 3);
        List<CompletableFuture<RecordOutcome>> futures = new ArrayList<>();
        events.forEach(e -> futures.add(a.submit(e)));
        List<OrderEvent> parked = a.flush(Duration.ofSeconds(10)).unapplied();
        assertThat(parked).isNotEmpty();

        CloseReport report = a.close(Duration.ofSeconds(10));

        assertThat(report.applied()).containsExactlyElementsOf(parked);
        assertThat(report.notApplied()).isEmpty();
        assertThat(report.outcomeUnknown()).isEmpty();
        futures.forEach(f -> assertThat(f).isCompletedWithValueMatching(o -> o != null));
        assertThat(TestOrders.storedUnits(store)).isEqualTo(TestOrders.units(events));
    }

    @Test
    void closeReportsAWriteThatMayHaveTakenEffectAsUnknownWhileTheStoreCannotTell() {
        FaultyStore store = new FaultyStore();
        Analytics a = builder(store)
                .async(AsyncOptions.builder()
                        .storeAttempts(1)
                        .retryParkedEvery(Duration.ZERO)
                        .sleeper(d -> {})
                        .build())
                .build();
        store.loseNextAcknowledgements(1);
        OrderEvent lost = delivered(7);
        CompletableFuture<RecordOutcome> f = a.submit(lost);
        assertThat(a.flush(Duration.ofSeconds(10)).unapplied()).containsExactly(lost);
        store.down();

        CloseReport report = a.close(Duration.ofSeconds(10));

        assertThat(report.outcomeUnknown()).containsExactly(lost);
        assertThat(report.applied()).isEmpty();
        assertThat(report.toResend()).containsExactly(lost);
        assertThat(f).isCompletedExceptionally();
    }
}
