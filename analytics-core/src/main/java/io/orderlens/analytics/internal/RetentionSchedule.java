package io.orderlens.analytics.internal;

import java.time.Clock;
import java.time.Duration;
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
    private final StoppableSleep pause = new StoppableSleep();

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
        while (pause.sleep(every)) {
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

    /** Stops the schedule and waits up to a second for a run in progress to end. */
    @Override
    public void close() {
        pause.stopAndJoin(thread);
    }
}
