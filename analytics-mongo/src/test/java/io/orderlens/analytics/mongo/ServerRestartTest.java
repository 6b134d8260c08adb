package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.testing.InProcessMongo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a file-backed server, the server stops twice in the middle of a stream of events: once between batches and
 * once in the middle of a batch (after its ledger write, with the host restarting too). Nothing is lost or counted
 * twice.
 */
class ServerRestartTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void stoppingAndRestartingTheServerMidStreamNeitherLosesNorDoubleCounts() {
        String file = dir.resolve("analytics.mv").toString();
        String database = InProcessMongo.freshDatabaseName();
        List<List<OrderEvent>> batches = EventStream.batches(EventStream.events(13, 120), 13, 4);
        InMemoryAnalyticsStore referenceStore = new InMemoryAnalyticsStore();
        Analytics reference = Analytics.builder()
                .store(referenceStore)
                .zone(ZONE)
                .clock(CLOCK)
                .build();
        batches.forEach(reference::recordAll);
        int firstStop = batches.size() / 3;
        int crash = 2 * batches.size() / 3;

        InProcessMongo server = InProcessMongo.on(new H2Backend(file));
        Host host = new Host(server, database);
        for (int i = 0; i < crash; i++) {
            if (i == firstStop) {
                server.stopServer();
                int index = i;
                assertThatThrownBy(() -> host.analytics.recordAll(batches.get(index)))
                        .isInstanceOf(StoreException.class);
                server = InProcessMongo.restart(new H2Backend(file), server);
            }
            host.analytics.recordAll(batches.get(i)); // the same client reconnects
        }

        InProcessMongo stopping = server;
        host.faulty.failAfterWrite(2, stopping::stopServer); // the ledger write lands, then the server goes down
        assertThatThrownBy(() -> host.analytics.recordAll(batches.get(crash))).isInstanceOf(StoreException.class);
        host.close();

        server = InProcessMongo.restart(new H2Backend(file), server);
        Host restarted = new Host(server, database); // starting the host recovers the pending batch
        assertThat(restarted.db.getCollection("analytics_batches").countDocuments(Filters.eq("state", "pending")))
                .isZero();
        for (int i = crash; i < batches.size(); i++) {
            restarted.analytics.recordAll(batches.get(i));
        }

        assertThat(restarted.store.snapshot().withoutZeros())
                .isEqualTo(referenceStore.snapshot().withoutZeros());
        assertThat(restarted.analytics.verify().isClean()).isTrue();
        restarted.close();
        server.close();
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
