package io.orderlens.analytics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a compaction ({@link Compactor#compact} in the instance) on a daemon thread every {@code every}, the first
 * after one {@code every}, with the horizon {@code keep} before the clock's now at each run, until {@link #close()}.
 * A failed run is logged and the next one tries again (compaction is idempotent and resumable). Thread-safe.
 */
public final class RetentionSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final Consumer<Instant> compaction;
    private final Clock clock;
    private final Duration keep;
    private final Duration every;
    private final Thread thread;
    private final StoppableSleep pause = new StoppableSleep();

    /** {@code compaction} takes the horizon: it compacts every entry final before it. */
    public RetentionSchedule(Consumer<Instant> compaction, Clock clock, Duration keep, Duration every, String name) {
        this.compaction = Objects.requireNonNull(compaction, "compaction");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keep = Objects.requireNonNull(keep, "keep");
        this.every = Objects.requireNonNull(every, "every");
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (pause.sleep(every)) {
            try {
                compaction.accept(clock.instant().minus(keep));
            } catch (RuntimeException e) {
                log.warn(
                        "scheduled ledger compaction failed; the next run in {} tries again: {}",
                        every,
                        e.getMessage());
            }
        }
    }

    /** Stops the schedule and waits up to a second for a run in progress to end. */
    @Override
    public void close() {
        pause.stopAndJoin(thread);
    }
}
