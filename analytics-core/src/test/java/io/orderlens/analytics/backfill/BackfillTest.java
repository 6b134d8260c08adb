package io.orderlens.analytics.backfill;

import static io.orderlens.analytics.async.TestOrders.builder;
import static io.orderlens.analytics.async.TestOrders.delivered;
import static io.orderlens.analytics.async.TestOrders.reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.async.FaultyStore;
import io.orderlens.analytics.async.TestOrders;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackfillTest {
    private final FaultyStore store = new FaultyStore();
    private final Analytics analytics =
            builder(store).storeAttempts(2).storeBackoff(Duration.ZERO).build();
    private final List<OrderEvent> events = delivered(0, 237);

    @AfterEach
    void close() {
        analytics.close();
    }

    @Test
    void writesTheSourceInBatchesAndReportsProgressAfterEach() {
        List<BackfillProgress> seen = new ArrayList<>();

        BackfillResult result = analytics.backfill(
                events.stream(),
                BackfillOptions.builder().batchSize(50).progress(seen::add).build());

        assertThat(result.events()).isEqualTo(237);
        assertThat(result.applied()).isEqualTo(237);
        assertThat(result.batches()).isEqualTo(5);
        assertThat(result.resumedFrom()).isZero();
        assertThat(seen).extracting(BackfillProgress::done).containsExactly(50L, 100L, 150L, 200L, 237L);
        assertThat(seen).extracting(BackfillProgress::total).containsOnly(237L);
        assertThat(seen).allSatisfy(p -> {
            assertThat(p.ratePerSecond()).isPositive();
            assertThat(p.eta()).isNotNull();
            assertThat(p.eta().isNegative()).isFalse();
        });
        assertThat(seen.get(seen.size() - 1).eta()).isZero();
        assertThat(seen.get(seen.size() - 1).fraction()).isEqualTo(1.0);
        assertThat(store.applyCalls()).isEqualTo(5);
        assertThat(analytics.metrics().batchSize().max()).isEqualTo(50);
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(events));
    }

    @Test
    void anIteratorOfUnknownLengthReportsNoTotalAndNoEta() {
        List<BackfillProgress> seen = new ArrayList<>();

        analytics.backfill(
                events.iterator(),
                BackfillOptions.builder().batchSize(100).progress(seen::add).build());

        assertThat(seen).extracting(BackfillProgress::done).containsExactly(100L, 200L, 237L);
        assertThat(seen).allSatisfy(p -> {
            assertThat(p.totalKnown()).isFalse();
            assertThat(p.etaIfKnown()).isEmpty();
            assertThat(p.fraction()).isEqualTo(-1);
        });
    }

    @Test
    void progressCanBeReportedEveryFewBatches() {
        List<BackfillProgress> seen = new ArrayList<>();

        analytics.backfill(
                events.iterator(),
                BackfillOptions.builder()
                        .batchSize(20)
                        .progressEvery(5)
                        .total(237)
                        .progress(seen::add)
                        .build());

        assertThat(seen).extracting(BackfillProgress::done).containsExactly(100L, 200L, 237L);
    }

    @Test
    void anInterruptedBackfillResumesFromItsCheckpointWithoutDoubleCounting() {
        BackfillCheckpoint checkpoint = BackfillCheckpoint.inMemory();
        BackfillOptions crashing = BackfillOptions.builder()
                .batchSize(50)
                .checkpoint(checkpoint)
                .progress(p -> {
                    if (p.done() == 100) {
                        throw new IllegalStateException("power cut");
                    }
                })
                .build();

        assertThatThrownBy(() -> analytics.backfill(events.iterator(), crashing))
                .hasMessage("power cut");
        assertThat(checkpoint.load()).isEqualTo(100);

        BackfillResult resumed = analytics.backfill(
                events.iterator(),
                BackfillOptions.builder().batchSize(50).checkpoint(checkpoint).build());

        assertThat(resumed.resumedFrom()).isEqualTo(100);
        assertThat(resumed.events()).isEqualTo(137);
        assertThat(resumed.duplicates()).isZero();
        assertThat(resumed.position()).isEqualTo(237);
        assertThat(checkpoint.load()).isEqualTo(237);
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(events));
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void aCrashBetweenAWriteAndItsCheckpointOnlyCausesHarmlessDuplicates() {
        BackfillCheckpoint memory = BackfillCheckpoint.inMemory();
        BackfillCheckpoint failingOnce = new BackfillCheckpoint() {
            private boolean failed;

            @Override
            public long load() {
                return memory.load();
            }

            @Override
            public void save(long position) {
                if (position == 100 && !failed) {
                    failed = true;
                    throw new IllegalStateException("disk full");
                }
                memory.save(position);
            }
        };
        BackfillOptions options =
                BackfillOptions.builder().batchSize(50).checkpoint(failingOnce).build();

        assertThatThrownBy(() -> analytics.backfill(events.iterator(), options)).hasMessage("disk full");
        assertThat(memory.load()).isEqualTo(50);
        BackfillResult resumed = analytics.backfill(events.iterator(), options);

        assertThat(resumed.resumedFrom()).isEqualTo(50);
        assertThat(resumed.duplicates()).isEqualTo(50);
        assertThat(resumed.applied()).isEqualTo(137);
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(events));
    }

    @Test
    void aStoreOutageStopsTheBackfillAtItsLastWrittenBatchAndANewRunFinishesIt() {
        BackfillCheckpoint checkpoint = BackfillCheckpoint.inMemory();
        BackfillOptions options = BackfillOptions.builder()
                .batchSize(50)
                .checkpoint(checkpoint)
                .progress(p -> {
                    if (p.done() == 100) {
                        store.down();
                    }
                })
                .build();

        assertThatThrownBy(() -> analytics.backfill(events.iterator(), options))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("stopped at position 100");
        assertThat(checkpoint.load()).isEqualTo(100);
        store.up();
        BackfillResult resumed = analytics.backfill(
                events.iterator(),
                BackfillOptions.builder().batchSize(50).checkpoint(checkpoint).build());

        assertThat(resumed.resumedFrom()).isEqualTo(100);
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(events));
    }

    @Test
    void theSourceIsReadLazilySoMemoryHoldsOneBatch() {
        AtomicLong produced = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong mostAhead = new AtomicLong();
        Iterator<OrderEvent> lazy = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced.get() < 1000;
            }

            @Override
            public OrderEvent next() {
                return delivered((int) produced.getAndIncrement());
            }
        };
        store.beforeApply(batch -> mostAhead.accumulateAndGet(produced.get() - written.get(), Math::max));

        BackfillResult result = analytics.backfill(
                lazy,
                BackfillOptions.builder()
                        .batchSize(40)
                        .progress(p -> written.set(p.done()))
                        .build());

        assertThat(result.events()).isEqualTo(1000);
        assertThat(mostAhead.get()).isEqualTo(40);
    }

    @Test
    void invalidEventsAreCountedAndHandedToTheHandlerWhileTheRestIsWritten() {
        Order order = TestOrders.order(1);
        OrderEvent tooLarge = OrderEvent.refunded(Refund.ofAmount(
                "r-1",
                order.orderId(),
                order.placedAt().plus(Duration.ofDays(1)),
                order.total().add(BigDecimal.ONE)));
        List<OrderEvent> source = new ArrayList<>(delivered(0, 3));
        source.add(tooLarge);
        source.addAll(delivered(3, 10));
        List<Long> positions = new ArrayList<>();
        List<InvalidEventException> errors = new ArrayList<>();

        BackfillResult result = analytics.backfill(
                source.iterator(),
                BackfillOptions.builder()
                        .batchSize(4)
                        .invalidEvents((position, event, error) -> {
                            positions.add(position);
                            errors.add(error);
                            assertThat(event).isEqualTo(tooLarge);
                        })
                        .build());

        assertThat(result.invalid()).isEqualTo(1);
        assertThat(result.applied()).isEqualTo(10);
        assertThat(positions).containsExactly(3L);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("exceeds"));
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(source));
    }

    @Test
    void aNullInTheSourceIsRejectedBeforeItsBatchIsWritten() {
        List<OrderEvent> source = new ArrayList<>(delivered(0, 5));
        source.add(2, null);

        assertThatThrownBy(() -> analytics.backfill(
                        source.iterator(),
                        BackfillOptions.builder().batchSize(10).build()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("position 2");
        assertThat(store.applyCalls()).isZero();
    }

    @Test
    void optionsRejectOutOfRangeValues() {
        BackfillOptions.Builder b = BackfillOptions.builder();

        assertThatThrownBy(() -> b.batchSize(0)).hasMessage("batchSize must be 1..10000, got 0");
        assertThatThrownBy(() -> b.batchSize(10_001)).hasMessage("batchSize must be 1..10000, got 10001");
        assertThatThrownBy(() -> b.progressEvery(0)).hasMessage("progressEvery must be 1..1000000, got 0");
        assertThatThrownBy(() -> b.total(-1)).hasMessage("total must not be negative, got -1");
        assertThatThrownBy(() -> b.checkpoint(null)).isInstanceOf(NullPointerException.class);
        assertThat(BackfillOptions.defaults().batchSize()).isEqualTo(50);
    }
}
