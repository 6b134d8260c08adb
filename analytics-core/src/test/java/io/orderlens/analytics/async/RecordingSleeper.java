package io.orderlens.analytics.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the back-off delays asked for and returns at once, so retry tests never wait. */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        delays.add(duration);
    }

    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }
}
