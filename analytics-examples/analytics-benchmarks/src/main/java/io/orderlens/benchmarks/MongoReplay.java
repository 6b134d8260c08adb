package io.orderlens.benchmarks;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One timed replay into a fresh database of the in-process MongoDB server: how many events it recorded before its
 * time cap, how long that took, and how many database commands it sent.
 *
 * @param events   events recorded
 * @param nanos    time spent recording them
 * @param commands database commands sent meanwhile
 */
record MongoReplay(int events, long nanos, long commands) {
    /**
     * A replay that took longer than this many times its cap (one batch can take far longer than the cap) is not
     * repeated: its row then shows fewer runs.
     */
    static final int OVERRUN_FACTOR = 2;

    boolean overran(long budgetNanos) {
        return nanos > OVERRUN_FACTOR * budgetNanos;
    }

    double ordersPerSecond() {
        return Replay.rate(events, nanos);
    }

    double commandsPerOrder() {
        return (double) commands / events;
    }

    /** Replays through {@link Analytics} over a new {@link MongoAnalyticsStore} in {@code dbName}. */
    static MongoReplay store(
            InProcessMongo mongo, List<OrderEvent> events, int batchSize, String dbName, long budgetNanos) {
        return replay(mongo, events, batchSize, dbName, budgetNanos, MongoAnalyticsStore::create);
    }

    /**
     * Replays through {@link Analytics} over an {@link UnguardedBulkStore} writing into {@code dbName}: the ceiling
     * of any store keeping the same aggregate documents on this server.
     */
    static MongoReplay ceiling(
            InProcessMongo mongo, List<OrderEvent> events, int batchSize, String dbName, long budgetNanos) {
        return replay(
                mongo,
                events,
                batchSize,
                dbName,
                budgetNanos,
                db -> new UnguardedBulkStore(new InMemoryAnalyticsStore(), db));
    }

    private static MongoReplay replay(
            InProcessMongo mongo,
            List<OrderEvent> events,
            int batchSize,
            String dbName,
            long budgetNanos,
            Function<MongoDatabase, AnalyticsStore> store) {
        MongoDatabase db = mongo.database(dbName);
        db.drop();
        try (Analytics analytics = Replay.analytics(store.apply(db))) {
            long c0 = mongo.commands().count();
            long t0 = System.nanoTime();
            int recorded = Replay.recordAll(analytics, events, batchSize, budgetNanos);
            long nanos = System.nanoTime() - t0;
            return new MongoReplay(recorded, nanos, mongo.commands().count() - c0);
        } finally {
            db.drop();
        }
    }

    /** Replays through the {@link SeedStyleBaseline} in {@code dbName}. */
    static MongoReplay seedStyle(InProcessMongo mongo, List<OrderEvent> events, String dbName, long budgetNanos) {
        MongoDatabase db = mongo.database(dbName);
        db.drop();
        try {
            SeedStyleBaseline seed = new SeedStyleBaseline(db);
            long c0 = mongo.commands().count();
            long t0 = System.nanoTime();
            int recorded = seed.replay(events, budgetNanos);
            long nanos = System.nanoTime() - t0;
            return new MongoReplay(recorded, nanos, mongo.commands().count() - c0);
        } finally {
            db.drop();
        }
    }

    /** "all 22,190 events" or "first 1,234 events (time cap)" from the event counts of the measured runs. */
    static String describe(Series events, int available) {
        Sample s = events.sample();
        if (s.min() >= available) {
            return String.format(Locale.ROOT, "all %,d events", available);
        }
        return s.min() == s.max()
                ? String.format(Locale.ROOT, "first %,.0f events (time cap)", s.min())
                : String.format(Locale.ROOT, "first %,.0f..%,.0f events (time cap)", s.min(), s.max());
    }
}
