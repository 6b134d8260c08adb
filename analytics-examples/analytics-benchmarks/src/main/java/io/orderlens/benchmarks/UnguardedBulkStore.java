package io.orderlens.benchmarks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.StoreBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;

/**
 * The ceiling of any MongoDB store that keeps the library's aggregates, for benchmark (b): the ledger lives in an
 * in-memory store, and the merged delta of each batch is written to MongoDB as plain {@code $inc} upserts by
 * {@code _id}, one document per touched aggregate (the same documents {@code MongoAnalyticsStore} writes), one
 * unordered bulk write per collection. No batch record, no ledger gate, no guard, no reads: it is not idempotent
 * and does not survive a crash, so it only bounds from above what a correct store can reach on a server. Not
 * thread-safe.
 */
final class UnguardedBulkStore extends ForwardingAnalyticsStore {
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final int CHUNK = 1_000;

    private final MongoDatabase db;
    private long documents;

    UnguardedBulkStore(AnalyticsStore ledger, MongoDatabase db) {
        super(ledger);
        this.db = db;
    }

    /** Aggregate documents written so far (one per touched aggregate per batch). */
    long documents() {
        return documents;
    }

    @Override
    public ApplyResult apply(StoreBatch batch) {
        ApplyResult result = delegate().apply(batch);
        Delta d = batch.delta(result.conflicts());
        write(
                "products",
                d.products().values(),
                c -> inc(c.productId(), "units", c.units(), "revenue", c.revenue(), "orders", c.orders()));
        write(
                "customers",
                d.customers().values(),
                c -> inc(c.customerId(), "orders", c.orders(), "spent", c.spent(), "items", c.items()));
        write(
                "customer_products",
                d.customerProducts().entrySet(),
                e -> inc(
                        e.getKey().toString(),
                        "units",
                        e.getValue().units(),
                        "spend",
                        e.getValue().spend(),
                        "orders",
                        e.getValue().orders()));
        write(
                "customer_categories",
                d.customerCategories().entrySet(),
                e -> inc(
                        e.getKey().toString(),
                        "units",
                        e.getValue().units(),
                        "spend",
                        e.getValue().spend(),
                        "orders",
                        e.getValue().orders()));
        write(
                "categories",
                d.categories().values(),
                c -> inc(c.category(), "units", c.units(), "revenue", c.revenue(), "orders", c.orders()));
        write(
                "days",
                d.days().values(),
                c -> inc(
                        c.date().toString(),
                        "orders",
                        c.orders(),
                        "grossRevenue",
                        c.grossRevenue(),
                        "refundedAmount",
                        c.refundedAmount()));
        write(
                "day_countries",
                d.dayCountries().entrySet(),
                e -> inc(
                        e.getKey().toString(),
                        "orders",
                        e.getValue().orders(),
                        "grossRevenue",
                        e.getValue().grossRevenue(),
                        "refundedAmount",
                        e.getValue().refundedAmount()));
        return result;
    }

    private <T> void write(String name, Iterable<T> counters, Function<T, WriteModel<Document>> model) {
        MongoCollection<Document> collection = db.getCollection("ceiling_" + name);
        List<WriteModel<Document>> models = new ArrayList<>();
        for (T c : counters) {
            models.add(model.apply(c));
            if (models.size() == CHUNK) {
                flush(collection, models);
            }
        }
        flush(collection, models);
    }

    private void flush(MongoCollection<Document> collection, List<WriteModel<Document>> models) {
        if (!models.isEmpty()) {
            collection.bulkWrite(models, UNORDERED);
            documents += models.size();
            models.clear();
        }
    }

    private static WriteModel<Document> inc(String id, String f1, long v1, String f2, long v2, String f3, long v3) {
        return new UpdateOneModel<>(
                new Document("_id", id),
                new Document("$inc", new Document(f1, v1).append(f2, v2).append(f3, v3)),
                UPSERT);
    }
}
