package io.orderlens.analytics.internal;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CounterSink;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention schedule an instance owns: it compacts on its own thread with the horizon taken from the injected
 * clock at each run, {@code close()} stops it, a failed run is logged and the next one tries again, and two
 * instances compacting the same store on schedule count every order once. Runs are observed through latches and
 * queues, never through elapsed time.
 */
class RetentionScheduleTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");
    private static final Duration KEEP = Duration.ofDays(90);
    /** Short enough that a test sees many runs; nothing asserts on it. */
    private static final Duration EVERY = Duration.ofMillis(1);

    private static final long WAIT_SECONDS = 30;

    private final MutableClock clock = new MutableClock(T0);
    private final AnalyticsStore store = new InMemoryAnalyticsStore();
    private final AnalyticsStore referenceStore = new InMemoryAnalyticsStore();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private Analytics analytics;
    private Analytics reference;

    @BeforeEach
    void open() {
        analytics = instance(store);
        reference = instance(referenceStore);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private Analytics instance(AnalyticsStore over) {
        Analytics a = Analytics.builder().store(over).zone(ZONE).clock(clock).build();
        opened.add(a);
        return a;
    }

    private RetentionSchedule start(Consumer<Instant> compaction, String name) {
        RetentionSchedule schedule = new RetentionSchedule(compaction, clock, KEEP, EVERY, name);
        opened.add(0, schedule);
        schedule.start();
        return schedule;
    }

    /** Orders {@code o-<from>} to {@code o-<to - 1>}, each placed and delivered on day {@code day}. */
    private void deliverOrders(int from, int to, int day) {
        Instant at = T0.plus(Duration.ofDays(day));
        for (int i = from; i < to; i++) {
            Order o = order("o-" + i, "c-" + (i % 7), at, line("p-" + (i % 5), "cat-" + (i % 3), 1 + i % 4, "3.25"));
            for (OrderEvent e : List.of(OrderEvent.placed(o), OrderEvent.delivered(o.orderId(), at.plusSeconds(600)))) {
                analytics.record(e);
                reference.record(e);
            }
        }
    }

    private boolean inLedger(String orderId) {
        return !store.ledger(List.of("o:" + orderId)).isEmpty();
    }

    private static Set<Counters> rows(AnalyticsStore s) {
        Set<Counters> out = new HashSet<>();
        s.snapshot().withoutZeros().forEach(CounterSink.each(out::add));
        return out;
    }

    private void assertTotalsMatchTheNeverCompactedReference() {
        assertThat(rows(store)).isEqualTo(rows(referenceStore));
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void eachRunCompactsWithTheHorizonKeepBeforeTheInjectedClockAtThatRun() throws Exception {
        deliverOrders(0, 10, 0);
        deliverOrders(10, 20, 60);
        clock.set(T0.plus(Duration.ofDays(100)));
        BlockingQueue<Instant> horizons = new LinkedBlockingQueue<>();
        start(
                h -> {
                    analytics.compact(h);
                    horizons.add(h);
                },
                "retention-under-test");

        Instant first = horizons.poll(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(first).isEqualTo(T0.plus(Duration.ofDays(10)));
        assertThat(inLedger("o-0")).isFalse();
        assertThat(inLedger("o-9")).isFalse();
        assertThat(inLedger("o-10")).isTrue();
        assertTotalsMatchTheNeverCompactedReference();

        clock.set(T0.plus(Duration.ofDays(200)));
        Instant later;
        do {
            later = horizons.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        } while (later != null && !later.equals(T0.plus(Duration.ofDays(110))));

        assertThat(later).isEqualTo(T0.plus(Duration.ofDays(110)));
        assertThat(inLedger("o-10")).isFalse();
        assertThat(inLedger("o-19")).isFalse();
        assertTotalsMatchTheNeverCompactedReference();
    }

    @Test
    void closeStopsTheThreadAndNoRunStartsAfterIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ranTwice = new CountDownLatch(2);
        RetentionSchedule schedule = start(
                h -> {
                    runs.incrementAndGet();
                    ranTwice.countDown();
                },
                "retention-to-close");
        assertThat(ranTwice.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        Thread thread = thread("retention-to-close");
        assertThat(thread).isNotNull();

        schedule.close();
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertThat(thread.isAlive()).isFalse();
        int afterClose = runs.get();
        schedule.close();
        assertThat(runs.get()).isEqualTo(afterClose);
    }

    @Test
    void anInstanceWithARetentionSettingOwnsTheThreadAndItsCloseStopsIt() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Analytics owner = Analytics.builder()
                .store(new InMemoryAnalyticsStore())
                .zone(ZONE)
                .clock(clock)
                .retention(KEEP, Duration.ofMinutes(1))
                .build();
        List<Thread> started = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("orderlens-retention-")) {
                started.add(t);
            }
        }
        assertThat(started).hasSize(1);
        Thread retention = started.get(0);
        assertThat(retention.isDaemon()).isTrue();
        assertThat(retention.isAlive()).isTrue();

        owner.close();
        retention.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertThat(retention.isAlive()).isFalse();
    }

    @Test
    void aFailedRunIsLoggedAndTheNextRunCompacts() throws Exception {
        deliverOrders(0, 10, 0);
        clock.set(T0.plus(Duration.ofDays(100)));
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch compacted = new CountDownLatch(1);
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        RetentionSchedule schedule;
        try {
            schedule = start(
                    h -> {
                        if (attempts.incrementAndGet() == 1) {
                            throw new StoreException("store unavailable for the first run");
                        }
                        analytics.compact(h);
                        compacted.countDown();
                    },
                    "retention-failing-once");
            assertThat(compacted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            schedule.close();
        } finally {
            System.setErr(err);
        }

        assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("scheduled ledger compaction failed")
                .contains("store unavailable for the first run");
        assertThat(inLedger("o-0")).isFalse();
        assertTotalsMatchTheNeverCompactedReference();
    }

    @Test
    void twoInstancesCompactingOneStoreOnScheduleCountEveryOrderOnce() throws Exception {
        Analytics other = instance(store);
        deliverOrders(0, 40, 0);
        deliverOrders(40, 60, 80);
        clock.set(T0.plus(Duration.ofDays(100)));
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch bothRanThrice = new CountDownLatch(6);
        AtomicInteger firstRuns = new AtomicInteger();
        AtomicInteger otherRuns = new AtomicInteger();
        start(compactingWith(analytics, firstRuns, bothRanThrice, failures), "retention-first");
        start(compactingWith(other, otherRuns, bothRanThrice, failures), "retention-second");

        // both threads keep compacting while new orders arrive, then the clock moves the horizon past all of them
        deliverOrders(60, 80, 95);
        clock.set(T0.plus(Duration.ofDays(200)));
        assertThat(bothRanThrice.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        for (AutoCloseable c : List.copyOf(opened)) {
            if (c instanceof RetentionSchedule s) {
                s.close();
            }
        }

        assertThat(failures).isEmpty();
        assertThat(firstRuns.get()).isGreaterThanOrEqualTo(3);
        assertThat(otherRuns.get()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < 80; i++) {
            assertThat(inLedger("o-" + i)).as("o-" + i).isFalse();
        }
        assertTotalsMatchTheNeverCompactedReference();
        assertThat(other.verify().isClean()).isTrue();
    }

    /**
     * A compaction through {@code instance} that counts down {@code ran} once per run for each of the two
     * instances' three first runs after the clock reached day 200.
     */
    private Consumer<Instant> compactingWith(
            Analytics instance, AtomicInteger runs, CountDownLatch ran, List<Throwable> failures) {
        Instant late = T0.plus(Duration.ofDays(110));
        return h -> {
            try {
                instance.compact(h);
            } catch (RuntimeException e) {
                failures.add(e);
                throw e;
            }
            if (h.equals(late) && runs.incrementAndGet() <= 3) {
                ran.countDown();
            }
        };
    }

    private static Thread thread(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
