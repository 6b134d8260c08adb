package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.query.AnalyticsQueries;
import io.orderlens.analytics.query.ProductRanking;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store is ready for a sharded cluster with the shard keys of {@code SHARDING.md}: every command of the batch
 * path is targeted by its collection's shard key, every command of the query path is targeted or one of the
 * scatter-gather reads the document lists with their cost, and every unique index is one a sharded collection may
 * have.
 */
class ShardKeyTargetingTest {
    /** The shard key of each collection (by suffix), as {@code SHARDING.md} states it; absent: left unsharded. */
    private static final Map<String, String> SHARD_KEYS = Map.of(
            "ledger",
            "_id",
            "batches",
            "_id",
            "products",
            "_id",
            "customers",
            "_id",
            "customer_products",
            "_id",
            "customer_categories",
            "_id",
            "experiment_customers",
            "_id",
            "baseline",
            "_id");

    /** The collections {@code SHARDING.md} says to leave unsharded. */
    private static final Set<String> UNSHARDED = Set.of("categories", "days", "day_countries", "experiment_variations");

    /** Every collection of the store, by suffix, longest first so that a suffix match is exact. */
    private static final List<String> COLLECTIONS = List.of(
                    "experiment_variations",
                    "customer_categories",
                    "customer_products",
                    "experiment_customers",
                    "day_countries",
                    "categories",
                    "customers",
                    "products",
                    "batches",
                    "ledger",
                    "days",
                    "baseline")
            .stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();

    /** The scatter-gather reads of the query path that SHARDING.md lists, as {@code collection command [fields]}. */
    private static final Set<String> QUERY_PATH_EXCEPTIONS =
            Set.of("products find []", "products find [units]", "customers find []", "customers find [spent]");

    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    @RegisterExtension
    static final MongoFixture mongo = new MongoFixture();

    private final SentStatements sent = new SentStatements();

    @Test
    void everyCommandOfTheBatchPathIsTargetedByItsShardKey() {
        Analytics analytics = analytics();

        recordHistory(analytics);

        assertThat(statements()).as("commands sent").hasSizeGreaterThan(20);
        assertThat(statements().stream()
                        .filter(c -> !c.targeted())
                        .map(Command::describe)
                        .toList())
                .as("scatter-gather commands on the batch path")
                .isEmpty();
        assertThat(statements())
                .as("upserts")
                .anySatisfy(c -> assertThat(c.upsert()).isTrue());
    }

    @Test
    void everyCommandOfTheQueryPathIsTargetedOrAListedScatterGatherRead() {
        Analytics analytics = analytics();
        recordHistory(analytics);
        sent.clear();

        AnalyticsQueries q = analytics.queries();
        assertThat(q.product("p-1")).isPresent();
        assertThat(q.customer("c-1")).isPresent();
        assertThat(q.category("cat-1")).isPresent();
        assertThat(q.topProducts(ProductRanking.UNITS, 5)).isNotEmpty();
        assertThat(q.topCustomers(3)).isNotEmpty();
        assertThat(q.topCategories(2)).isNotEmpty();
        // asked again, each list reads only the documents at or above where it ended
        assertThat(q.topProducts(ProductRanking.UNITS, 5)).isNotEmpty();
        assertThat(q.topCustomers(3)).isNotEmpty();
        assertThat(q.topCategories(2)).isNotEmpty();
        assertThat(q.daily(DAY, DAY.plusDays(1))).isNotEmpty();
        assertThat(q.dashboard(DAY, DAY.plusDays(1)).orders()).isPositive();

        Set<String> scatterGather = new TreeSet<>();
        statements().stream().filter(c -> !c.targeted()).forEach(c -> scatterGather.add(c.describe()));
        assertThat(scatterGather)
                .as("every scatter-gather read is listed in SHARDING.md")
                .isSubsetOf(QUERY_PATH_EXCEPTIONS);
        assertThat(QUERY_PATH_EXCEPTIONS)
                .as("every listed exception still happens (the list stays true)")
                .isSubsetOf(scatterGather);
        assertThat(statements())
                .as("targeted reads")
                .anySatisfy(c -> assertThat(c.targeted()).isTrue());
    }

    @Test
    void everyUniqueIndexStartsWithIdSoEveryShardKeyAllowsIt() {
        MongoDatabase db = mongo.freshDatabase();
        MongoAnalyticsStore.create(db);

        List<String> unique = new ArrayList<>();
        for (String name : db.listCollectionNames()) {
            for (Document index : db.getCollection(name).listIndexes()) {
                if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                    Document key = index.get("key", Document.class);
                    unique.add(name + " " + key.toJson());
                    assertThat(key.keySet().iterator().next())
                            .as("first field of unique index %s on %s", key.toJson(), name)
                            .isEqualTo("_id");
                }
            }
        }
        assertThat(unique)
                .as("the ledger's and the aggregate collections' compare-and-set indexes")
                .contains("analytics_ledger {\"_id\": 1, \"v\": 1}", "analytics_products {\"_id\": 1, \"gv\": 1}");
        for (String name : db.listCollectionNames()) {
            String suffix = suffix(name);
            assertThat(SHARD_KEYS.containsKey(suffix) || UNSHARDED.contains(suffix))
                    .as("SHARDING.md says how to shard collection %s", name)
                    .isTrue();
        }
    }

    private Analytics analytics() {
        MongoDatabase db = mongo.freshDatabase(sent);
        MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
        Analytics analytics = MongoFixture.analyticsOver(store).build();
        sent.watch(db.getName());
        return analytics;
    }

    /** New, repeated, advanced and refunded orders: every step of the batch protocol, including compare-and-sets. */
    private static void recordHistory(Analytics analytics) {
        List<OrderEvent> placed = new ArrayList<>();
        List<OrderEvent> delivered = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Order o = new Order(
                    "o-" + i,
                    Customer.of("c-" + i % 4),
                    AT.plusSeconds(i),
                    List.of(LineItem.of("p-" + i % 5, null, "cat-" + i % 2, 1 + i % 3, "3.20")),
                    "DE");
            placed.add(OrderEvent.placed(o));
            delivered.add(OrderEvent.delivered(o.orderId(), AT.plusSeconds(100 + i)));
        }
        analytics.recordAll(placed);
        analytics.recordAll(delivered);
        analytics.recordAll(delivered);
        analytics.record(
                OrderEvent.refunded(Refund.ofAmount("r-1", "o-3", AT.plusSeconds(500), new BigDecimal("1.00"))));
    }

    /** One statement sent to a collection: a find, an aggregate, or one statement of an update, delete or insert. */
    private record Command(String name, String collection, BsonDocument filter, boolean upsert) {
        String describe() {
            return collection + " " + name + " " + fields(filter);
        }

        /** The fields {@code filter} constrains, looking into a top-level {@code $and}. */
        private static Set<String> fields(BsonDocument filter) {
            Set<String> out = new TreeSet<>();
            filter.forEach((field, value) -> {
                if (field.equals("$and")) {
                    value.asArray().forEach(v -> out.addAll(fields(v.asDocument())));
                } else {
                    out.add(field);
                }
            });
            return out;
        }

        /** The condition on {@code field}, at the top level or in a top-level {@code $and}; null if none. */
        private static BsonValue condition(BsonDocument filter, String field) {
            if (filter.containsKey(field)) {
                return filter.get(field);
            }
            if (filter.isArray("$and")) {
                for (BsonValue v : filter.getArray("$and")) {
                    BsonValue found = condition(v.asDocument(), field);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        /** Whether mongos could route this statement to the shards owning its shard-key values only. */
        boolean targeted() {
            if (UNSHARDED.contains(collection)) {
                return true; // it lives on its database's primary shard
            }
            String key = SHARD_KEYS.get(collection);
            if (key == null) {
                return false; // a collection SHARDING.md does not cover yet
            }
            BsonValue value = condition(filter, key);
            if (value == null) {
                return false;
            }
            if (upsert) {
                return !value.isDocument(); // an upsert needs an equality on the full shard key
            }
            return !value.isDocument()
                    || value.asDocument().keySet().equals(Set.of("$in"))
                    || value.asDocument().keySet().equals(Set.of("$eq"));
        }
    }

    /** The statements sent so far that name a collection, by collection suffix. */
    private List<Command> statements() {
        return sent.seen().stream()
                .filter(s -> !s.collection().isEmpty())
                .map(s -> new Command(s.command(), suffix(s.collection()), s.filter(), s.upsert()))
                .toList();
    }

    private static String suffix(String collectionName) {
        for (String c : COLLECTIONS) {
            if (collectionName.endsWith(c)) {
                return c;
            }
        }
        return collectionName;
    }
}
