package io.orderlens.analytics.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.StoreBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Exposures queued by {@code assign} while the store fails: kept, bounded, written once it is back. */
class ExposureQueueTest {
    /** Refuses every batch while {@code down} is set. */
    static final class FlakyStore extends ForwardingAnalyticsStore {
        volatile boolean down;

        FlakyStore() {
            super(new InMemoryAnalyticsStore());
        }

        @Override
        public ApplyResult apply(StoreBatch batch) {
            if (down) {
                throw new StoreException("store is down");
            }
            return super.apply(batch);
        }
    }

    @Test
    void assignKeepsAnsweringWhileTheStoreIsDownAndTheQueueIsWrittenWhenItIsBack() {
        FlakyStore store = new FlakyStore();
        Analytics analytics = Analytics.builder()
                .store(store)
                .zone(ZoneId.of("UTC"))
                .clock(Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC))
                .storeAttempts(1)
                .storeBackoff(Duration.ZERO)
                .exposureBatch(10)
                .build();
        Experiments x = analytics.experiments();
        x.define(Experiment.builder("e").status(ExperimentStatus.RUNNING).build());

        store.down = true;
        for (int i = 0; i < 25; i++) {
            assertThat(x.assign("e", "c-" + i)).isIn("control", "treatment");
        }
        assertThatThrownBy(x::flushExposures).isInstanceOf(StoreException.class);
        assertThat(x.droppedExposures()).isZero();

        store.down = false;
        assertThat(x.flushExposures()).isEqualTo(25);
        ExperimentResults r = x.results("e");
        assertThat(r.variation("control").exposedUsers()
                        + r.variation("treatment").exposedUsers())
                .isEqualTo(25);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void theQueueIsBoundedAndCountsWhatItDrops() {
        FlakyStore store = new FlakyStore();
        Analytics analytics = Analytics.builder()
                .store(store)
                .zone(ZoneId.of("UTC"))
                .clock(Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC))
                .storeAttempts(1)
                .storeBackoff(Duration.ZERO)
                .exposureBatch(2)
                .build();
        Experiments x = analytics.experiments();
        x.define(Experiment.builder("e").status(ExperimentStatus.RUNNING).build());

        store.down = true;
        for (int i = 0; i < 30; i++) {
            x.assign("e", "c-" + i);
        }
        store.down = false;

        // ten batches of two are kept; the ten oldest exposures were dropped
        assertThat(x.droppedExposures()).isEqualTo(10);
        assertThat(x.flushExposures()).isEqualTo(20);
    }
}
