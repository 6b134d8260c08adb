package io.orderlens.benchmarks;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every database command the driver sends (each {@code commandStarted}), whatever its kind: find, update,
 * bulk write chunks, getMore, index creation. Thread-safe.
 */
final class CommandCounter implements CommandListener {
    private final LongAdder started = new LongAdder();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        started.increment();
    }

    /** Commands started so far. */
    long count() {
        return started.sum();
    }
}
