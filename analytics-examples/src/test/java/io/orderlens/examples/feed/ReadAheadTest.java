package io.orderlens.examples.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads are involved: a deadlock fails the test instead of hanging the build. */
@Timeout(120)
class ReadAheadTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static OrderEvent delivered(int n) {
        Order o = new Order(
                "o" + n, Customer.of("c"), T0.plusSeconds(n), List.of(LineItem.of("p", "P", "cat", 1, "2.50")), "UK");
        return OrderEvent.delivered(o, o.placedAt());
    }

    /**
     * Yields {@code count} events (endless if negative), noting the thread that reads it, and running {@code before}
     * ahead of event {@code at}.
     */
    private static final class Source implements EventSource {
        final int count;
        final AtomicInteger taken = new AtomicInteger();
        final AtomicReference<Thread> reader = new AtomicReference<>();
        int at = -1;
        Runnable before = () -> {};

        Source(int count) {
            this.count = count;
        }

        @Override
        public double progress() {
            return count < 0 ? 0 : (double) taken.get() / count;
        }

        @Override
        public boolean hasNext() {
            reader.set(Thread.currentThread());
            return count < 0 || taken.get() < count;
        }

        @Override
        public OrderEvent next() {
            int n = taken.getAndIncrement();
            if (n == at) {
                before.run();
            }
            return delivered(n);
        }
    }

    private static List<List<OrderEvent>> drain(ReadAhead<OrderEvent> ahead) {
        List<List<OrderEvent>> batches = new ArrayList<>();
        for (List<OrderEvent> b = ahead.next(); b != null; b = ahead.next()) {
            batches.add(b);
        }
        return batches;
    }

    @Test
    void batchesComeInSourceOrderOnAnotherThreadAndTheEndIsNull() {
        Source source = new Source(23);
        List<List<OrderEvent>> batches;
        try (ReadAhead<OrderEvent> ahead = ReadAhead.start(source, 10, 2)) {
            batches = drain(ahead);
            assertThat(ahead.progress()).isEqualTo(1.0);
            assertThat(ahead.next()).as("still the end").isNull();
        }
        assertThat(batches).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(batches.stream().flatMap(List::stream).map(OrderEvent::orderId))
                .containsExactly(ids(23));
        assertThat(source.reader.get()).isNotSameAs(Thread.currentThread());
        assertThat(source.reader.get().getName()).isEqualTo(ReadAhead.THREAD_NAME);
        assertThat(source.reader.get().isAlive()).isFalse();
    }

    private static String[] ids(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = "o" + i;
        }
        return out;
    }

    @Test
    void anEmptySourceEndsAtOnce() {
        try (ReadAhead<OrderEvent> ahead = ReadAhead.start(new Source(0), 10, 1)) {
            assertThat(ahead.next()).isNull();
        }
    }

    @Test
    void progressIsTheSourcesAfterTheLastBatchTaken() {
        try (ReadAhead<OrderEvent> ahead = ReadAhead.start(new Source(20), 5, 1)) {
            assertThat(ahead.progress()).isZero();
            ahead.next();
            assertThat(ahead.progress()).isEqualTo(0.25);
            ahead.next();
            assertThat(ahead.progress()).isEqualTo(0.5);
        }
    }

    @Test
    void aFailureOfTheSourceIsRethrownToTheCallerAfterEveryEventReadBeforeIt() {
        Source source = new Source(100);
        IllegalArgumentException broken = new IllegalArgumentException("line 12: broken");
        source.at = 12;
        source.before = () -> {
            throw broken;
        };
        try (ReadAhead<OrderEvent> ahead = ReadAhead.start(source, 5, 4)) {
            assertThat(ahead.next()).hasSize(5);
            assertThat(ahead.next()).hasSize(5);
            assertThat(ahead.next())
                    .as("the batch cut short")
                    .extracting(OrderEvent::orderId)
                    .containsExactly("o10", "o11");
            assertThatThrownBy(ahead::next).isSameAs(broken);
            assertThat(ahead.next()).as("after the failure").isNull();
        }
        assertThat(source.reader.get().isAlive()).isFalse();
    }

    @Test
    void anErrorOfTheSourceIsRethrownToo() {
        Source source = new Source(100);
        AssertionError fatal = new AssertionError("out of something");
        source.at = 0;
        source.before = () -> {
            throw fatal;
        };
        try (ReadAhead<OrderEvent> ahead = ReadAhead.start(source, 5, 4)) {
            assertThatThrownBy(ahead::next).isSameAs(fatal);
        }
    }

    @Test
    void theQueueIsBoundedAndCloseStopsAThreadWaitingForRoom() {
        Source endless = new Source(-1);
        ReadAhead<OrderEvent> ahead = ReadAhead.start(endless, 10, 3);
        assertThat(ahead.next()).hasSize(10);
        Thread reader = endless.reader.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((endless.taken.get() < 50 || reader.getState() != Thread.State.WAITING)
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(reader.getState()).as("the reading thread waits for room").isEqualTo(Thread.State.WAITING);
        assertThat(endless.taken.get())
                .as("one batch taken, three queued, one filled and waiting to be queued")
                .isEqualTo(10 + 3 * 10 + 10);
        assertThat(reader.isAlive()).isTrue();

        ahead.close();

        assertThat(reader.isAlive()).isFalse();
        assertThat(ahead.next()).as("closed").isNull();
        ahead.close();
    }

    @Test
    void closeInterruptsASourceBlockedInsideNextAndWaitsForItsThread() {
        Source source = new Source(100);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        source.at = 3;
        source.before = () -> {
            entered.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
        };
        ReadAhead<OrderEvent> ahead = ReadAhead.start(source, 10, 1);
        try {
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }

        ahead.close();

        assertThat(source.reader.get().isAlive()).isFalse();
    }

    @Test
    void aCallerInterruptedWhileWaitingGetsAClearErrorAndKeepsItsFlag() {
        Source source = new Source(100);
        CountDownLatch release = new CountDownLatch(1);
        source.at = 0;
        source.before = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (ReadAhead<OrderEvent> ahead = ReadAhead.start(source, 10, 1)) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(ahead::next)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("interrupted while waiting for the input");
            assertThat(Thread.interrupted()).as("the flag stays set").isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void sizesAreChecked() {
        assertThatThrownBy(() -> ReadAhead.start(new Source(1), 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be at least 1, got 0");
        assertThatThrownBy(() -> ReadAhead.start(new Source(1), 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least 1 batch, got 0");
    }
}
