package io.orderlens.analytics.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.testing.InProcessMongo;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.testing.MutableClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up the store tests share. Registered as a static {@code @RegisterExtension} field, it starts one in-memory
 * {@link InProcessMongo} before the class's first test and closes it, with every client it handed out, after the
 * last; each test takes a fresh database from it, so the tests of a class never see each other's data. Tests of one
 * class must not run in parallel with each other.
 */
final class MongoFixture implements BeforeAllCallback, AfterAllCallback {
    /** The business zone of {@link #analyticsOver}. */
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** The fixed clock of {@link #analyticsOver}, after every order the tests place. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);

    private InProcessMongo server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = InProcessMongo.memory();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    /** A fresh, empty database on a new client that reports the commands it sends to {@code listeners}. */
    MongoDatabase freshDatabase(CommandListener... listeners) {
        return server.client(listeners).getDatabase(InProcessMongo.freshDatabaseName());
    }

    /** A new client of the server, as another host of the same application would have. */
    MongoClient client() {
        return server.client();
    }

    /** A builder of analytics over {@code store} in {@link #ZONE} at {@link #CLOCK}; tests add what they vary. */
    static Analytics.Builder analyticsOver(AnalyticsStore store) {
        return Analytics.builder().store(store).zone(ZONE).clock(CLOCK);
    }

    /**
     * The reference a compaction test compares with: an in-memory store that recorded {@code events} at
     * {@code recordedAt}, then compacted what was settled before {@code horizon} at {@code compactedAt}, without faults.
     */
    static InMemoryAnalyticsStore compactedInMemory(
            List<OrderEvent> events, Instant recordedAt, Instant compactedAt, Instant horizon) {
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        MutableClock clock = new MutableClock(recordedAt);
        try (Analytics analytics = analyticsOver(store).clock(clock).build()) {
            analytics.recordAll(events);
            clock.set(compactedAt);
            analytics.compact(horizon);
        }
        return store;
    }
}
