package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.MongoFixture.analyticsOver;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.DriftReport;
import io.orderlens.analytics.spi.Delta;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A database written by the previous layout, which kept the funnel rows in {@code order_funnel} and the customer ×
 * day rows in {@code customer_days}: the store does not read those collections, {@code verify()} reports their rows
 * as missing, and one {@code rebuild()} recomputes them in the current layout from the ledger and drops the two
 * collections.
 */
class PreviousLayoutTest {
    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    @Test
    void rebuildMovesTheFunnelAndCustomerDayRowsOfThePreviousLayoutAndDropsItsCollections() {
        MongoDatabase db = mongo.freshDatabase();
        Analytics writer = analyticsOver(MongoAnalyticsStore.create(db)).build();
        EventStream.batches(EventStream.events(11, 90), 11, 8).forEach(writer::recordAll);
        assertThat(writer.verify().isClean()).isTrue();
        writer.close(); // the previous version shut down cleanly: no batch left pending
        Delta current = MongoAnalyticsStore.create(db).snapshot();
        assertThat(current.funnelDays()).isNotEmpty();
        assertThat(current.customerDays()).isNotEmpty();
        int funnelRows = current.funnelDays().size();
        int customerDayRows = current.customerDays().size();

        toPreviousLayout(db);
        assertThat(count(db, "analytics_order_funnel")).isEqualTo(funnelRows);
        assertThat(count(db, "analytics_customer_days")).isEqualTo(customerDayRows);

        MongoAnalyticsStore upgraded = MongoAnalyticsStore.create(db);
        Analytics analytics = analyticsOver(upgraded).build();
        DriftReport before = analytics.verify();
        Delta nonZero = current.withoutZeros();
        // every row that is not all zeros is missing (verify takes a row of zeros for an absent one)
        List<String> missing = new ArrayList<>();
        nonZero.funnelDays().keySet().forEach(day -> missing.add("orderFunnel " + day));
        nonZero.customerDays().keySet().forEach(k -> missing.add("customerDay " + k));
        assertThat(before.drifts())
                .extracting(d -> d.kind() + " " + d.key())
                .containsExactlyInAnyOrderElementsOf(missing);

        analytics.rebuild();

        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(upgraded.snapshot().withoutZeros()).isEqualTo(nonZero);
        assertThat(db.listCollectionNames().into(new ArrayList<>()))
                .doesNotContain("analytics_order_funnel", "analytics_customer_days");
    }

    @Test
    void aStoreStartsOnAnEmptyDatabaseWithoutThePreviousLayoutsCollections() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        analyticsOver(store).build().recordAll(EventStream.events(3, 5));

        assertThat(db.listCollectionNames().into(new ArrayList<>()))
                .contains("analytics_days", "analytics_customer_categories")
                .doesNotContain("analytics_order_funnel", "analytics_customer_days");
    }

    /**
     * Moves the funnel rows and the customer days where the previous layout kept them, in its document shapes:
     * {@code order_funnel} documents {@code {_id: day, reached, canceledAt, durations, gv, applied}} and
     * {@code customer_days} documents {@code {_id: "<len>:<customerId>|day", customerId, date, placed, orders,
     * netRevenue, gv, applied}}.
     */
    private static void toPreviousLayout(MongoDatabase db) {
        MongoCollection<Document> days = db.getCollection("analytics_days");
        MongoCollection<Document> funnel = db.getCollection("analytics_order_funnel");
        for (Document day : days.find(Filters.exists("funnel")).into(new ArrayList<>())) {
            Document row = new Document("_id", day.get("_id"))
                    .append("gv", day.get("gv"))
                    .append("applied", day.get("applied"));
            row.putAll(day.get("funnel", Document.class));
            funnel.insertOne(row);
            days.updateOne(Filters.eq("_id", day.get("_id")), Updates.unset("funnel"));
        }
        MongoCollection<Document> categories = db.getCollection("analytics_customer_categories");
        MongoCollection<Document> customerDays = db.getCollection("analytics_customer_days");
        List<Document> dayDocuments = categories.find(Filters.eq("kind", "day")).into(new ArrayList<>());
        for (Document d : dayDocuments) {
            Document row = new Document(d);
            row.remove("kind");
            row.put("_id", d.getString("_id").substring("day|".length()));
            customerDays.insertOne(row);
        }
        categories.deleteMany(Filters.eq("kind", "day"));
    }

    private static long count(MongoDatabase db, String collection) {
        return db.getCollection(collection).countDocuments();
    }
}
