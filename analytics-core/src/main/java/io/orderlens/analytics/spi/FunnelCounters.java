package io.orderlens.analytics.spi;

import java.time.LocalDate;

/**
 * The lifecycle funnel of the orders placed on one business-zone day (every order with a recorded body, counted or
 * not).
 *
 * @param reached    orders that reached each forward status (a later status implies the earlier ones; a canceled
 *                   order up to the status it had when canceled)
 * @param canceledAt canceled orders by the furthest forward status they had reached
 * @param durations  the stage-time histograms of the steps whose two times were reported
 */
public record FunnelCounters(LocalDate date, StatusCounts reached, StatusCounts canceledAt, StepHistograms durations)
        implements Counters {

    public FunnelCounters {
        reached = reached == null ? StatusCounts.EMPTY : reached;
        canceledAt = canceledAt == null ? StatusCounts.EMPTY : canceledAt;
        durations = durations == null ? StepHistograms.EMPTY : durations;
    }

    @Override
    public void addTo(CounterSink sink) {
        sink.add(this);
    }

    public FunnelCounters plus(FunnelCounters o) {
        return new FunnelCounters(
                date, reached.plus(o.reached), canceledAt.plus(o.canceledAt), durations.plus(o.durations));
    }

    public FunnelCounters negate() {
        return new FunnelCounters(date, reached.negate(), canceledAt.negate(), durations.negate());
    }

    public boolean isZero() {
        return reached.isZero() && canceledAt.isZero() && durations.isZero();
    }
}
