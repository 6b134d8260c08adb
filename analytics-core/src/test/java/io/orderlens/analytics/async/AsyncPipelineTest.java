package io.orderlens.analytics.async;

import static io.orderlens.analytics.async.TestOrders.builder;
import static io.orderlens.analytics.async.TestOrders.delivered;
import static io.orderlens.analytics.async.TestOrders.ledgerKeys;
import static io.orderlens.analytics.async.TestOrders.reference;
import static io.orderlens.analytics.async.TestOrders.storedUnits;
import static io.orderlens.analytics.async.TestOrders.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.MetricsSnapshot;
import io.orderlens.analytics.QueueFullException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AsyncPipelineTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FaultyStore store = new FaultyStore();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private Analytics analytics;

    @AfterEach
    void closeAnalytics() {
        if (analytics != null) {
            analytics.close(Duration.ofSeconds(5));
        }
    }

    /** No batch delay, no jitter, no automatic re-try, back-off recorded instead of slept. */
    private AsyncOptions.Builder options() {
        return AsyncOptions.builder()
                .maxBatchDelay(Duration.ZERO)
                .jitter(0)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(80))
                .retryParkedEvery(Duration.ZERO)
                .sleeper(sleeper);
    }

    private Analytics start(AsyncOptions.Builder options, AnalyticsListener... listeners) {
        Analytics.Builder b = builder(store).async(options.build());
        for (AnalyticsListener l : listeners) {
            b.listener(l);
        }
        analytics = b.build();
        return analytics;
    }

    private List<CompletableFuture<RecordOutcome>> submitAll(List<OrderEvent> events) {
        List<CompletableFuture<RecordOutcome>> futures = new ArrayList<>();
        for (OrderEvent e : events) {
            futures.add(analytics.submit(e));
        }
        return futures;
    }

    private static void assertAllApplied(List<CompletableFuture<RecordOutcome>> futures) {
        for (CompletableFuture<RecordOutcome> f : futures) {
            assertThat(f).succeedsWithin(WAIT).isEqualTo(RecordOutcome.APPLIED);
        }
    }

    private static Throwable failureOf(CompletableFuture<RecordOutcome> f) {
        assertThat(f).failsWithin(WAIT);
        try {
            f.get();
            throw new AssertionError("future did not fail");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    // ----- returning at once, batching -----

    @Test
    void submitReturnsWhileTheStoreWriteIsStillInProgress() throws Exception {
        store.holdWrites();
        start(options());

        CompletableFuture<RecordOutcome> f = analytics.submit(delivered(1));
        store.awaitWriteEntered();

        assertThat(f).isNotDone();
        store.releaseWrites();
        DrainReport report = analytics.flush(WAIT);
        assertThat(report.complete()).isTrue();
        assertThat(f).isCompletedWithValue(RecordOutcome.APPLIED);
        assertThat(storedUnits(store)).isEqualTo(units(List.of(delivered(1))));
    }

    @Test
    void eventsQueuedWhileTheStoreIsBusyAreMergedIntoOneStoreWrite() throws Exception {
        store.holdWrites();
        start(options().maxBatchEvents(100));
        List<OrderEvent> events = delivered(0, 51);

        List<CompletableFuture<RecordOutcome>> futures = new ArrayList<>();
        futures.add(analytics.submit(events.get(0)));
        store.awaitWriteEntered();
        futures.addAll(submitAll(events.subList(1, 51)));
        store.releaseWrites();
        analytics.flush(WAIT);

        assertAllApplied(futures);
        assertThat(store.applyCalls()).isEqualTo(2);
        MetricsSnapshot m = analytics.metrics();
        assertThat(m.batches()).isEqualTo(2);
        assertThat(m.batchSize().max()).isEqualTo(50);
        assertThat(m.recorded()).isEqualTo(51);
        assertThat(m.applied()).isEqualTo(51);
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(events));
    }

    @Test
    void aStoreWriteNeverHoldsMoreThanMaxBatchEvents() throws Exception {
        store.holdWrites();
        start(options().maxBatchEvents(10));
        List<OrderEvent> events = delivered(0, 26);

        List<CompletableFuture<RecordOutcome>> futures = new ArrayList<>();
        futures.add(analytics.submit(events.get(0)));
        store.awaitWriteEntered();
        futures.addAll(submitAll(events.subList(1, 26)));
        store.releaseWrites();
        analytics.flush(WAIT);

        assertAllApplied(futures);
        assertThat(store.applyCalls()).isEqualTo(1 + 3); // 1, then 10 + 10 + 5
        assertThat(analytics.metrics().batchSize().max()).isEqualTo(10);
        assertThat(storedUnits(store)).isEqualTo(units(events));
    }

    @Test
    void flushDoesNotWaitOutTheBatchDelay() {
        start(options().maxBatchDelay(Duration.ofMinutes(1)).maxBatchEvents(1000));
        List<CompletableFuture<RecordOutcome>> futures = submitAll(delivered(0, 3));

        DrainReport report = analytics.flush(Duration.ofSeconds(10));

        assertThat(report.complete()).isTrue();
        assertAllApplied(futures);
    }

    @Test
    void aQueueSmallerThanTheBatchKeepsTheLingeringWriterDrainingIt() {
        // the writer lingers for a 1,000-event batch; the queue holds 4: each time it is full the writer must take
        // the events, or the submitter would block until the one-minute block timeout
        start(options()
                .maxBatchDelay(Duration.ofMinutes(1))
                .maxBatchEvents(1000)
                .queueCapacity(4)
                .blockTimeout(Duration.ofMinutes(1)));
        List<OrderEvent> events = delivered(0, 40);

        List<CompletableFuture<RecordOutcome>> futures = submitAll(events);
        DrainReport report = analytics.flush(Duration.ofSeconds(10));

        assertThat(report.complete()).isTrue();
        assertAllApplied(futures);
        assertThat(storedUnits(store)).isEqualTo(units(events));
    }

    // ----- failing store -----

    @Test
    void aStoreThatFailsSeveralTimesThenRecoversAppliesEveryEventExactlyOnce() {
        store.failNextWrites(2).loseNextAcknowledgements(1);
        start(options().storeAttempts(5));
        List<OrderEvent> events = delivered(0, 40);

        List<CompletableFuture<RecordOutcome>> futures = submitAll(events);
        DrainReport report = analytics.flush(WAIT);

        assertThat(report.complete()).isTrue();
        assertAllApplied(futures);
        assertThat(storedUnits(store)).isEqualTo(units(events));
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(events));
        assertThat(analytics.verify().isClean()).isTrue();
        MetricsSnapshot m = analytics.metrics();
        assertThat(m.retried()).isEqualTo(3);
        assertThat(m.failed()).isZero();
        // exponential back-off: 10 ms doubling, for the two failed writes and the lost acknowledgement
        assertThat(sleeper.delays())
                .containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));
    }

    @Test
    void aStoreThatStaysDownNeverFailsSubmitAndARecoveryAppliesTheBacklog() throws Exception {
        BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        List<Integer> failedEvents = new ArrayList<>();
        store.down();
        start(options().storeAttempts(3), new AnalyticsListener() {
            @Override
            public void onWriteFailed(int events, Throwable error) {
                synchronized (failedEvents) {
                    failedEvents.add(events);
                }
                failures.add(error);
            }
        });
        List<OrderEvent> events = delivered(0, 30);

        List<CompletableFuture<RecordOutcome>> futures = submitAll(events);
        DrainReport parked = analytics.flush(WAIT);

        assertThat(parked.pending()).isZero();
        assertThat(parked.unapplied()).containsExactlyElementsOf(events);
        assertThat(parked.complete()).isFalse();
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        assertThat(failures.poll(20, TimeUnit.SECONDS)).isInstanceOf(StoreException.class);
        MetricsSnapshot m = analytics.metrics();
        assertThat(m.parked()).isEqualTo(30);
        assertThat(m.failed()).isGreaterThanOrEqualTo(30);
        assertThat(storedUnits(store)).isZero();

        store.up();
        DrainReport recovered = analytics.retryFailed(WAIT);

        assertThat(recovered.complete()).isTrue();
        assertAllApplied(futures);
        assertThat(store.recoverCalls()).isPositive();
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(events));
        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(analytics.metrics().parked()).isZero();
    }

    @Test
    void parkedEventsAreRetriedAutomatically() {
        store.down();
        start(options().storeAttempts(1).retryParkedEvery(Duration.ofMillis(20)));

        CompletableFuture<RecordOutcome> f = analytics.submit(delivered(3));
        assertThat(analytics.flush(WAIT).unapplied()).containsExactly(delivered(3));
        store.up();

        assertThat(f).succeedsWithin(WAIT).isEqualTo(RecordOutcome.APPLIED);
        assertThat(storedUnits(store)).isEqualTo(units(List.of(delivered(3))));
    }

    @Test
    void laterEventsOfAnOrderWithParkedEventsWaitBehindThem() {
        store.down();
        start(options().storeAttempts(1));
        Order order = TestOrders.order(2);
        OrderEvent delivery = delivered(2);
        OrderEvent refund = OrderEvent.refunded(
                Refund.full("r-2", order.orderId(), order.placedAt().plus(Duration.ofDays(1))));

        CompletableFuture<RecordOutcome> first = analytics.submit(delivery);
        analytics.flush(WAIT);
        store.up();
        CompletableFuture<RecordOutcome> second = analytics.submit(refund);
        DrainReport report = analytics.flush(WAIT);

        // applied alone, the refund would be rejected: the order's items are not in the ledger yet
        assertThat(report.unapplied()).containsExactly(delivery, refund);
        assertThat(second).isNotDone();
        analytics.retryFailed(WAIT);
        assertThat(first).succeedsWithin(WAIT).isEqualTo(RecordOutcome.APPLIED);
        assertThat(second).succeedsWithin(WAIT).isEqualTo(RecordOutcome.APPLIED);
        assertThat(storedUnits(store)).isZero();
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(List.of(delivery, refund)));
    }

    @Test
    void anInvalidEventFailsOnlyItsOwnFuture() {
        start(options());
        Order order = TestOrders.order(1);
        OrderEvent tooLarge = OrderEvent.refunded(Refund.ofAmount(
                "r-1",
                order.orderId(),
                order.placedAt().plus(Duration.ofDays(1)),
                order.total().add(BigDecimal.ONE)));

        CompletableFuture<RecordOutcome> before = analytics.submit(delivered(1));
        CompletableFuture<RecordOutcome> invalid = analytics.submit(tooLarge);
        CompletableFuture<RecordOutcome> after = analytics.submit(delivered(2));
        analytics.flush(WAIT);

        assertThat(before).succeedsWithin(WAIT).isEqualTo(RecordOutcome.APPLIED);
        assertThat(after).succeedsWithin(WAIT).isEqualTo(RecordOutcome.APPLIED);
        assertThat(failureOf(invalid)).isInstanceOf(InvalidEventException.class).hasMessageContaining("exceeds");
        assertThat(analytics.metrics().invalid()).isEqualTo(1);
        assertThat(storedUnits(store)).isEqualTo(units(List.of(delivered(1), delivered(2))));
    }

    // ----- back-pressure -----

    /** Holds the writer inside a store write with event 0, then fills the queue of two with events 1 and 2. */
    private List<CompletableFuture<RecordOutcome>> fillQueue(AsyncOptions.Builder options) throws Exception {
        store.holdWrites();
        start(options.queueCapacity(2).maxBatchEvents(1));
        List<CompletableFuture<RecordOutcome>> futures = new ArrayList<>();
        futures.add(analytics.submit(delivered(0)));
        store.awaitWriteEntered();
        futures.add(analytics.submit(delivered(1)));
        futures.add(analytics.submit(delivered(2)));
        assertThat(analytics.metrics().queueDepth()).isEqualTo(2);
        return futures;
    }

    @Test
    void rejectPolicyRefusesAtOnceWhenTheQueueIsFull() throws Exception {
        List<CompletableFuture<RecordOutcome>> futures = fillQueue(options().backpressure(BackpressurePolicy.REJECT));

        assertThatThrownBy(() -> analytics.submit(delivered(3)))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("REJECT");

        assertThat(analytics.metrics().rejected()).isEqualTo(1);
        store.releaseWrites();
        analytics.flush(WAIT);
        assertAllApplied(futures);
        assertThat(ledgerKeys(store)).containsExactlyInAnyOrder("o:o-0", "o:o-1", "o:o-2");
    }

    @Test
    void blockPolicyGivesUpWithQueueFullAfterTheBlockTimeout() throws Exception {
        List<CompletableFuture<RecordOutcome>> futures =
                fillQueue(options().backpressure(BackpressurePolicy.BLOCK).blockTimeout(Duration.ofMillis(50)));

        assertThatThrownBy(() -> analytics.submit(delivered(3)))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("stayed full");

        assertThat(analytics.metrics().rejected()).isEqualTo(1);
        store.releaseWrites();
        analytics.flush(WAIT);
        assertAllApplied(futures);
        assertThat(ledgerKeys(store)).doesNotContain("o:o-3");
    }

    @Test
    void blockPolicyWaitsForRoomAndThenAccepts() throws Exception {
        List<CompletableFuture<RecordOutcome>> futures =
                fillQueue(options().backpressure(BackpressurePolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)));
        AtomicReference<CompletableFuture<RecordOutcome>> late = new AtomicReference<>();
        Thread submitter = new Thread(() -> late.set(analytics.submit(delivered(3))), "test-submitter");

        submitter.start();
        while (submitter.getState() != Thread.State.TIMED_WAITING) {
            assertThat(submitter.isAlive())
                    .as("submitter must block, not return")
                    .isTrue();
            Thread.onSpinWait();
        }
        store.releaseWrites();
        submitter.join();

        futures.add(late.get());
        analytics.flush(WAIT);
        assertAllApplied(futures);
        assertThat(analytics.metrics().rejected()).isZero();
        assertThat(storedUnits(store)).isEqualTo(units(delivered(0, 4)));
    }

    @Test
    void aFullBacklogStopsIntakeInsteadOfDroppingEvents() {
        store.down();
        start(options()
                .storeAttempts(1)
                .backlogCapacity(5)
                .maxBatchEvents(5)
                .queueCapacity(3)
                .backpressure(BackpressurePolicy.REJECT));
        List<OrderEvent> events = delivered(0, 8);

        List<CompletableFuture<RecordOutcome>> futures = new ArrayList<>();
        for (OrderEvent e : events.subList(0, 5)) {
            futures.add(analytics.submit(e));
            analytics.flush(WAIT);
        }
        assertThat(analytics.flush(WAIT).unapplied()).containsExactlyElementsOf(events.subList(0, 5));
        futures.addAll(submitAll(events.subList(5, 8)));
        assertThatThrownBy(() -> analytics.submit(delivered(8))).isInstanceOf(QueueFullException.class);

        MetricsSnapshot m = analytics.metrics();
        assertThat(m.parked()).isEqualTo(5);
        assertThat(m.queueDepth()).isEqualTo(3);
        assertThat(analytics.flush(Duration.ofMillis(50)).pending()).isEqualTo(3);

        store.up();
        analytics.retryFailed(WAIT);
        DrainReport report = analytics.flush(WAIT);
        assertThat(report.complete()).isTrue();
        assertAllApplied(futures);
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(events));
    }

    // ----- close -----

    @Test
    void closeUnderLoadLosesNothingThatWasAccepted() throws Exception {
        start(options().queueCapacity(64).maxBatchEvents(16).blockTimeout(Duration.ofSeconds(30)));
        ConcurrentLinkedQueue<OrderEvent> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<CompletableFuture<RecordOutcome>> futures = new ConcurrentLinkedQueue<>();
        CountDownLatch enough = new CountDownLatch(300);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1000;
            producers.add(new Thread(
                    () -> {
                        for (int i = base; i < base + 1000; i++) {
                            OrderEvent e = delivered(i);
                            try {
                                futures.add(analytics.submit(e));
                                accepted.add(e);
                                enough.countDown();
                            } catch (IllegalStateException closed) {
                                return;
                            }
                        }
                    },
                    "test-producer-" + t));
        }
        producers.forEach(Thread::start);

        enough.await();
        CloseReport report = analytics.close(WAIT);
        for (Thread p : producers) {
            p.join();
        }

        assertThat(report.complete()).isTrue();
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(300);
        futures.forEach(f -> assertThat(f).isCompletedWithValue(RecordOutcome.APPLIED));
        Set<String> acceptedKeys = accepted.stream().map(OrderEvent::ledgerKey).collect(Collectors.toSet());
        assertThat(ledgerKeys(store)).isEqualTo(acceptedKeys);
        assertThat(store.snapshot().withoutZeros()).isEqualTo(reference(List.copyOf(accepted)));
    }

    @Test
    void closeWhileTheStoreIsDownHandsBackEveryAcceptedEventInOrder() {
        store.down();
        start(options().storeAttempts(2));
        List<OrderEvent> events = delivered(0, 20);

        List<CompletableFuture<RecordOutcome>> futures = submitAll(events);
        CloseReport report = analytics.close(WAIT);

        assertThat(report.notApplied()).containsExactlyElementsOf(events);
        assertThat(report.applied()).isEmpty();
        assertThat(report.outcomeUnknown()).isEmpty();
        assertThat(report.complete()).isFalse();
        futures.forEach(
                f -> assertThat(failureOf(f)).isInstanceOf(StoreException.class).hasMessageContaining("close report"));
    }

    @Test
    void closeInterruptsARetryBackoffThatWouldOutlastItsTimeout() {
        store.down();
        start(options()
                .storeAttempts(3)
                .initialBackoff(Duration.ofMinutes(1))
                .maxBackoff(Duration.ofMinutes(1))
                .sleeper(Sleeper.system()));
        Set<Thread> threads = TestOrders.libraryThreads();

        CompletableFuture<RecordOutcome> f = analytics.submit(delivered(5));
        CloseReport report = analytics.close(Duration.ofMillis(200));

        assertThat(report.notApplied()).containsExactly(delivered(5));
        assertThat(failureOf(f)).isInstanceOf(StoreException.class);
        assertThat(threads)
                .filteredOn(t -> t.getName().startsWith("orderlens-writer"))
                .allMatch(t -> !t.isAlive());
    }

    @Test
    void closeStopsEveryThreadTheInstanceStarted() {
        Set<Thread> before = TestOrders.libraryThreads();
        start(options(), new AnalyticsListener() {});
        Set<Thread> started = TestOrders.libraryThreads();
        started.removeAll(before);
        analytics.submit(delivered(1));

        analytics.close(WAIT);

        assertThat(started)
                .hasSize(3)
                .anyMatch(t -> t.getName().startsWith("orderlens-writer-"))
                .anyMatch(t -> t.getName().startsWith("orderlens-listeners-"))
                .anyMatch(t -> t.getName().startsWith("orderlens-flag-statistics-"));
        assertThat(started).noneMatch(Thread::isAlive);
        assertThat(started)
                .filteredOn(t -> t.getName().startsWith("orderlens-writer-"))
                .noneMatch(Thread::isDaemon);
    }

    @Test
    void closingFromACallbackOnTheWriterThreadIsRefusedAndClosesNothing() throws Exception {
        store.holdWrites();
        start(options());
        AtomicReference<Throwable> refused = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);

        CompletableFuture<RecordOutcome> f = analytics.submit(delivered(1));
        f.thenRun(() -> {
            try {
                analytics.close(WAIT);
            } catch (RuntimeException e) {
                refused.set(e);
            }
            ran.countDown();
        });
        store.releaseWrites();

        assertThat(ran.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("writer thread");
        assertThat(analytics.submit(delivered(2))).succeedsWithin(WAIT).isEqualTo(RecordOutcome.APPLIED);
    }

    @Test
    void anInstanceRefusesEventsOnceClosed() {
        start(options());
        analytics.close(WAIT);

        assertThatThrownBy(() -> analytics.submit(delivered(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> analytics.record(delivered(1))).isInstanceOf(IllegalStateException.class);
        assertThat(analytics.close(WAIT).complete()).isTrue();
    }

    // ----- without async mode -----

    @Test
    void withoutAsyncModeSubmitRecordsAtOnceAndReportsStoreFailuresThroughTheFuture() {
        analytics = builder(store).storeAttempts(1).build();

        CompletableFuture<RecordOutcome> ok = analytics.submit(delivered(1));
        store.down();
        CompletableFuture<RecordOutcome> failed = analytics.submit(delivered(2));

        assertThat(ok).isCompletedWithValue(RecordOutcome.APPLIED);
        assertThat(failed).isCompletedExceptionally();
        assertThat(failureOf(failed)).isInstanceOf(StoreException.class);
        assertThat(analytics.flush(WAIT).complete()).isTrue();
    }
}
