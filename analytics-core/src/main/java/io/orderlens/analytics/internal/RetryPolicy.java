package io.orderlens.analytics.internal;

import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.async.Sleeper;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How often and how long apart a failing store call is tried: the delay after failed attempt {@code n} is
 * {@code min(max, initial × 2^(n-1))}, shortened by a random fraction of up to {@code jitter}. Immutable.
 */
public final class RetryPolicy {
    private final int attempts;
    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public RetryPolicy(
            int attempts, Duration initial, Duration max, double jitter, Sleeper sleeper, DoubleSupplier random) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max, got " + initial + " and " + max);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be 0..1, got " + jitter);
        }
        this.attempts = attempts;
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** Exact doubling from {@code initial} (capped at 1024 × initial), no jitter, real sleeping. */
    public static RetryPolicy doubling(int attempts, Duration initial) {
        return new RetryPolicy(attempts, initial, initial.multipliedBy(1024), 0, Sleeper.system(), () -> 0);
    }

    /** The async pipeline's policy. */
    public static RetryPolicy of(AsyncOptions o) {
        return new RetryPolicy(
                o.storeAttempts(),
                o.initialBackoff(),
                o.maxBackoff(),
                o.jitter(),
                o.sleeper(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public int attempts() {
        return attempts;
    }

    /** The delay to wait after failed attempt {@code failedAttempt} (1-based). */
    public Duration delayAfter(int failedAttempt) {
        Duration base = initial;
        for (int i = 1; i < failedAttempt && base.compareTo(max) < 0; i++) {
            base = base.multipliedBy(2);
        }
        if (base.compareTo(max) > 0) {
            base = max;
        }
        if (jitter == 0 || base.isZero()) {
            return base;
        }
        double cut = jitter * Math.min(1, Math.max(0, random.getAsDouble()));
        return Duration.ofNanos(base.toNanos() - (long) (base.toNanos() * cut));
    }

    void pause(int failedAttempt) throws InterruptedException {
        sleeper.sleep(delayAfter(failedAttempt));
    }
}
