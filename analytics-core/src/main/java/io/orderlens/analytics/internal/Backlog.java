package io.orderlens.analytics.internal;

import io.orderlens.analytics.async.AsyncOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events whose writes failed after every retry, parked in acceptance order, and the schedule of their re-tries:
 * periodically ({@code retryParkedEvery}), on request, and once more at close. Keeps each order's later events behind
 * its parked ones. Not thread-safe on its own: every method is called with the pipeline's lock held, except
 * {@link #holdsKey}, which only the writer thread calls (only it changes the keys).
 */
final class Backlog {
    private final AsyncOptions options;
    private final ArrayDeque<QueuedEvent> parked = new ArrayDeque<>();
    /** Parked events per ledger key; changed by the writer thread only. */
    private final Map<String, Integer> keys = new HashMap<>();

    private long rounds;
    private boolean retryRequested;
    private boolean finalRetryDone;
    private long nextAutoRetry;
    private volatile int gauge;

    Backlog(AsyncOptions options) {
        this.options = options;
    }

    /** Parks the events of {@code batch} that are in {@code park}, in batch order; starts the re-try clock. */
    void park(List<QueuedEvent> batch, Set<QueuedEvent> park) {
        boolean wasEmpty = parked.isEmpty();
        for (QueuedEvent q : batch) {
            if (park.contains(q)) {
                parked.addLast(q);
                keys.merge(q.key(), 1, Integer::sum);
            }
        }
        if (wasEmpty && !parked.isEmpty()) {
            nextAutoRetry = System.nanoTime() + options.retryParkedEvery().toNanos();
        }
        gauge = parked.size();
    }

    /**
     * Ends a re-try round over {@code round} (a copy taken at its start): keeps those in {@code still}, in order.
     *
     * @return how many of the round were applied
     */
    int endRound(List<QueuedEvent> round, Set<QueuedEvent> still) {
        parked.clear();
        keys.clear();
        for (QueuedEvent q : round) {
            if (still.contains(q)) {
                parked.addLast(q);
                keys.merge(q.key(), 1, Integer::sum);
            }
        }
        gauge = parked.size();
        rounds++;
        nextAutoRetry = System.nanoTime() + options.retryParkedEvery().toNanos();
        return round.size() - parked.size();
    }

    /** Whether an order has parked events; writer thread only. */
    boolean holdsKey(String key) {
        return keys.containsKey(key);
    }

    boolean hasParkedKeys() {
        return !keys.isEmpty();
    }

    /** True (once per request) if a re-try round should run now: requested, or the periodic one is due. */
    boolean takeRetryDue() {
        if (parked.isEmpty()) {
            return false;
        }
        boolean autoDue = !options.retryParkedEvery().isZero() && System.nanoTime() - nextAutoRetry >= 0;
        if (retryRequested || autoDue) {
            retryRequested = false;
            return true;
        }
        return false;
    }

    /** True once: the round a close makes over what is still parked. */
    boolean takeFinalRetry() {
        if (parked.isEmpty() || finalRetryDone) {
            return false;
        }
        finalRetryDone = true;
        return true;
    }

    void requestRetry() {
        retryRequested = true;
    }

    /** Rounds finished so far. */
    long rounds() {
        return rounds;
    }

    /** Whether a periodic re-try is scheduled (something is parked and periodic re-tries are on). */
    boolean autoRetryScheduled() {
        return !parked.isEmpty() && !options.retryParkedEvery().isZero();
    }

    /** Nanoseconds until the periodic re-try (negative when due); meaningful while {@link #autoRetryScheduled}. */
    long nanosUntilAutoRetry() {
        return nextAutoRetry - System.nanoTime();
    }

    boolean isFull() {
        return parked.size() >= options.backlogCapacity();
    }

    boolean isEmpty() {
        return parked.isEmpty();
    }

    /** The parked events, in order (a copy). */
    List<QueuedEvent> snapshot() {
        return new ArrayList<>(parked);
    }

    /** Removes and returns every parked event, in order. */
    List<QueuedEvent> clear() {
        List<QueuedEvent> out = snapshot();
        parked.clear();
        gauge = 0;
        return out;
    }

    /** Events parked now; readable without the lock. */
    int gauge() {
        return gauge;
    }
}
