package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.BsonValues.count;
import static io.orderlens.analytics.mongo.BsonValues.instant;
import static io.orderlens.analytics.mongo.BsonValues.subDocument;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.funnel.DurationBuckets;
import io.orderlens.analytics.funnel.FunnelStep;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCategoryCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.ExperimentCustomerCounters;
import io.orderlens.analytics.spi.ExperimentVariationCounters;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.analytics.spi.HourHistogram;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.Ranking;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StatusCounts;
import io.orderlens.analytics.spi.StepHistograms;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The aggregate collections read back: where each aggregate's rows live ({@link Shape}) and how a stored document
 * becomes its counters. The write side is {@link AggregateDocuments}. Stateless and thread-safe.
 */
final class CounterDocuments {
    private CounterDocuments() {}

    /** The field naming the kind of a row in a collection that holds rows of more than one aggregate. */
    static final String KIND = "kind";

    /**
     * Where the rows of one aggregate live, and how a stored document reads back. The rows of an aggregate are kept
     * in one of three ways:
     *
     * <ul>
     *   <li><b>own documents</b> ({@code subDocument} and {@code kind} null): {@code _id} is the row's key
     *       ({@link Aggregate#keyOf}) and the fields are at the top level;
     *   <li><b>inside the documents of another aggregate</b> ({@code subDocument} set): the row shares the document
     *       of the same {@code _id} with that aggregate's row, its fields under the sub-document {@code subDocument};
     *       so one guarded update per document applies both rows' changes of a batch. A document holds a row of the
     *       host aggregate when it has a field other than {@code _id}, the guard fields and the sub-documents of the
     *       aggregates it hosts;
     *   <li><b>own documents in another aggregate's collection</b> ({@code kind} set): {@code _id} is {@code
     *       "<kind>|<key>"} and the field {@link #KIND} holds {@code kind}; the host's rows have no such field, and
     *       every scan of the collection filters on it.
     * </ul>
     *
     * {@code name} names the rows in the {@code baseline} collection ({@code "<name>|<key>"}) and in messages; it
     * is the name of the collection the rows had when each aggregate had its own. {@code decoder} reads a row in
     * its own layout (fields at the top level, {@code _id} its key), as the baseline keeps it.
     */
    record Shape<T extends Counters>(
            Aggregate<T> aggregate,
            String name,
            StoreCollection collection,
            String subDocument,
            String kind,
            Function<Document, T> decoder,
            String idComponent,
            String partitionField,
            String dateField,
            Bson keyOrder) {

        /** Rows with their own documents in their own collection {@code collection}, named after it. */
        static <T extends Counters> Shape<T> own(
                Aggregate<T> aggregate,
                StoreCollection collection,
                Function<Document, T> decoder,
                String idComponent,
                String partitionField,
                String dateField,
                Bson keyOrder) {
            return new Shape<>(
                    aggregate,
                    collection.suffix(),
                    collection,
                    null,
                    null,
                    decoder,
                    idComponent,
                    partitionField,
                    dateField,
                    keyOrder);
        }

        /** The same rows kept inside the documents of the same {@code _id} of {@code host}, under {@code field}. */
        Shape<T> inside(StoreCollection host, String field, String rowsName) {
            return new Shape<>(
                    aggregate, rowsName, host, field, null, decoder, idComponent, partitionField, dateField, keyOrder);
        }

        /** The same rows kept as documents of kind {@code kindName} in {@code host}. */
        Shape<T> keptIn(StoreCollection host, String kindName, String rowsName) {
            return new Shape<>(
                    aggregate,
                    rowsName,
                    host,
                    null,
                    kindName,
                    decoder,
                    idComponent,
                    partitionField,
                    dateField,
                    keyOrder);
        }

        /** The {@code _id} of the document holding the row {@code key}. */
        String documentId(String key) {
            return kind == null ? key : kind + "|" + key;
        }

        /** The row key of the document {@code documentId} (one of this aggregate's, see {@link #documentId}). */
        String keyOf(String documentId) {
            return kind == null ? documentId : documentId.substring(kind.length() + 1);
        }

        /** The document field of a row component. */
        String field(String component) {
            if (component.equals(idComponent)) {
                return "_id";
            }
            return subDocument == null ? component : subDocument + "." + component;
        }

        /** The fields a read of this aggregate's rows returns: the row's, without the guard and other rows. */
        Bson projection() {
            if (subDocument != null) {
                return Projections.include(subDocument);
            }
            List<String> excluded = new ArrayList<>(List.of(
                    AggregateDocuments.APPLIED,
                    AggregateDocuments.GUARD_VERSION,
                    AggregateDocuments.PRODUCT_ROWS,
                    AggregateDocuments.CATEGORY_ROWS));
            if (kind == null) {
                excluded.addAll(hostedSubDocuments(collection));
            }
            return Projections.exclude(excluded);
        }

        /**
         * The row a document read with {@link #projection()} holds, or null if it holds none of this aggregate (a
         * document shared with another aggregate's row).
         */
        T decode(Document stored) {
            if (subDocument != null) {
                if (!(stored.get(subDocument) instanceof Document fields)) {
                    return null;
                }
                Document row = new Document(fields);
                row.put("_id", stored.get("_id"));
                return decoder.apply(row);
            }
            if (kind != null) {
                if (!kind.equals(stored.get(KIND))) {
                    return null;
                }
                stored.put("_id", keyOf(stored.getString("_id")));
            } else if (hostsKinds(collection) && stored.containsKey(KIND)) {
                return null;
            } else if (stored.size() <= 1 && !hostedSubDocuments(collection).isEmpty()) {
                return null;
            }
            return decoder.apply(stored);
        }

        /**
         * The update that removes this aggregate's row from a document it shares with another aggregate's row
         * (unsetting its fields and replacing the guard version {@code gv} by {@code nextGuardVersion}), or empty
         * when the row has a document of its own (delete the document instead).
         */
        Optional<Bson> unsetRow(long nextGuardVersion) {
            List<String> fields;
            if (subDocument != null) {
                fields = List.of(subDocument);
            } else if (kind == null && !hostedSubDocuments(collection).isEmpty()) {
                fields = HOST_FIELDS.get(aggregate);
                if (fields == null) {
                    throw new IllegalStateException("the fields of " + aggregate + " rows are not declared");
                }
            } else {
                return Optional.empty();
            }
            List<Bson> updates = new ArrayList<>();
            fields.forEach(f -> updates.add(Updates.unset(f)));
            updates.add(Updates.set(AggregateDocuments.GUARD_VERSION, nextGuardVersion));
            return Optional.of(Updates.combine(updates));
        }

        Bson filter(Scan scan) {
            Bson rows = null;
            if (scan instanceof Scan.Partition p) {
                rows = Filters.eq(partitionField, p.key());
            } else if (scan instanceof Scan.Dates d) {
                rows = Filters.and(
                        Filters.gte(field(dateField), BsonValues.day(d.from())),
                        Filters.lte(field(dateField), BsonValues.day(d.to())));
            }
            Bson ofKind =
                    kind != null ? Filters.eq(KIND, kind) : hostsKinds(collection) ? Filters.eq(KIND, null) : null;
            if (ofKind == null) {
                return rows == null ? new Document() : rows;
            }
            return rows == null ? ofKind : Filters.and(ofKind, rows);
        }

        /** What a read of {@code scan} reads, for messages: {@code days 2026-01-01..2026-01-31}. */
        String describe(Scan scan) {
            if (scan instanceof Scan.Partition p) {
                return name + " of " + (partitionField.equals("experiment") ? "experiment " : "customer ") + p.key();
            }
            if (scan instanceof Scan.Dates d) {
                return name + " " + d.from() + ".." + d.to();
            }
            return "all of " + name;
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

    /**
     * The top-level fields of the rows of each aggregate whose documents also hold another aggregate's rows: what
     * removing such a row unsets ({@link Shape#unsetRow}).
     */
    private static final Map<Aggregate<?>, List<String>> HOST_FIELDS =
            Map.of(Aggregate.DAYS, List.of("orders", "grossRevenue", "items", "refunds", "refundedAmount", "statuses"));

    private static final Bson BY_ID = Sorts.ascending("_id");
    private static final List<Shape<?>> ALL = List.of(
            Shape.own(
                    Aggregate.PRODUCTS,
                    StoreCollection.PRODUCTS,
                    CounterDocuments::product,
                    "productId",
                    null,
                    null,
                    BY_ID),
            Shape.own(
                    Aggregate.CUSTOMERS,
                    StoreCollection.CUSTOMERS,
                    CounterDocuments::customer,
                    "customerId",
                    null,
                    null,
                    BY_ID),
            Shape.own(
                    Aggregate.CUSTOMER_PRODUCTS,
                    StoreCollection.CUSTOMER_PRODUCTS,
                    CounterDocuments::customerProduct,
                    null,
                    "customerId",
                    null,
                    BY_ID),
            Shape.own(
                    Aggregate.CUSTOMER_CATEGORIES,
                    StoreCollection.CUSTOMER_CATEGORIES,
                    CounterDocuments::customerCategory,
                    null,
                    "customerId",
                    null,
                    BY_ID),
            Shape.own(
                    Aggregate.CATEGORIES,
                    StoreCollection.CATEGORIES,
                    CounterDocuments::category,
                    "category",
                    null,
                    null,
                    BY_ID),
            Shape.own(Aggregate.DAYS, StoreCollection.DAYS, CounterDocuments::day, "date", null, "date", BY_ID),
            Shape.own(
                    Aggregate.DAY_COUNTRIES,
                    StoreCollection.DAY_COUNTRIES,
                    CounterDocuments::dayCountry,
                    null,
                    null,
                    "date",
                    Sorts.orderBy(Sorts.ascending("date"), Sorts.ascending("country"))),
            Shape.own(
                    Aggregate.EXPERIMENT_CUSTOMERS,
                    StoreCollection.EXPERIMENT_CUSTOMERS,
                    CounterDocuments::experimentCustomer,
                    null,
                    "experiment",
                    null,
                    BY_ID),
            // a day's funnel shares the day's document: one guarded update per day and batch for both
            Shape.own(
                            Aggregate.ORDER_FUNNEL,
                            StoreCollection.DAYS,
                            CounterDocuments::funnel,
                            "date",
                            null,
                            "date",
                            BY_ID)
                    .inside(StoreCollection.DAYS, "funnel", "order_funnel"),
            // a customer's days are documents of kind "day" among the customer's categories
            Shape.own(
                            Aggregate.CUSTOMER_DAYS,
                            StoreCollection.CUSTOMER_CATEGORIES,
                            CounterDocuments::customerDay,
                            null,
                            "customerId",
                            null,
                            BY_ID)
                    .keptIn(StoreCollection.CUSTOMER_CATEGORIES, "day", "customer_days"),
            Shape.own(
                    Aggregate.EXPERIMENT_VARIATIONS,
                    StoreCollection.EXPERIMENT_VARIATIONS,
                    CounterDocuments::experimentVariation,
                    null,
                    "experiment",
                    null,
                    BY_ID),
            // a day's categories are documents of kind "dayCategory" among the day's countries
            Shape.own(
                            Aggregate.DAY_CATEGORIES,
                            StoreCollection.DAY_COUNTRIES,
                            CounterDocuments::dayCategory,
                            null,
                            null,
                            "date",
                            Sorts.orderBy(Sorts.ascending("date"), Sorts.ascending("category")))
                    .keptIn(StoreCollection.DAY_COUNTRIES, Aggregate.DAY_CATEGORIES.name(), "day_categories"));
    private static final Map<Aggregate<?>, Shape<?>> SHAPES = byAggregate();
    private static final Map<StoreCollection, List<String>> SUB_DOCUMENTS = subDocuments();
    private static final Set<StoreCollection> KIND_HOSTS = kindHosts();

    private static Map<Aggregate<?>, Shape<?>> byAggregate() {
        Map<Aggregate<?>, Shape<?>> out = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (Shape<?> shape : ALL) {
            if (out.put(shape.aggregate(), shape) != null || !names.add(shape.name())) {
                throw new IllegalStateException("two shapes for " + shape.aggregate() + " or named " + shape.name());
            }
        }
        return Map.copyOf(out);
    }

    /** The shape of every aggregate, in {@link Aggregate#values()} order. */
    static List<Shape<?>> all() {
        List<Shape<?>> out = new ArrayList<>();
        for (Aggregate<?> aggregate : Aggregate.values()) {
            out.add(shape(aggregate));
        }
        return out;
    }

    /** The sub-documents of {@code collection}'s documents that hold the rows of other aggregates. */
    static List<String> hostedSubDocuments(StoreCollection collection) {
        return SUB_DOCUMENTS.getOrDefault(collection, List.of());
    }

    /** Whether {@code collection} also holds documents of other kinds (with a {@link #KIND} field). */
    static boolean hostsKinds(StoreCollection collection) {
        return KIND_HOSTS.contains(collection);
    }

    private static Map<StoreCollection, List<String>> subDocuments() {
        Map<StoreCollection, List<String>> out = new EnumMap<>(StoreCollection.class);
        for (Shape<?> shape : ALL) {
            if (shape.subDocument() != null) {
                out.computeIfAbsent(shape.collection(), c -> new ArrayList<>()).add(shape.subDocument());
            }
        }
        return out;
    }

    private static Set<StoreCollection> kindHosts() {
        Set<StoreCollection> out = EnumSet.noneOf(StoreCollection.class);
        for (Shape<?> shape : ALL) {
            if (shape.kind() != null) {
                out.add(shape.collection());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static <T extends Counters> Shape<T> shape(Aggregate<T> aggregate) {
        Shape<T> shape = (Shape<T>) SHAPES.get(aggregate);
        if (shape == null) {
            throw new IllegalArgumentException("the MongoDB store keeps no aggregate " + aggregate);
        }
        return shape;
    }

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
            h[i] = count(hours, AggregateDocuments.hourKey(i));
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

    /**
     * A day × category row, stored in {@code day_countries}: {@code {_id: "dayCategory|yyyy-MM-dd|<category>", kind:
     * "dayCategory", date, category, orders, units, grossRevenue, refundedUnits, refundedAmount}}.
     */
    static DayCategoryCounters dayCategory(Document d) {
        return new DayCategoryCounters(
                BsonValues.day(d, "date"),
                d.getString("category"),
                count(d, "orders"),
                count(d, "units"),
                count(d, "grossRevenue"),
                count(d, "refundedUnits"),
                count(d, "refundedAmount"));
    }

    /**
     * A day's funnel row: {@code {_id: "yyyy-MM-dd", reached: {PLACED: n, …}, canceledAt: {PLACED: n, …},
     * durations: {PLACED_TO_ACCEPTED: {b0: n, …}, …}}}; fields with a zero count may be absent.
     */
    static FunnelCounters funnel(Document d) {
        Document durations = subDocument(d, "durations");
        Map<FunnelStep, Map<Integer, Long>> cells = new EnumMap<>(FunnelStep.class);
        for (FunnelStep step : FunnelStep.values()) {
            Document buckets = subDocument(durations, step.name());
            Map<Integer, Long> byBucket = new HashMap<>();
            for (String key : buckets.keySet()) {
                long n = count(buckets, key);
                if (n != 0) {
                    byBucket.put(bucketOf(key), n);
                }
            }
            cells.put(step, byBucket);
        }
        return new FunnelCounters(
                BsonValues.day(d, "_id"),
                statuses(subDocument(d, "reached")),
                statuses(subDocument(d, "canceledAt")),
                StepHistograms.of(cells));
    }

    /** Appends the fields of {@code c} to {@code d}, in the shape {@link #funnel} reads. */
    static Document funnelFields(Document d, FunnelCounters c) {
        Document reached = new Document();
        c.reached().asMap().forEach((s, n) -> reached.put(s.name(), n));
        Document canceledAt = new Document();
        c.canceledAt().asMap().forEach((s, n) -> canceledAt.put(s.name(), n));
        Document durations = new Document();
        c.durations()
                .forEach((step, bucket, n) -> ((Document) durations.computeIfAbsent(step.name(), k -> new Document()))
                        .put(bucketKey(bucket), n));
        return d.append("reached", reached).append("canceledAt", canceledAt).append("durations", durations);
    }

    /** The field name of a duration bucket: {@code b<index>}. */
    static String bucketKey(int bucket) {
        return "b" + bucket;
    }

    private static int bucketOf(String key) {
        try {
            int bucket = key.startsWith("b") ? Integer.parseInt(key.substring(1)) : -1;
            if (bucket >= 0 && bucket < DurationBuckets.COUNT) {
                return bucket;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StoreException("MongoDB store cannot read a funnel row: unknown duration bucket \"" + key + "\"");
    }

    private static StatusCounts statuses(Document d) {
        Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
        for (OrderStatus s : OrderStatus.values()) {
            long n = count(d, s.name());
            if (n != 0) {
                byStatus.put(s, n);
            }
        }
        return StatusCounts.of(byStatus);
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

    static CustomerDayCounters customerDay(Document d) {
        return new CustomerDayCounters(
                d.getString("customerId"),
                BsonValues.day(d, "date"),
                count(d, "placed"),
                count(d, "orders"),
                count(d, "netRevenue"));
    }

    /**
     * The fields of an experiment variation's sum of squares: {@code netRevenueSquares0..3}, the value being
     * {@code Σ netRevenueSquares<i> × 2^(32 i)}. Each increment adds words 0 to 2 in [0, 2^32) and word 3 signed, so
     * every field stays exact under {@code $inc} for more than two billion increments.
     */
    static final String[] SQUARE_WORDS = {
        "netRevenueSquares0", "netRevenueSquares1", "netRevenueSquares2", "netRevenueSquares3"
    };

    private static final BigInteger WORD = BigInteger.valueOf(0xFFFF_FFFFL);

    /**
     * The words of {@code value} for {@link #SQUARE_WORDS}.
     *
     * @throws ArithmeticException if the value needs more than 127 bits
     */
    static long[] squareWords(BigInteger value) {
        return new long[] {
            value.and(WORD).longValueExact(),
            value.shiftRight(32).and(WORD).longValueExact(),
            value.shiftRight(64).and(WORD).longValueExact(),
            value.shiftRight(96).longValueExact()
        };
    }

    /** The sum of squares held in {@code d}'s {@link #SQUARE_WORDS}. */
    static BigInteger squares(Document d) {
        BigInteger sum = BigInteger.ZERO;
        for (int i = SQUARE_WORDS.length - 1; i >= 0; i--) {
            sum = sum.shiftLeft(32).add(BigInteger.valueOf(count(d, SQUARE_WORDS[i])));
        }
        return sum;
    }

    static ExperimentVariationCounters experimentVariation(Document d) {
        return new ExperimentVariationCounters(
                d.getString("experiment"),
                (int) count(d, "variation"),
                count(d, "exposed"),
                count(d, "multiple"),
                count(d, "converted"),
                count(d, "orders"),
                count(d, "netRevenue"),
                squares(d));
    }
}
