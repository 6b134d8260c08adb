package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentResults;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.ExposureEvent;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Experiments under the faults of {@link FaultInjectionTest}: exposure batches and order batches whose writes reach
 * the server but lose their reply, at every step of the batch protocol, retried by the engine, the host and
 * recovery. Results equal those of a fault-free run: no exposure counted twice, no conversion lost.
 */
class ExperimentFaultInjectionTest {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Test
    void exposuresAndAttributedOrdersAreExactUnderHundredsOfLostReplies() {
        MongoDatabase db = mongo.freshDatabase();
        FaultyCollections[] faulty = new FaultyCollections[1];
        MongoAnalyticsStore store = MongoAnalyticsStore.builder(db)
                .collections(c -> faulty[0] = new FaultyCollections(c))
                .build();
        Analytics analytics = analyticsOver(store)
                .storeAttempts(2)
                .storeBackoff(java.time.Duration.ZERO)
                .build();
        Analytics reference = analyticsOver(new InMemoryAnalyticsStore()).build();
        Experiment experiment = Experiment.builder("banner")
                .variations("control", "banner", "big-banner")
                .build();
        for (Analytics a : List.of(analytics, reference)) {
            a.experiments().define(experiment);
            a.experiments().transition("banner", ExperimentStatus.RUNNING);
        }
        // half the customers are exposed before their orders, a few twice in different variations, a few never
        List<List<ExposureEvent>> exposures = new ArrayList<>();
        for (int c = 0; c < 30; c += 3) {
            List<ExposureEvent> batch = new ArrayList<>();
            for (int k = c; k < c + 3; k++) {
                if (k % 7 != 6) {
                    String v = experiment.variations().get(k % 3).key();
                    batch.add(new ExposureEvent("banner", "c-" + k, v, EventStream.START.minusSeconds(60)));
                }
                if (k % 10 == 4) {
                    batch.add(new ExposureEvent("banner", "c-" + k, "control", EventStream.START));
                }
            }
            exposures.add(batch);
        }
        List<List<OrderEvent>> batches = EventStream.batches(EventStream.events(7, 400), 7, 5);
        exposures.forEach(reference.experiments()::recordExposures);
        batches.forEach(reference::recordAll);

        Random schedule = new Random(11);
        faulty[0].failAfterEvery(() -> 1 + schedule.nextInt(8));
        int[] failed = new int[1];
        exposures.forEach(batch ->
                retried(analytics, failed, schedule, a -> a.experiments().recordExposures(batch)));
        batches.forEach(batch -> retried(analytics, failed, schedule, a -> a.recordAll(batch)));
        faulty[0].stopFailing();
        analytics.recover();

        ExperimentResults expected = reference.experiments().results("banner");
        assertThat(faulty[0].faults()).isGreaterThanOrEqualTo(300);
        assertThat(failed[0]).isPositive();
        assertThat(faulty[0].faultsByStep()).containsKeys("2 ledger", "3 experiment_customers");
        assertThat(expected.multipleExposureUsers()).isEqualTo(2); // c-4 and c-14; c-24 saw control twice
        assertThat(expected.variation("banner").convertedUsers()).isPositive();
        assertThat(analytics.experiments().results("banner")).isEqualTo(expected);
        assertThat(analytics.verify().drifts()).isEmpty();
        analytics.close();
        reference.close();
    }

    /** Runs {@code write} until it succeeds, sometimes recovering in between, as a host would. */
    private static void retried(Analytics analytics, int[] failed, Random schedule, Consumer<Analytics> write) {
        while (true) {
            try {
                write.accept(analytics);
                return;
            } catch (StoreException e) {
                assertThat(FaultyCollections.injected(e))
                        .as("only injected faults: %s", e)
                        .isTrue();
                failed[0]++;
                if (schedule.nextInt(3) == 0) {
                    try {
                        analytics.recover();
                    } catch (StoreException again) {
                        failed[0]++;
                    }
                }
            }
        }
    }
}
