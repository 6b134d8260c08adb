package io.orderlens.analytics.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pause of a background loop that {@link #stop()} cuts short: a daemon thread sleeps in {@link #sleep} between
 * its runs and ends when it returns false. Thread-safe.
 */
final class StoppableSleep {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean stopped;

    /** Waits {@code pause}; returns false at once, or as soon as {@link #stop()} is called, or if interrupted. */
    boolean sleep(Duration pause) {
        lock.lock();
        try {
            long nanos = pause.toNanos();
            while (!stopped && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            return !stopped;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Makes every current and later {@link #sleep} return false. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops and waits up to a second for {@code thread}, the loop's thread, to end. */
    void stopAndJoin(Thread thread) {
        stop();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
