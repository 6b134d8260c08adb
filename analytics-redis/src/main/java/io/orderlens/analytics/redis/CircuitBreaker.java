package io.orderlens.analytics.redis;

import io.orderlens.analytics.spi.CacheStatistics.Breaker;
import java.time.Clock;
import java.time.Duration;

/**
 * Counts consecutive Redis failures and, past a threshold, tells callers to skip Redis for a while. Every
 * {@link #tryAcquire()} that returns true must be followed by exactly one {@link #onSuccess()} or
 * {@link #onFailure()}. Thread-safe.
 */
final class CircuitBreaker {
    private final int threshold;
    private final long openMillis;
    private final Clock clock;

    private Breaker state = Breaker.CLOSED;
    private int consecutiveFailures;
    private long openedAt;

    CircuitBreaker(int threshold, Duration openDuration, Clock clock) {
        this.threshold = threshold;
        this.openMillis = openDuration.toMillis();
        this.clock = clock;
    }

    /**
     * Whether the caller may use Redis now. When the open period has elapsed, the first caller is let through as
     * the probe and the breaker turns half-open; later callers are refused until the probe reports.
     */
    synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.millis() - openedAt >= openMillis) {
                    state = Breaker.HALF_OPEN;
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    /**
     * Records a successful Redis call; closes the breaker.
     *
     * @return true if the breaker was not closed before
     */
    synchronized boolean onSuccess() {
        consecutiveFailures = 0;
        boolean reopened = state != Breaker.CLOSED;
        state = Breaker.CLOSED;
        return reopened;
    }

    /**
     * Records a failed Redis call.
     *
     * @return true if this failure opened the breaker (from closed or from a failed probe)
     */
    synchronized boolean onFailure() {
        consecutiveFailures++;
        if (state == Breaker.HALF_OPEN || (state == Breaker.CLOSED && consecutiveFailures >= threshold)) {
            state = Breaker.OPEN;
            openedAt = clock.millis();
            return true;
        }
        return false;
    }

    synchronized Breaker state() {
        return state;
    }
}
