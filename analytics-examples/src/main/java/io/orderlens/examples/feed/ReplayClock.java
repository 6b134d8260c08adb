package io.orderlens.examples.feed;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that shows the time of the data being replayed: it starts at a given instant and only moves forward, to
 * the time of each event fed ({@link #track}) or to an explicit "now". Account ages and ledger timestamps then read
 * as they would have on the day, whatever the wall clock says. Thread-safe.
 */
public final class ReplayClock extends Clock {
    private volatile Instant now;
    private volatile Instant earliestTracked;
    private volatile Instant latestTracked;

    public ReplayClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Moves the clock to {@code t} if that is later than now; never moves it back. */
    public synchronized void advanceTo(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
    }

    /** {@code source}, advancing this clock to each event's time as it is taken. */
    public EventSource track(EventSource source) {
        return new EventSource() {
            @Override
            public double progress() {
                return source.progress();
            }

            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public io.orderlens.analytics.model.OrderEvent next() {
                io.orderlens.analytics.model.OrderEvent e = source.next();
                seen(e.at());
                return e;
            }
        };
    }

    private synchronized void seen(Instant t) {
        if (earliestTracked == null || t.isBefore(earliestTracked)) {
            earliestTracked = t;
        }
        if (latestTracked == null || t.isAfter(latestTracked)) {
            latestTracked = t;
        }
        advanceTo(t);
    }

    /** The earliest event time taken from a tracked source, or null if none was taken. */
    public Instant earliestTracked() {
        return earliestTracked;
    }

    /** The latest event time taken from a tracked source, or null if none was taken. */
    public Instant latestTracked() {
        return latestTracked;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Zones do not apply: instants are what the library reads. Returns this clock. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
