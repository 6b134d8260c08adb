package io.orderlens.examples.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads are involved: a deadlock fails the test instead of hanging the build. */
@Timeout(120)
class EventFeederTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final Analytics analytics =
            Analytics.builder().zone(ZoneId.of("Europe/London")).build();

    private static OrderEvent delivered(int n) {
        Order o = new Order(
                "o" + n,
                Customer.of("c" + (n % 3)),
                T0.plusSeconds(n),
                List.of(LineItem.of("p", "P", "cat", 1, "2.50")),
                "UK");
        return OrderEvent.delivered(o, o.placedAt());
    }

    private static EventSource source(List<OrderEvent> events) {
        Iterator<OrderEvent> it = events.iterator();
        int[] taken = {0};
        return new EventSource() {
            @Override
            public double progress() {
                return (double) taken[0] / events.size();
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public OrderEvent next() {
                taken[0]++;
                return it.next();
            }
        };
    }

    @Test
    void feedsEveryEventInBatchesAndCountsOutcomes() {
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            events.add(delivered(i));
        }
        events.add(delivered(5)); // a retry
        List<double[]> progress = new ArrayList<>();
        EventFeeder.Summary s =
                new EventFeeder(analytics, 10).feed(source(events), (f, n) -> progress.add(new double[] {f, n}));

        assertThat(s.events()).isEqualTo(24);
        assertThat(s.batches()).isEqualTo(3);
        assertThat(s.count(RecordOutcome.APPLIED)).isEqualTo(23);
        assertThat(s.count(RecordOutcome.DUPLICATE)).isEqualTo(1);
        assertThat(progress).extracting(p -> (long) p[1]).containsExactly(0L, 10L, 20L, 24L, 24L);
        assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(1.0);
        assertThat(analytics.queries().topCustomers(5)).hasSize(3);
    }

    @Test
    void aReadAheadStartedByTheCallerIsFedToTheEndAndItsThreadEnds() {
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(delivered(i));
        }
        ReadAhead<OrderEvent> ahead = ReadAhead.start(source(events), 10, EventFeeder.READ_AHEAD_BATCHES);

        EventFeeder.Summary s = new EventFeeder(analytics, 10).feed(ahead, EventFeeder.Progress.NONE);

        assertThat(s.events()).isEqualTo(25);
        assertThat(s.batches()).isEqualTo(3);
        assertThat(s.count(RecordOutcome.APPLIED)).isEqualTo(25);
        assertThat(ahead.next()).isNull();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals(ReadAhead.THREAD_NAME) && t.isAlive());
    }

    @Test
    void aRejectedEventStopsTheFeedAndKeepsItsBatchOut() {
        Order big = new Order("x", Customer.of("c"), T0, List.of(LineItem.of("p", "P", "cat", 1, "1")), "UK");
        Order changed = new Order("x", Customer.of("c"), T0, List.of(LineItem.of("p", "P", "cat", 2, "1")), "UK");
        List<OrderEvent> events =
                List.of(delivered(1), delivered(2), OrderEvent.delivered(big, T0), OrderEvent.delivered(changed, T0));
        EventFeeder feeder = new EventFeeder(analytics, 2);
        assertThatThrownBy(() -> feeder.feed(source(events), EventFeeder.Progress.NONE))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("order x");
        assertThat(analytics.queries().product("p").orElseThrow().orders()).isEqualTo(2);
    }

    @Test
    void batchSizeIsChecked() {
        assertThatThrownBy(() -> new EventFeeder(analytics, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be 1..100000, got 0");
    }

    @Test
    void theSourceIsReadOnAThreadOfItsOwnWhileTheCallerRecordsAndTheTimesAreReportedApart() {
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(delivered(i));
        }
        long[] insideSource = new long[1];
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        EventSource timed = timed(events, insideSource, 0);
        EventFeeder.Summary s =
                new EventFeeder(analytics, 10).feed(onThreads(timed, readers), EventFeeder.Progress.NONE);

        assertThat(s.events()).isEqualTo(25);
        assertThat(s.batches()).isEqualTo(3);
        assertThat(readers).hasSize(1).doesNotContain(Thread.currentThread());
        assertThat(readers.iterator().next().isAlive())
                .as("the reading thread has ended")
                .isFalse();
        assertThat(s.reading().toNanos())
                .as("reading covers the time inside the source")
                .isGreaterThanOrEqualTo(insideSource[0]);
        assertThat(s.reading()).as("reading is part of the feed").isLessThanOrEqualTo(s.elapsed());
        assertThat(s.recording().plus(s.waitingForInput()))
                .as("the caller's recording and waiting are parts of the feed")
                .isLessThanOrEqualTo(s.elapsed());
        assertThat(s.recording()).as("recording takes some time").isPositive();
        assertThat(s.readingEventsPerSecond()).isPositive();
        assertThat(s.recordingEventsPerSecond()).isPositive();
    }

    @Test
    void aFailureOfTheSourceReachesTheCallerAfterEveryEventBeforeItIsRecordedAndLeavesNoThread() {
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(delivered(i));
        }
        IllegalStateException broken = new IllegalStateException("line 23: the input is broken");
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        EventSource failing = failingAfter(source(events), 22, broken);

        assertThatThrownBy(() ->
                        new EventFeeder(analytics, 10).feed(onThreads(failing, readers), EventFeeder.Progress.NONE))
                .isSameAs(broken);
        assertThat(analytics.queries().product("p").orElseThrow().orders())
                .as("every event read before the failure")
                .isEqualTo(22);
        assertThat(readers)
                .singleElement()
                .satisfies(t -> assertThat(t.isAlive()).isFalse());
    }

    @Test
    void aFailureOfTheLibraryStopsTheReadingThreadOfAnEndlessSource() {
        Order first = new Order("x", Customer.of("c"), T0, List.of(LineItem.of("p", "P", "cat", 1, "1")), "UK");
        Order changed = new Order("x", Customer.of("c"), T0, List.of(LineItem.of("p", "P", "cat", 2, "1")), "UK");
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        int[] n = {0};
        EventSource endless = new EventSource() {
            @Override
            public double progress() {
                return 0;
            }

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public OrderEvent next() {
                int i = n[0]++;
                return i == 0
                        ? OrderEvent.delivered(first, T0)
                        : i == 1 ? OrderEvent.delivered(changed, T0) : delivered(i);
            }
        };

        assertThatThrownBy(() ->
                        new EventFeeder(analytics, 5).feed(onThreads(endless, readers), EventFeeder.Progress.NONE))
                .isInstanceOf(InvalidEventException.class);
        assertThat(readers)
                .singleElement()
                .satisfies(t -> assertThat(t.isAlive()).isFalse());
        assertThat(analytics.queries().product("p"))
                .as("the rejected batch wrote nothing")
                .isEmpty();
    }

    /** {@code source}, noting every thread that takes events from it in {@code threads}. */
    private static EventSource onThreads(EventSource source, Set<Thread> threads) {
        return new EventSource() {
            @Override
            public double progress() {
                return source.progress();
            }

            @Override
            public boolean hasNext() {
                threads.add(Thread.currentThread());
                return source.hasNext();
            }

            @Override
            public OrderEvent next() {
                threads.add(Thread.currentThread());
                return source.next();
            }
        };
    }

    /** {@code source} that throws {@code error} instead of yielding its event number {@code n + 1}. */
    private static EventSource failingAfter(EventSource source, int n, RuntimeException error) {
        int[] taken = {0};
        return new EventSource() {
            @Override
            public double progress() {
                return source.progress();
            }

            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public OrderEvent next() {
                if (taken[0]++ == n) {
                    throw error;
                }
                return source.next();
            }
        };
    }

    /** {@code events} from a source that adds the time spent in each {@code next()} (at least 1 µs) to {@code total[slot]}. */
    private static EventSource timed(List<OrderEvent> events, long[] total, int slot) {
        EventSource inner = source(events);
        return new EventSource() {
            @Override
            public double progress() {
                return inner.progress();
            }

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public OrderEvent next() {
                long start = System.nanoTime();
                OrderEvent e = inner.next();
                while (System.nanoTime() - start < 1_000) {
                    Thread.onSpinWait();
                }
                total[slot] += System.nanoTime() - start;
                return e;
            }
        };
    }
}
