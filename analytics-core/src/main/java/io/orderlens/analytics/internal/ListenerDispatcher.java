package io.orderlens.analytics.internal;

import io.orderlens.analytics.AnalyticsListener;
import io.orderlens.analytics.AppliedBatch;
import io.orderlens.analytics.CalculatorException;
import io.orderlens.analytics.ThresholdCrossing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications to the host's listeners from one dedicated daemon thread through a bounded queue, so that
 * writers never wait for a listener. A full queue drops the notification and counts it; a throwing listener is logged
 * and counted. Itself a listener: the engine and the calculators notify it and return at once. Thread-safe.
 */
public final class ListenerDispatcher implements AnalyticsListener {
    private static final Logger log = LoggerFactory.getLogger(ListenerDispatcher.class);
    private static final Runnable STOP = () -> {};

    private final List<AnalyticsListener> listeners;
    private final BlockingQueue<Runnable> queue;
    private final PipelineMetrics metrics;
    private final Thread thread;
    private volatile boolean closed;

    public ListenerDispatcher(
            List<AnalyticsListener> listeners, int capacity, PipelineMetrics metrics, String threadName) {
        this.listeners = List.copyOf(listeners);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.metrics = metrics;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onBatchApplied(AppliedBatch batch) {
        enqueue("onBatchApplied", l -> l.onBatchApplied(batch));
    }

    @Override
    public void onWriteFailed(int events, Throwable error) {
        enqueue("onWriteFailed", l -> l.onWriteFailed(events, error));
    }

    @Override
    public void onThresholdCrossed(ThresholdCrossing crossing) {
        enqueue("onThresholdCrossed", l -> l.onThresholdCrossed(crossing));
    }

    @Override
    public void onCalculatorFailure(CalculatorException error) {
        enqueue("onCalculatorFailure", l -> l.onCalculatorFailure(error));
    }

    private void enqueue(String what, Consumer<AnalyticsListener> call) {
        if (closed || !queue.offer(() -> deliver(what, call))) {
            metrics.notificationsDropped.increment();
            long dropped = metrics.notificationsDropped.sum();
            if (dropped == 1 || dropped % 1000 == 0) {
                log.warn(
                        "listener notification {} dropped: {} ({} dropped so far)",
                        what,
                        closed ? "listeners are closed" : "the listener queue is full",
                        dropped);
            }
        }
    }

    private void deliver(String what, Consumer<AnalyticsListener> call) {
        for (AnalyticsListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                metrics.listenerFailures.increment();
                log.warn("listener {} failed in {}", l, what, e);
            }
        }
    }

    private void run() {
        while (true) {
            Runnable next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (next == STOP) {
                return;
            }
            next.run();
        }
    }

    /**
     * Delivers what is queued, then stops the thread; waits at most {@code timeout}, then interrupts the thread
     * (a listener stuck past that is abandoned, its thread being a daemon). Idempotent.
     *
     * @return true if the thread ended
     */
    public boolean close(Duration timeout) {
        closed = true;
        if (Thread.currentThread() == thread) {
            queue.offer(STOP); // closing from a listener: the thread ends after this notification
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!queue.offer(STOP, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                thread.interrupt();
            }
            thread.join(Math.max(1, remainingMillis(deadline)));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("listener thread {} did not stop within {}; a listener is stuck", thread.getName(), timeout);
            return false;
        }
        return true;
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }
}
