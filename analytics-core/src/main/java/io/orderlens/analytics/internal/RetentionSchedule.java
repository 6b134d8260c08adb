package io.orderlens.analytics.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Compactor#compact} on a daemon thread every {@code every}, with the horizon {@code keep} before the
 * clock's now, until {@link #close()}. A failed run is logged and the next one tries again (compaction is
 * idempotent and resumable). Thread-safe.
 */
public final class RetentionSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final Compactor compactor;
    private final Clock clock;
    private final Duration keep;
    private final Duration every;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean closed;

    public RetentionSchedule(Compactor compactor, Clock clock, Duration keep, Duration every, String name) {
        this.compactor = compactor;
        this.clock = clock;
        this.keep = keep;
        this.every = every;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (pause()) {
            try {
                compactor.compact(clock.instant().minus(keep));
            } catch (RuntimeException e) {
                log.warn(
                        "scheduled ledger compaction failed; the next run in {} tries again: {}",
                        every,
                        e.getMessage());
            }
        }
    }

    /** Waits one interval; false if closed meanwhile. */
    private boolean pause() {
        lock.lock();
        try {
            long nanos = every.toNanos();
            while (!closed && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            return !closed;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the schedule and waits up to a second for a run in progress to end. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
