package io.orderlens.examples.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayClockTest {
    private static final java.time.Instant T = java.time.Instant.parse("2011-01-01T00:00:00Z");

    @Test
    void onlyMovesForward() {
        ReplayClock clock = new ReplayClock(T);
        clock.advanceTo(T.plusSeconds(60));
        clock.advanceTo(T.plusSeconds(10));
        assertThat(clock.instant()).isEqualTo(T.plusSeconds(60));
        assertThat(clock.millis()).isEqualTo(T.plusSeconds(60).toEpochMilli());
        assertThat(clock.earliestTracked()).isNull();
    }
}
