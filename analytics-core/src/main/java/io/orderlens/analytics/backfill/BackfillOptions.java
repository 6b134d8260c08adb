package io.orderlens.analytics.backfill;

import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.model.OrderEvent;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of one {@code Analytics.backfill} run. Immutable; build with {@link #builder()}, every setter checks its
 * value at once.
 */
public final class BackfillOptions {
    /** Receives each event the lifecycle rules rejected; the backfill goes on with the next event. */
    @FunctionalInterface
    public interface InvalidEventHandler {
        /**
         * @param position the event's 0-based position in the source
         */
        void onInvalid(long position, OrderEvent event, InvalidEventException error);
    }

    private final int batchSize;
    private final BackfillCheckpoint checkpoint;
    private final Consumer<BackfillProgress> progress;
    private final int progressEvery;
    private final long total;
    private final InvalidEventHandler invalidEvents;

    private BackfillOptions(Builder b) {
        this.batchSize = b.batchSize;
        this.checkpoint = b.checkpoint;
        this.progress = b.progress;
        this.progressEvery = b.progressEvery;
        this.total = b.total;
        this.invalidEvents = b.invalidEvents;
    }

    /** Batches of 50, no checkpoint, no progress callback. */
    public static BackfillOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int batchSize() {
        return batchSize;
    }

    public BackfillCheckpoint checkpoint() {
        return checkpoint;
    }

    public Consumer<BackfillProgress> progress() {
        return progress;
    }

    public int progressEvery() {
        return progressEvery;
    }

    /** Events in the source if the host knows, else -1. */
    public long total() {
        return total;
    }

    public InvalidEventHandler invalidEvents() {
        return invalidEvents;
    }

    public static final class Builder {
        private int batchSize = 50;
        private BackfillCheckpoint checkpoint = BackfillCheckpoint.none();
        private Consumer<BackfillProgress> progress = p -> {};
        private int progressEvery = 1;
        private long total = -1;
        private InvalidEventHandler invalidEvents = (position, event, error) -> {};

        private Builder() {}

        /**
         * Events per store batch, 1..10,000. Default 50. Memory use is bounded by one batch: the source is read
         * lazily.
         */
        public Builder batchSize(int events) {
            if (events < 1 || events > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1..10000, got " + events);
            }
            this.batchSize = events;
            return this;
        }

        /** Where the position is loaded from and saved after each batch. Default {@link BackfillCheckpoint#none()}. */
        public Builder checkpoint(BackfillCheckpoint checkpoint) {
            this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
            return this;
        }

        /**
         * Called on the backfilling thread after every {@link #progressEvery} batches and once at the end. If it
         * throws, the backfill stops with that exception; the checkpoint already covers the written batches.
         */
        public Builder progress(Consumer<BackfillProgress> callback) {
            this.progress = Objects.requireNonNull(callback, "progress");
            return this;
        }

        /** Report progress after every {@code batches} batches, 1..1,000,000. Default 1. */
        public Builder progressEvery(int batches) {
            if (batches < 1 || batches > 1_000_000) {
                throw new IllegalArgumentException("progressEvery must be 1..1000000, got " + batches);
            }
            this.progressEvery = batches;
            return this;
        }

        /** Events in the source, for the progress fraction and ETA; 0 or more. Default unknown. */
        public Builder total(long events) {
            if (events < 0) {
                throw new IllegalArgumentException("total must not be negative, got " + events);
            }
            this.total = events;
            return this;
        }

        /** Receives each rejected event. Default: none (they are counted in the result and logged at debug). */
        public Builder invalidEvents(InvalidEventHandler handler) {
            this.invalidEvents = Objects.requireNonNull(handler, "invalidEvents");
            return this;
        }

        public BackfillOptions build() {
            return new BackfillOptions(this);
        }
    }
}
