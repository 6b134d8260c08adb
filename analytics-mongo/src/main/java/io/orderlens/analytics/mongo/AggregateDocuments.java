package io.orderlens.analytics.mongo;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.CounterSink;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCategoryCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ExperimentCustomerCounters;
import io.orderlens.analytics.spi.ExperimentVariationCounters;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.analytics.spi.ProductCounters;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The aggregate collections written: turning a merged {@link Delta} into guarded updates (documents are read back
 * by {@link CounterDocuments}). Every aggregate document carries a guard version {@code gv} and the bounded array {@code applied} of the
 * batches that changed it. The guard version is a random positive int64 token, replaced by every update, so a
 * version seen once never comes back (not even for a document deleted by a rebuild and created again). An update
 * is a compare-and-set on {@code {_id, gv}} (an equality on the unique index of both fields), which also sets a new
 * token and pushes the batch id into {@code applied} in the same atomic single-document update; a document that
 * does not exist yet is created by an upsert filtered by {@code {_id, gv: 0}}, which fails with a duplicate key if
 * the document exists. Stateless and thread-safe.
 */
final class AggregateDocuments {
    static final String APPLIED = "applied";
    static final String GUARD_VERSION = "gv";
    /** On a customer document: the {@code _id}s of the customer's {@code customer_products} rows. */
    static final String PRODUCT_ROWS = "productRows";
    /** On a customer document: the {@code _id}s of the customer's {@code customer_categories} rows. */
    static final String CATEGORY_ROWS = "categoryRows";
    /**
     * On a customer document: present (set on insert) when {@link #PRODUCT_ROWS} and {@link #CATEGORY_ROWS} list
     * every row of the customer, i.e. the document was created by a store that maintains them.
     */
    static final String ROWS_KEPT = "rowsKept";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final UpdateOptions NO_UPSERT = new UpdateOptions();

    private AggregateDocuments() {}

    /**
     * The changes {@code delta} makes to each aggregate collection it touches (absent when untouched), by document
     * id, in a stable order: the changes of the rows of every aggregate kept in the collection (see
     * {@link CounterDocuments.Shape}), those of rows sharing one document merged into one update.
     */
    static Map<StoreCollection, Map<String, Update>> documents(Delta delta) {
        Map<StoreCollection, Map<String, Update>> out = new EnumMap<>(StoreCollection.class);
        rows(delta).forEach((aggregate, updates) -> {
            CounterDocuments.Shape<?> shape = CounterDocuments.shape(aggregate);
            Map<String, Update> byId = out.computeIfAbsent(shape.collection(), k -> new LinkedHashMap<>());
            updates.forEach((key, u) -> {
                Update placed;
                if (shape.subDocument() != null) {
                    placed = u.nestedUnder(shape.subDocument());
                } else if (shape.kind() != null) {
                    placed = u.withId(shape.documentId(key)).setOnInsert(CounterDocuments.KIND, shape.kind());
                } else {
                    placed = u;
                }
                byId.merge(placed.id, placed, Update::mergedWith);
            });
        });
        return out;
    }

    /**
     * The changes {@code delta} makes to the rows of each aggregate it touches (absent when untouched), by row key,
     * in a stable order, each as an update of the row in its own layout (fields at the top level, {@code _id} the
     * key); {@link #documents} places them in the aggregate collections.
     */
    static Map<Aggregate<?>, Map<String, Update>> rows(Delta delta) {
        Map<Aggregate<?>, Map<String, Update>> found = new HashMap<>();
        delta.forEach(new CounterSink() {
            @Override
            public CounterSink add(ProductCounters c) {
                return put(
                        found,
                        Aggregate.PRODUCTS,
                        new Update(Aggregate.PRODUCTS.keyOf(c))
                                .inc("units", c.units())
                                .inc("revenue", c.revenue())
                                .inc("orders", c.orders())
                                .min("firstSoldAt", c.firstSoldAt())
                                .max("lastSoldAt", c.lastSoldAt())
                                .set("name", c.name())
                                .set("category", c.category()));
            }

            @Override
            public CounterSink add(CustomerCounters c) {
                Update u = customer(c.customerId())
                        .inc("orders", c.orders())
                        .inc("spent", c.spent())
                        .inc("items", c.items())
                        .min("firstOrderAt", c.firstOrderAt())
                        .max("lastOrderAt", c.lastOrderAt())
                        .minValue("firstOrderDay", BsonValues.day(c.firstOrderDay()))
                        .min("accountCreatedAt", c.accountCreatedAt())
                        .set("zone", c.zone());
                for (int h = 0; h < 24; h++) {
                    if (c.hours().get(h) != 0) {
                        u.inc("hours." + hourKey(h), c.hours().get(h));
                    }
                }
                return this;
            }

            @Override
            public CounterSink add(CustomerProductCounters c) {
                String key = Aggregate.CUSTOMER_PRODUCTS.keyOf(c);
                customer(c.customerId()).addToSet(PRODUCT_ROWS, key);
                return put(
                        found,
                        Aggregate.CUSTOMER_PRODUCTS,
                        new Update(Aggregate.CUSTOMER_PRODUCTS.keyOf(c))
                                .setOnInsert("customerId", c.customerId())
                                .setOnInsert("productId", c.productId())
                                .inc("units", c.units())
                                .inc("spend", c.spend())
                                .inc("orders", c.orders())
                                .max("lastOrderedAt", c.lastOrderedAt())
                                .set("name", c.name())
                                .set("category", c.category()));
            }

            @Override
            public CounterSink add(CustomerCategoryCounters c) {
                customer(c.customerId()).addToSet(CATEGORY_ROWS, Aggregate.CUSTOMER_CATEGORIES.keyOf(c));
                return put(
                        found,
                        Aggregate.CUSTOMER_CATEGORIES,
                        new Update(Aggregate.CUSTOMER_CATEGORIES.keyOf(c))
                                .setOnInsert("customerId", c.customerId())
                                .setOnInsert("category", c.category())
                                .inc("orders", c.orders())
                                .inc("units", c.units())
                                .inc("spend", c.spend()));
            }

            @Override
            public CounterSink add(CategoryCounters c) {
                return put(
                        found,
                        Aggregate.CATEGORIES,
                        new Update(Aggregate.CATEGORIES.keyOf(c))
                                .inc("units", c.units())
                                .inc("revenue", c.revenue())
                                .inc("orders", c.orders()));
            }

            @Override
            public CounterSink add(DayCounters c) {
                Update u = new Update(Aggregate.DAYS.keyOf(c))
                        .inc("orders", c.orders())
                        .inc("grossRevenue", c.grossRevenue())
                        .inc("items", c.items())
                        .inc("refunds", c.refunds())
                        .inc("refundedAmount", c.refundedAmount());
                c.statuses().asMap().forEach((status, n) -> u.inc("statuses." + status.name(), n));
                return put(found, Aggregate.DAYS, u);
            }

            @Override
            public CounterSink add(DayCountryCounters c) {
                String date = BsonValues.day(c.date());
                return put(
                        found,
                        Aggregate.DAY_COUNTRIES,
                        new Update(Aggregate.DAY_COUNTRIES.keyOf(c))
                                .setOnInsert("date", date)
                                .setOnInsert("country", c.country())
                                .inc("orders", c.orders())
                                .inc("grossRevenue", c.grossRevenue())
                                .inc("refunds", c.refunds())
                                .inc("refundedAmount", c.refundedAmount()));
            }

            @Override
            public CounterSink add(ExperimentCustomerCounters c) {
                return put(
                        found,
                        Aggregate.EXPERIMENT_CUSTOMERS,
                        new Update(Aggregate.EXPERIMENT_CUSTOMERS.keyOf(c))
                                .setOnInsert("experiment", c.experiment())
                                .setOnInsert("customerId", c.customerId())
                                .set("variation", c.variation())
                                .inc("exposed", c.exposed())
                                .inc("multiple", c.multiple())
                                .inc("orders", c.orders())
                                .inc("netRevenue", c.netRevenue()));
            }

            @Override
            public CounterSink add(FunnelCounters c) {
                Update u = new Update(Aggregate.ORDER_FUNNEL.keyOf(c));
                c.reached().asMap().forEach((status, n) -> u.inc("reached." + status.name(), n));
                c.canceledAt().asMap().forEach((status, n) -> u.inc("canceledAt." + status.name(), n));
                c.durations()
                        .forEach((step, bucket, n) ->
                                u.inc("durations." + step.name() + "." + CounterDocuments.bucketKey(bucket), n));
                return put(found, Aggregate.ORDER_FUNNEL, u);
            }

            @Override
            public CounterSink add(CustomerDayCounters c) {
                return put(
                        found,
                        Aggregate.CUSTOMER_DAYS,
                        new Update(Aggregate.CUSTOMER_DAYS.keyOf(c))
                                .setOnInsert("customerId", c.customerId())
                                .setOnInsert("date", BsonValues.day(c.date()))
                                .inc("placed", c.placed())
                                .inc("orders", c.orders())
                                .inc("netRevenue", c.netRevenue()));
            }

            @Override
            public CounterSink add(ExperimentVariationCounters c) {
                Update u = new Update(Aggregate.EXPERIMENT_VARIATIONS.keyOf(c))
                        .setOnInsert("experiment", c.experiment())
                        .setOnInsert("variation", c.variation())
                        .inc("exposed", c.exposed())
                        .inc("multiple", c.multiple())
                        .inc("converted", c.converted())
                        .inc("orders", c.orders())
                        .inc("netRevenue", c.netRevenue());
                long[] words = CounterDocuments.squareWords(c.netRevenueSquares());
                for (int i = 0; i < words.length; i++) {
                    u.inc(CounterDocuments.SQUARE_WORDS[i], words[i]);
                }
                return put(found, Aggregate.EXPERIMENT_VARIATIONS, u);
            }

            /** Stored beside the day × country rows (a kind and a kind-prefixed {@code _id}): no extra write. */
            @Override
            public CounterSink add(DayCategoryCounters c) {
                return put(
                        found,
                        Aggregate.DAY_CATEGORIES,
                        new Update(Aggregate.DAY_CATEGORIES.keyOf(c))
                                .setOnInsert("date", BsonValues.day(c.date()))
                                .setOnInsert("category", c.category())
                                .inc("orders", c.orders())
                                .inc("units", c.units())
                                .inc("grossRevenue", c.grossRevenue())
                                .inc("refundedUnits", c.refundedUnits())
                                .inc("refundedAmount", c.refundedAmount()));
            }

            /** The (merged) update of a customer document; it records the keys of the customer's rows. */
            private Update customer(String customerId) {
                return found.computeIfAbsent(Aggregate.CUSTOMERS, k -> new LinkedHashMap<>())
                        .computeIfAbsent(customerId, id -> new Update(id).setOnInsert(ROWS_KEPT, true));
            }

            private CounterSink put(Map<Aggregate<?>, Map<String, Update>> updates, Aggregate<?> target, Update u) {
                updates.computeIfAbsent(target, k -> new LinkedHashMap<>()).put(u.id, u);
                return this;
            }
        });
        Map<Aggregate<?>, Map<String, Update>> out = new LinkedHashMap<>();
        for (Aggregate<?> aggregate : Aggregate.values()) {
            Map<String, Update> updates = found.get(aggregate);
            if (updates != null) {
                out.put(aggregate, updates);
            }
        }
        return out;
    }

    /** Whether the customer documents list the keys of the rows of {@code rows} ({@link #rowKeysField}). */
    static boolean listedByCustomer(Aggregate<?> rows) {
        return rows == Aggregate.CUSTOMER_PRODUCTS || rows == Aggregate.CUSTOMER_CATEGORIES;
    }

    /** The customer document's field listing the row keys of {@code rows} (a per-customer aggregate). */
    static String rowKeysField(Aggregate<?> rows) {
        if (rows == Aggregate.CUSTOMER_PRODUCTS) {
            return PRODUCT_ROWS;
        }
        if (rows == Aggregate.CUSTOMER_CATEGORIES) {
            return CATEGORY_ROWS;
        }
        throw new IllegalArgumentException(rows + " rows are not listed by their customer");
    }

    static String hourKey(int hour) {
        return hour < 10 ? "h0" + hour : "h" + hour;
    }

    /** The change to one aggregate document; {@link #model} turns it into a guarded write. */
    static final class Update {
        private final String id;
        private final Document inc = new Document();
        private final Document min = new Document();
        private final Document max = new Document();
        private final Document set = new Document();
        private final Document setOnInsert = new Document();
        private final Map<String, Set<String>> addToSet = new LinkedHashMap<>();

        Update(String id) {
            this.id = id;
        }

        /** The same change, to the document {@code otherId}. */
        Update withId(String otherId) {
            Update u = new Update(otherId);
            u.inc.putAll(inc);
            u.min.putAll(min);
            u.max.putAll(max);
            u.set.putAll(set);
            u.setOnInsert.putAll(setOnInsert);
            addToSet.forEach((field, values) -> u.addToSet.put(field, new LinkedHashSet<>(values)));
            return u;
        }

        /**
         * The same change with every field moved under the sub-document {@code field} ({@code units} becomes
         * {@code <field>.units}).
         */
        Update nestedUnder(String field) {
            Update u = new Update(id);
            String prefix = field + ".";
            inc.forEach((k, v) -> u.inc.put(prefix + k, v));
            min.forEach((k, v) -> u.min.put(prefix + k, v));
            max.forEach((k, v) -> u.max.put(prefix + k, v));
            set.forEach((k, v) -> u.set.put(prefix + k, v));
            setOnInsert.forEach((k, v) -> u.setOnInsert.put(prefix + k, v));
            addToSet.forEach((k, values) -> u.addToSet.put(prefix + k, new LinkedHashSet<>(values)));
            return u;
        }

        /**
         * This change and {@code other} (to the same document, on other fields: the rows of two aggregates sharing
         * it) as one.
         */
        Update mergedWith(Update other) {
            Update u = withId(id);
            u.inc.putAll(other.inc);
            u.min.putAll(other.min);
            u.max.putAll(other.max);
            u.set.putAll(other.set);
            u.setOnInsert.putAll(other.setOnInsert);
            other.addToSet.forEach((k, values) ->
                    u.addToSet.computeIfAbsent(k, f -> new LinkedHashSet<>()).addAll(values));
            return u;
        }

        Update inc(String field, long by) {
            inc.put(field, by);
            return this;
        }

        Update min(String field, Instant at) {
            BsonValues.putInstant(min, field, at);
            return this;
        }

        Update max(String field, Instant at) {
            BsonValues.putInstant(max, field, at);
            return this;
        }

        Update minValue(String field, Object value) {
            if (value != null) {
                min.put(field, value);
            }
            return this;
        }

        Update set(String field, Object value) {
            if (value != null) {
                set.put(field, value);
            }
            return this;
        }

        Update setOnInsert(String field, Object value) {
            setOnInsert.put(field, value);
            return this;
        }

        Update addToSet(String field, String value) {
            addToSet.computeIfAbsent(field, f -> new LinkedHashSet<>()).add(value);
            return this;
        }

        /**
         * The compare-and-set that applies this change for {@code batchId} to the document at guard version
         * {@code guardVersion}, or creates it when {@code guardVersion} is 0 (the document was absent), leaving it
         * at guard version {@code nextVersion} (positive). It takes effect only if the document is still in that
         * state.
         */
        UpdateOneModel<Document> model(String batchId, int window, long guardVersion, long nextVersion) {
            Document update = new Document();
            putIfNotEmpty(update, "$inc", inc);
            putIfNotEmpty(update, "$min", min);
            putIfNotEmpty(update, "$max", max);
            Document sets = new Document(set);
            sets.put(GUARD_VERSION, nextVersion);
            update.put("$set", sets);
            putIfNotEmpty(update, "$setOnInsert", setOnInsert);
            if (!addToSet.isEmpty()) {
                Document keys = new Document();
                addToSet.forEach((field, values) -> keys.put(field, new Document("$each", List.copyOf(values))));
                update.put("$addToSet", keys);
            }
            update.put(
                    "$push", new Document(APPLIED, new Document("$each", List.of(batchId)).append("$slice", -window)));
            // a plain document, not Filters.and: the filter must be exactly the fields of the unique index
            Document filter = new Document("_id", id).append(GUARD_VERSION, guardVersion);
            return new UpdateOneModel<>(filter, update, guardVersion == 0 ? UPSERT : NO_UPSERT);
        }

        private static void putIfNotEmpty(Document update, String operator, Document fields) {
            if (!fields.isEmpty()) {
                update.put(operator, fields);
            }
        }
    }
}
