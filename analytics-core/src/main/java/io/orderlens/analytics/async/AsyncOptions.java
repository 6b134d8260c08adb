package io.orderlens.analytics.async;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the async pipeline ({@code Analytics.builder().async(options)}). Immutable; build with
 * {@link #builder()}, every setter checks its value at once. {@link #defaults()} suits most hosts.
 *
 * <p>How the pieces fit: {@code submit} puts an event into a bounded queue of {@link #queueCapacity()} events; one
 * writer thread takes up to {@link #maxBatchEvents()} events, waiting at most {@link #maxBatchDelay()} for a batch to
 * fill, and writes them as one store batch. A failing write is tried {@link #storeAttempts()} times with exponential
 * back-off ({@link #initialBackoff()} doubling up to {@link #maxBackoff()}, each delay shortened by a random fraction
 * of up to {@link #jitter()}); after that its events are parked in a backlog of at most {@link #backlogCapacity()}
 * events (plus one batch) and re-tried every {@link #retryParkedEvery()} or on demand. While the backlog is full the
 * writer stops taking new events, so the queue fills and {@link #backpressure()} applies: nothing accepted is dropped.
 */
public final class AsyncOptions {
    private final int queueCapacity;
    private final int maxBatchEvents;
    private final Duration maxBatchDelay;
    private final BackpressurePolicy backpressure;
    private final Duration blockTimeout;
    private final int storeAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final int backlogCapacity;
    private final Duration retryParkedEvery;
    private final Duration closeTimeout;
    private final Sleeper sleeper;

    private AsyncOptions(Builder b) {
        this.queueCapacity = b.queueCapacity;
        this.maxBatchEvents = b.maxBatchEvents;
        this.maxBatchDelay = b.maxBatchDelay;
        this.backpressure = b.backpressure;
        this.blockTimeout = b.blockTimeout;
        this.storeAttempts = b.storeAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.backlogCapacity = b.backlogCapacity;
        this.retryParkedEvery = b.retryParkedEvery;
        this.closeTimeout = b.closeTimeout;
        this.sleeper = b.sleeper;
    }

    /** Queue of 10,000 events, batches of up to 100 events or 5 ms, BLOCK for up to 1 s, 5 store attempts. */
    public static AsyncOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.queueCapacity = queueCapacity;
        b.maxBatchEvents = maxBatchEvents;
        b.maxBatchDelay = maxBatchDelay;
        b.backpressure = backpressure;
        b.blockTimeout = blockTimeout;
        b.storeAttempts = storeAttempts;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.jitter = jitter;
        b.backlogCapacity = backlogCapacity;
        b.retryParkedEvery = retryParkedEvery;
        b.closeTimeout = closeTimeout;
        b.sleeper = sleeper;
        return b;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public int maxBatchEvents() {
        return maxBatchEvents;
    }

    public Duration maxBatchDelay() {
        return maxBatchDelay;
    }

    public BackpressurePolicy backpressure() {
        return backpressure;
    }

    public Duration blockTimeout() {
        return blockTimeout;
    }

    public int storeAttempts() {
        return storeAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public double jitter() {
        return jitter;
    }

    public int backlogCapacity() {
        return backlogCapacity;
    }

    public Duration retryParkedEvery() {
        return retryParkedEvery;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    @Override
    public String toString() {
        return "AsyncOptions{queueCapacity=" + queueCapacity + ", maxBatchEvents=" + maxBatchEvents
                + ", maxBatchDelay=" + maxBatchDelay + ", backpressure=" + backpressure + ", blockTimeout="
                + blockTimeout + ", storeAttempts=" + storeAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", backlogCapacity=" + backlogCapacity
                + ", retryParkedEvery=" + retryParkedEvery + ", closeTimeout=" + closeTimeout + "}";
    }

    /** Checks every value as it is set; {@link #build()} checks the values against each other. */
    public static final class Builder {
        private int queueCapacity = 10_000;
        private int maxBatchEvents = 100;
        private Duration maxBatchDelay = Duration.ofMillis(5);
        private BackpressurePolicy backpressure = BackpressurePolicy.BLOCK;
        private Duration blockTimeout = Duration.ofSeconds(1);
        private int storeAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(50);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private double jitter = 0.5;
        private int backlogCapacity = 100_000;
        private Duration retryParkedEvery = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private Sleeper sleeper = Sleeper.system();

        private Builder() {}

        /** Events the queue holds, 1..10,000,000. Default 10,000. */
        public Builder queueCapacity(int events) {
            this.queueCapacity = range(events, 1, 10_000_000, "queueCapacity");
            return this;
        }

        /** Most events written in one store batch, 1..10,000. Default 100. */
        public Builder maxBatchEvents(int events) {
            this.maxBatchEvents = range(events, 1, 10_000, "maxBatchEvents");
            return this;
        }

        /**
         * Longest time the writer waits for a batch to fill once it holds an event, 0..1 min (0: write what is
         * queued at once). Default 5 ms. A {@code flush} or {@code close} cuts the wait short.
         */
        public Builder maxBatchDelay(Duration delay) {
            this.maxBatchDelay = duration(delay, Duration.ofMinutes(1), "maxBatchDelay");
            return this;
        }

        /** Behaviour when the queue is full. Default {@link BackpressurePolicy#BLOCK}. */
        public Builder backpressure(BackpressurePolicy policy) {
            this.backpressure = Objects.requireNonNull(policy, "backpressure");
            return this;
        }

        /** How long a BLOCK submit waits for room, 0..1 h. Default 1 s. */
        public Builder blockTimeout(Duration timeout) {
            this.blockTimeout = duration(timeout, Duration.ofHours(1), "blockTimeout");
            return this;
        }

        /** Store attempts per batch before its events are parked, 1..20. Default 5. */
        public Builder storeAttempts(int attempts) {
            this.storeAttempts = range(attempts, 1, 20, "storeAttempts");
            return this;
        }

        /** Delay before the second attempt, 0..1 min; it doubles per attempt. Default 50 ms. */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = duration(backoff, Duration.ofMinutes(1), "initialBackoff");
            return this;
        }

        /** Cap on the delay between attempts, 0..10 min, at least {@link #initialBackoff}. Default 5 s. */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = duration(backoff, Duration.ofMinutes(10), "maxBackoff");
            return this;
        }

        /**
         * Fraction 0..1 by which each delay may be randomly shortened, so that many instances do not retry in step.
         * 0 gives exact doubling. Default 0.5.
         */
        public Builder jitter(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("jitter must be 0..1, got " + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        /** Events the backlog of failed writes holds, 1..10,000,000. Default 100,000. */
        public Builder backlogCapacity(int events) {
            this.backlogCapacity = range(events, 1, 10_000_000, "backlogCapacity");
            return this;
        }

        /**
         * How often parked events are re-tried automatically (after {@code store.recover()}), 0..1 h; zero turns the
         * automatic re-try off ({@code retryFailed} still works). Default 10 s.
         */
        public Builder retryParkedEvery(Duration interval) {
            this.retryParkedEvery = duration(interval, Duration.ofHours(1), "retryParkedEvery");
            return this;
        }

        /** How long {@code Analytics.close()} (without a timeout) waits for the queue to drain, 0..1 h. Default 30 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = duration(timeout, Duration.ofHours(1), "closeTimeout");
            return this;
        }

        /** Waits between store attempts. Default {@link Sleeper#system()}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * @throws IllegalArgumentException if {@code maxBackoff} is below {@code initialBackoff}
         */
        public AsyncOptions build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "maxBackoff (" + maxBackoff + ") must not be below initialBackoff (" + initialBackoff + ")");
            }
            return new AsyncOptions(this);
        }

        private static int range(int n, int min, int max, String what) {
            if (n < min || n > max) {
                throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + n);
            }
            return n;
        }

        private static Duration duration(Duration d, Duration max, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(what + " must be 0.." + max + ", got " + d);
            }
            return d;
        }
    }
}
