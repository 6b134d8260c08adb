package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.ExposureEvent;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.testing.InProcessMongo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a file-backed server, the server goes down right after the ledger write of an exposure batch and of an order
 * batch, and the host restarts: starting it finishes both, the retried batches are duplicates, and the results equal
 * those of an uninterrupted run.
 */
class ExperimentRestartTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aServerStopMidBatchLosesNoExposureAndNoConversion() {
        String file = dir.resolve("analytics.mv").toString();
        String database = InProcessMongo.freshDatabaseName();
        List<List<OrderEvent>> batches = EventStream.batches(EventStream.events(5, 150), 5, 4);
        List<ExposureEvent> first = new ArrayList<>();
        List<ExposureEvent> second = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            ExposureEvent x = new ExposureEvent(
                    "banner", "c-" + c, c % 2 == 0 ? "control" : "banner", EventStream.START.minusSeconds(60));
            (c < 15 ? first : second).add(x);
        }
        Analytics reference = Analytics.builder()
                .store(new InMemoryAnalyticsStore())
                .zone(ZONE)
                .clock(CLOCK)
                .build();
        start(reference);
        reference.experiments().recordExposures(first);
        reference.experiments().recordExposures(second);
        batches.forEach(reference::recordAll);

        InProcessMongo server = InProcessMongo.on(new H2Backend(file));
        Host host = new Host(server, database);
        start(host.analytics);
        host.analytics.experiments().recordExposures(first);
        InProcessMongo stopping = server;
        host.faulty.failAfterWrite(2, stopping::stopServer); // the exposures' ledger write lands, then the server stops
        assertThatThrownBy(() -> host.analytics.experiments().recordExposures(second))
                .isInstanceOf(StoreException.class);
        host.close();

        server = InProcessMongo.restart(new H2Backend(file), server);
        Host restarted = new Host(server, database); // starting the host recovers the pending batch
        restarted.analytics.experiments().recordExposures(second);
        int crash = batches.size() / 2;
        for (int i = 0; i < crash; i++) {
            restarted.analytics.recordAll(batches.get(i));
        }
        InProcessMongo stoppingAgain = server;
        restarted.faulty.failAfterWrite(2, stoppingAgain::stopServer);
        assertThatThrownBy(() -> restarted.analytics.recordAll(batches.get(crash)))
                .isInstanceOf(StoreException.class);
        restarted.close();

        server = InProcessMongo.restart(new H2Backend(file), server);
        Host again = new Host(server, database);
        assertThat(again.db.getCollection("analytics_batches").countDocuments(Filters.eq("state", "pending")))
                .isZero();
        for (int i = crash; i < batches.size(); i++) {
            again.analytics.recordAll(batches.get(i));
        }

        assertThat(again.analytics.experiments().results("banner"))
                .isEqualTo(reference.experiments().results("banner"));
        assertThat(again.analytics
                        .experiments()
                        .results("banner")
                        .variation("banner")
                        .convertedUsers())
                .isPositive();
        assertThat(again.analytics.verify().isClean()).isTrue();
        again.close();
        server.close();
    }

    private static void start(Analytics analytics) {
        analytics
                .experiments()
                .define(Experiment.builder("banner")
                        .variations("control", "banner")
                        .build());
        analytics.experiments().transition("banner", ExperimentStatus.RUNNING);
    }

    /** One instance of the host application: its own client, store and analytics. */
    private static final class Host {
        final MongoDatabase db;
        final MongoAnalyticsStore store;
        final Analytics analytics;
        FaultyCollections faulty;

        Host(InProcessMongo server, String database) {
            db = server.client(1_000).getDatabase(database);
            store = MongoAnalyticsStore.builder(db)
                    .collections(c -> faulty = new FaultyCollections(c))
                    .build();
            analytics = Analytics.builder()
                    .store(store)
                    .zone(ZONE)
                    .clock(CLOCK)
                    .storeAttempts(2)
                    .storeBackoff(Duration.ZERO)
                    .build();
        }

        void close() {
            analytics.close();
        }
    }
}
