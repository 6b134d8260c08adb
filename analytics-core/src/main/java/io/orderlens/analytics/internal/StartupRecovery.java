package io.orderlens.analytics.internal;

import io.orderlens.analytics.spi.AnalyticsStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps calling {@code store.recover()} on a daemon thread, with doubling pauses from {@code first} up to
 * {@code max}, until it succeeds or {@link #close()} is called. Used when the recovery at start failed, so that a
 * host can start while a pending batch cannot be finished yet. While it runs, the metrics report the recovery as
 * pending and count each failed attempt. Thread-safe.
 */
public final class StartupRecovery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StartupRecovery.class);

    private final AnalyticsStore store;
    private final PipelineMetrics metrics;
    private final Duration first;
    private final Duration max;
    private final Thread thread;
    private final StoppableSleep sleeper = new StoppableSleep();

    public StartupRecovery(AnalyticsStore store, PipelineMetrics metrics, Duration first, Duration max, String name) {
        this.store = store;
        this.metrics = metrics;
        this.first = first;
        this.max = max;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        metrics.recoveryPending(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        Duration pause = first;
        while (sleeper.sleep(pause)) {
            try {
                int finished = store.recover();
                metrics.recoveryPending(false);
                log.info("store recovery succeeded after failing at start; {} pending batches finished", finished);
                return;
            } catch (RuntimeException e) {
                metrics.recoveryFailed();
                log.warn("store recovery failed again; next attempt in {}: {}", pause, e.getMessage());
            }
            pause = pause.multipliedBy(2).compareTo(max) > 0 ? max : pause.multipliedBy(2);
        }
    }

    /** Stops the attempts and waits up to a second for the thread to end. */
    @Override
    public void close() {
        sleeper.stopAndJoin(thread);
    }
}
