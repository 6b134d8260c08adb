package io.orderlens.analytics.async;

import java.time.Duration;

/**
 * Waits between store retries. The default is {@link #system()}; tests inject one that records the requested
 * delays and returns at once.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for {@code duration} (zero or positive).
     *
     * @throws InterruptedException if the waiting thread is interrupted (the pipeline is being closed)
     */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long, int)}. */
    static Sleeper system() {
        return d -> {
            if (!d.isZero()) {
                Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            }
        };
    }
}
