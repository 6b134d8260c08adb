package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.BsonValues.count;
import static io.orderlens.analytics.mongo.BsonValues.instant;
import static io.orderlens.analytics.mongo.BsonValues.subDocument;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.CounterSink;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ExperimentCustomerCounters;
import io.orderlens.analytics.spi.HourHistogram;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.Ranking;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StatusCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The aggregate collections: turning a merged {@link Delta} into guarded updates, and documents back into
 * counters. Every aggregate document carries a guard version {@code gv} and the bounded array {@code applied} of the
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
     * id, in a stable order.
     */
    static Map<StoreCollection, Map<String, Update>> updates(Delta delta) {
        Map<StoreCollection, Map<String, Update>> out = new EnumMap<>(StoreCollection.class);
        delta.forEach(new CounterSink() {
            @Override
            public CounterSink add(ProductCounters c) {
                return put(
                        out,
                        StoreCollection.PRODUCTS,
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
                        out,
                        StoreCollection.CUSTOMER_PRODUCTS,
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
                        out,
                        StoreCollection.CUSTOMER_CATEGORIES,
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
                        out,
                        StoreCollection.CATEGORIES,
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
                return put(out, StoreCollection.DAYS, u);
            }

            @Override
            public CounterSink add(DayCountryCounters c) {
                String date = BsonValues.day(c.date());
                return put(
                        out,
                        StoreCollection.DAY_COUNTRIES,
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
                        out,
                        StoreCollection.EXPERIMENT_CUSTOMERS,
                        new Update(Aggregate.EXPERIMENT_CUSTOMERS.keyOf(c))
                                .setOnInsert("experiment", c.experiment())
                                .setOnInsert("customerId", c.customerId())
                                .set("variation", c.variation())
                                .inc("exposed", c.exposed())
                                .inc("multiple", c.multiple())
                                .inc("orders", c.orders())
                                .inc("netRevenue", c.netRevenue()));
            }

            /** The (merged) update of a customer document; it records the keys of the customer's rows. */
            private Update customer(String customerId) {
                return out.computeIfAbsent(StoreCollection.CUSTOMERS, k -> new LinkedHashMap<>())
                        .computeIfAbsent(customerId, id -> new Update(id).setOnInsert(ROWS_KEPT, true));
            }

            private CounterSink put(
                    Map<StoreCollection, Map<String, Update>> updates, StoreCollection target, Update u) {
                updates.computeIfAbsent(target, k -> new LinkedHashMap<>()).put(u.id, u);
                return this;
            }
        });
        return out;
    }

    /**
     * Where the rows of one aggregate live: the collection ({@code _id} is {@link Aggregate#keyOf}), how a document
     * reads back, which row component is stored as {@code _id}, and the fields a {@link Scan} filters on.
     */
    record Shape<T extends Counters>(
            StoreCollection collection,
            Function<Document, T> decoder,
            String idComponent,
            String partitionField,
            String dateField,
            Bson keyOrder) {

        /** The document field of a row component. */
        String field(String component) {
            return component.equals(idComponent) ? "_id" : component;
        }

        Bson filter(Scan scan) {
            if (scan instanceof Scan.Partition p) {
                return Filters.eq(partitionField, p.key());
            }
            if (scan instanceof Scan.Dates d) {
                return Filters.and(
                        Filters.gte(dateField, BsonValues.day(d.from())),
                        Filters.lte(dateField, BsonValues.day(d.to())));
            }
            return new Document();
        }

        /** What a read of {@code scan} reads, for messages: {@code days 2026-01-01..2026-01-31}. */
        String describe(Scan scan) {
            String rows = collection.suffix();
            if (scan instanceof Scan.Partition p) {
                return rows + " of " + (partitionField.equals("experiment") ? "experiment " : "customer ") + p.key();
            }
            if (scan instanceof Scan.Dates d) {
                return rows + " " + d.from() + ".." + d.to();
            }
            return "all of " + rows;
        }

        /** The sort document of {@code ranking}, derived from its keys. */
        Bson sort(Ranking<T> ranking) {
            List<Bson> keys = new ArrayList<>(ranking.keys().size());
            for (Ranking.Key<T> k : ranking.keys()) {
                keys.add(k.descending() ? Sorts.descending(field(k.field())) : Sorts.ascending(field(k.field())));
            }
            return Sorts.orderBy(keys);
        }
    }

    private static final Bson BY_ID = Sorts.ascending("_id");
    private static final Map<Aggregate<?>, Shape<?>> SHAPES = Map.of(
            Aggregate.PRODUCTS,
                    new Shape<>(StoreCollection.PRODUCTS, AggregateDocuments::product, "productId", null, null, BY_ID),
            Aggregate.CUSTOMERS,
                    new Shape<>(
                            StoreCollection.CUSTOMERS, AggregateDocuments::customer, "customerId", null, null, BY_ID),
            Aggregate.CUSTOMER_PRODUCTS,
                    new Shape<>(
                            StoreCollection.CUSTOMER_PRODUCTS,
                            AggregateDocuments::customerProduct,
                            null,
                            "customerId",
                            null,
                            BY_ID),
            Aggregate.CUSTOMER_CATEGORIES,
                    new Shape<>(
                            StoreCollection.CUSTOMER_CATEGORIES,
                            AggregateDocuments::customerCategory,
                            null,
                            "customerId",
                            null,
                            BY_ID),
            Aggregate.CATEGORIES,
                    new Shape<>(
                            StoreCollection.CATEGORIES, AggregateDocuments::category, "category", null, null, BY_ID),
            Aggregate.DAYS, new Shape<>(StoreCollection.DAYS, AggregateDocuments::day, "date", null, "_id", BY_ID),
            Aggregate.DAY_COUNTRIES,
                    new Shape<>(
                            StoreCollection.DAY_COUNTRIES,
                            AggregateDocuments::dayCountry,
                            null,
                            null,
                            "date",
                            Sorts.orderBy(Sorts.ascending("date"), Sorts.ascending("country"))),
            Aggregate.EXPERIMENT_CUSTOMERS,
                    new Shape<>(
                            StoreCollection.EXPERIMENT_CUSTOMERS,
                            AggregateDocuments::experimentCustomer,
                            null,
                            "experiment",
                            null,
                            BY_ID));

    @SuppressWarnings("unchecked")
    static <T extends Counters> Shape<T> shape(Aggregate<T> aggregate) {
        Shape<T> shape = (Shape<T>) SHAPES.get(aggregate);
        if (shape == null) {
            throw new IllegalArgumentException("the MongoDB store keeps no aggregate " + aggregate);
        }
        return shape;
    }

    /** Whether the customer documents list the keys of the rows of {@code rows} ({@link #rowKeysField}). */
    static boolean listedByCustomer(StoreCollection rows) {
        return rows == StoreCollection.CUSTOMER_PRODUCTS || rows == StoreCollection.CUSTOMER_CATEGORIES;
    }

    /** The customer document's field listing the row keys of {@code rows} (a per-customer collection). */
    static String rowKeysField(StoreCollection rows) {
        return switch (rows) {
            case CUSTOMER_PRODUCTS -> PRODUCT_ROWS;
            case CUSTOMER_CATEGORIES -> CATEGORY_ROWS;
            default -> throw new IllegalArgumentException(rows.suffix() + " rows are not kept per customer");
        };
    }

    static String hourKey(int hour) {
        return hour < 10 ? "h0" + hour : "h" + hour;
    }

    // ----- decoding -----

    static ProductCounters product(Document d) {
        return new ProductCounters(
                d.getString("_id"),
                d.getString("name"),
                d.getString("category"),
                count(d, "units"),
                count(d, "revenue"),
                count(d, "orders"),
                instant(d, "firstSoldAt"),
                instant(d, "lastSoldAt"));
    }

    static CustomerCounters customer(Document d) {
        Document hours = subDocument(d, "hours");
        long[] h = new long[24];
        for (int i = 0; i < 24; i++) {
            h[i] = count(hours, hourKey(i));
        }
        return new CustomerCounters(
                d.getString("_id"),
                count(d, "orders"),
                count(d, "spent"),
                count(d, "items"),
                instant(d, "firstOrderAt"),
                instant(d, "lastOrderAt"),
                BsonValues.day(d, "firstOrderDay"),
                instant(d, "accountCreatedAt"),
                d.getString("zone"),
                HourHistogram.of(h));
    }

    static CustomerProductCounters customerProduct(Document d) {
        return new CustomerProductCounters(
                d.getString("customerId"),
                d.getString("productId"),
                d.getString("name"),
                d.getString("category"),
                count(d, "units"),
                count(d, "spend"),
                count(d, "orders"),
                instant(d, "lastOrderedAt"));
    }

    static CustomerCategoryCounters customerCategory(Document d) {
        return new CustomerCategoryCounters(
                d.getString("customerId"),
                d.getString("category"),
                count(d, "orders"),
                count(d, "units"),
                count(d, "spend"));
    }

    static CategoryCounters category(Document d) {
        return new CategoryCounters(d.getString("_id"), count(d, "units"), count(d, "revenue"), count(d, "orders"));
    }

    static DayCounters day(Document d) {
        Document statuses = subDocument(d, "statuses");
        Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
        for (OrderStatus s : OrderStatus.values()) {
            long n = count(statuses, s.name());
            if (n != 0) {
                byStatus.put(s, n);
            }
        }
        return new DayCounters(
                BsonValues.day(d, "_id"),
                count(d, "orders"),
                count(d, "grossRevenue"),
                count(d, "items"),
                count(d, "refunds"),
                count(d, "refundedAmount"),
                StatusCounts.of(byStatus));
    }

    static DayCountryCounters dayCountry(Document d) {
        return new DayCountryCounters(
                BsonValues.day(d, "date"),
                d.getString("country"),
                count(d, "orders"),
                count(d, "grossRevenue"),
                count(d, "refunds"),
                count(d, "refundedAmount"));
    }

    static ExperimentCustomerCounters experimentCustomer(Document d) {
        Object variation = d.get("variation");
        return new ExperimentCustomerCounters(
                d.getString("experiment"),
                d.getString("customerId"),
                variation instanceof Number n ? n.intValue() : null,
                count(d, "exposed"),
                count(d, "multiple"),
                count(d, "orders"),
                count(d, "netRevenue"));
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
