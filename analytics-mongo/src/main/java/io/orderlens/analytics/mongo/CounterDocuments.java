package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.BsonValues.count;
import static io.orderlens.analytics.mongo.BsonValues.instant;
import static io.orderlens.analytics.mongo.BsonValues.subDocument;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
     * Where the rows of one aggregate live: the collection ({@code _id} is {@link Aggregate#keyOf}, after
     * {@code idPrefix}), how a document reads back, which row component is stored as {@code _id}, and the fields a
     * {@link Scan} filters on. A collection may hold the rows of several aggregates: each kind but the collection's
     * own then has a {@link #KIND} field and an {@code _id} prefixed with it, and every read of the collection is
     * filtered by {@code kindFilter}.
     *
     * @param kind       the {@link #KIND} value of the rows, or null for the collection's own rows (no such field)
     * @param kindFilter what selects the rows of this aggregate in a shared collection; null if it is not shared
     */
    record Shape<T extends Counters>(
            StoreCollection collection,
            Function<Document, T> decoder,
            String idComponent,
            String partitionField,
            String dateField,
            Bson keyOrder,
            String kind,
            Bson kindFilter) {

        /** The shape of an aggregate that has its collection to itself. */
        Shape(
                StoreCollection collection,
                Function<Document, T> decoder,
                String idComponent,
                String partitionField,
                String dateField,
                Bson keyOrder) {
            this(collection, decoder, idComponent, partitionField, dateField, keyOrder, null, null);
        }

        /** The {@code _id} of the row with key {@code key}. */
        String id(String key) {
            return kind == null ? key : kind + "|" + key;
        }

        /** The row key of the document {@code id} (one of this aggregate's {@link #id}s). */
        String key(String id) {
            return kind == null ? id : id.substring(kind.length() + 1);
        }

        /** The document field of a row component. */
        String field(String component) {
            return component.equals(idComponent) ? "_id" : component;
        }

        Bson filter(Scan scan) {
            Bson rows;
            if (scan instanceof Scan.Partition p) {
                rows = Filters.eq(partitionField, p.key());
            } else if (scan instanceof Scan.Dates d) {
                rows = Filters.and(
                        Filters.gte(dateField, BsonValues.day(d.from())),
                        Filters.lte(dateField, BsonValues.day(d.to())));
            } else {
                rows = null;
            }
            if (kindFilter == null) {
                return rows == null ? new Document() : rows;
            }
            return rows == null ? kindFilter : Filters.and(kindFilter, rows);
        }

        /** What a read of {@code scan} reads, for messages: {@code days 2026-01-01..2026-01-31}. */
        String describe(Scan scan) {
            String rows = kind == null ? collection.suffix() : kind + " rows of " + collection.suffix();
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
    private static final Map<Aggregate<?>, Shape<?>> SHAPES = Map.ofEntries(
            Map.entry(
                    Aggregate.PRODUCTS,
                    new Shape<>(StoreCollection.PRODUCTS, CounterDocuments::product, "productId", null, null, BY_ID)),
            Map.entry(
                    Aggregate.CUSTOMERS,
                    new Shape<>(
                            StoreCollection.CUSTOMERS, CounterDocuments::customer, "customerId", null, null, BY_ID)),
            Map.entry(
                    Aggregate.CUSTOMER_PRODUCTS,
                    new Shape<>(
                            StoreCollection.CUSTOMER_PRODUCTS,
                            CounterDocuments::customerProduct,
                            null,
                            "customerId",
                            null,
                            BY_ID)),
            Map.entry(
                    Aggregate.CUSTOMER_CATEGORIES,
                    new Shape<>(
                            StoreCollection.CUSTOMER_CATEGORIES,
                            CounterDocuments::customerCategory,
                            null,
                            "customerId",
                            null,
                            BY_ID)),
            Map.entry(
                    Aggregate.CATEGORIES,
                    new Shape<>(StoreCollection.CATEGORIES, CounterDocuments::category, "category", null, null, BY_ID)),
            Map.entry(
                    Aggregate.DAYS,
                    new Shape<>(StoreCollection.DAYS, CounterDocuments::day, "date", null, "_id", BY_ID)),
            Map.entry(
                    Aggregate.DAY_COUNTRIES,
                    new Shape<>(
                            StoreCollection.DAY_COUNTRIES,
                            CounterDocuments::dayCountry,
                            null,
                            null,
                            "date",
                            Sorts.orderBy(Sorts.ascending("date"), Sorts.ascending("country")),
                            null,
                            Filters.eq(KIND, null))),
            Map.entry(
                    Aggregate.EXPERIMENT_CUSTOMERS,
                    new Shape<>(
                            StoreCollection.EXPERIMENT_CUSTOMERS,
                            CounterDocuments::experimentCustomer,
                            null,
                            "experiment",
                            null,
                            BY_ID)),
            Map.entry(
                    Aggregate.ORDER_FUNNEL,
                    new Shape<>(StoreCollection.ORDER_FUNNEL, CounterDocuments::funnel, "date", null, "_id", BY_ID)),
            Map.entry(
                    Aggregate.CUSTOMER_DAYS,
                    new Shape<>(
                            StoreCollection.CUSTOMER_DAYS,
                            CounterDocuments::customerDay,
                            null,
                            "customerId",
                            null,
                            BY_ID)),
            Map.entry(
                    Aggregate.EXPERIMENT_VARIATIONS,
                    new Shape<>(
                            StoreCollection.EXPERIMENT_VARIATIONS,
                            CounterDocuments::experimentVariation,
                            null,
                            "experiment",
                            null,
                            BY_ID)),
            Map.entry(
                    Aggregate.DAY_CATEGORIES,
                    new Shape<>(
                            StoreCollection.DAY_COUNTRIES,
                            CounterDocuments::dayCategory,
                            null,
                            null,
                            "date",
                            Sorts.orderBy(Sorts.ascending("date"), Sorts.ascending("category")),
                            Aggregate.DAY_CATEGORIES.name(),
                            Filters.eq(KIND, Aggregate.DAY_CATEGORIES.name()))));

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
                StatusCounts.of(byStatus),
                count(d, "newCustomers"));
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
