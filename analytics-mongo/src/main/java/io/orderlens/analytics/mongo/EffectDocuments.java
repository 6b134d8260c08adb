package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.BsonValues.putInstant;

import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCategoryCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.ExperimentCustomerCounters;
import io.orderlens.analytics.spi.ExperimentVariationCounters;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.analytics.spi.ProductCounters;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A change's {@link Effect} inside a batch record, so that resuming a pending batch applies exactly the increments
 * the engine computed: a list of documents, one per increment, each {@code {k: <kind>, ...}} with the fields of the
 * aggregate document of its kind (read back by the {@link AggregateDocuments} decoders). Stateless and thread-safe.
 */
final class EffectDocuments {
    static final String KIND = "k";

    private EffectDocuments() {}

    static List<Document> encode(Effect effect) {
        List<Document> out = new ArrayList<>(effect.increments().size());
        for (Counters c : effect.increments()) {
            out.add(encode(c));
        }
        return out;
    }

    /**
     * The effect written by {@link #encode}.
     *
     * @throws StoreException if a document is not an increment of a known kind
     */
    static Effect decode(List<Document> documents, String batchId) {
        List<Counters> increments = new ArrayList<>(documents.size());
        for (Document d : documents) {
            String kind = d.getString(KIND);
            increments.add(
                    switch (kind == null ? "" : kind) {
                        case "product" -> CounterDocuments.product(d);
                        case "customer" -> CounterDocuments.customer(d);
                        case "customerProduct" -> CounterDocuments.customerProduct(d);
                        case "customerCategory" -> CounterDocuments.customerCategory(d);
                        case "category" -> CounterDocuments.category(d);
                        case "day" -> CounterDocuments.day(d);
                        case "dayCountry" -> CounterDocuments.dayCountry(d);
                        case "experimentCustomer" -> CounterDocuments.experimentCustomer(d);
                        case "orderFunnel" -> CounterDocuments.funnel(d);
                        case "customerDay" -> CounterDocuments.customerDay(d);
                        case "experimentVariation" -> experimentVariation(d);
                        case "dayCategory" -> CounterDocuments.dayCategory(d);
                        default ->
                            throw new StoreException("MongoDB store cannot resume batch \"" + batchId
                                    + "\": its record holds an increment of unknown kind \"" + kind + "\"");
                    });
        }
        return Effect.of(increments);
    }

    private static Document encode(Counters counters) {
        if (counters instanceof ProductCounters c) {
            Document d = kind("product")
                    .append("_id", c.productId())
                    .append("name", c.name())
                    .append("category", c.category())
                    .append("units", c.units())
                    .append("revenue", c.revenue())
                    .append("orders", c.orders());
            putInstant(d, "firstSoldAt", c.firstSoldAt());
            putInstant(d, "lastSoldAt", c.lastSoldAt());
            return d;
        }
        if (counters instanceof CustomerCounters c) {
            Document hours = new Document();
            for (int h = 0; h < 24; h++) {
                if (c.hours().get(h) != 0) {
                    hours.put(AggregateDocuments.hourKey(h), c.hours().get(h));
                }
            }
            Document d = kind("customer")
                    .append("_id", c.customerId())
                    .append("orders", c.orders())
                    .append("spent", c.spent())
                    .append("items", c.items())
                    .append("firstOrderDay", BsonValues.day(c.firstOrderDay()))
                    .append("zone", c.zone())
                    .append("hours", hours);
            putInstant(d, "firstOrderAt", c.firstOrderAt());
            putInstant(d, "lastOrderAt", c.lastOrderAt());
            putInstant(d, "accountCreatedAt", c.accountCreatedAt());
            return d;
        }
        if (counters instanceof CustomerProductCounters c) {
            Document d = kind("customerProduct")
                    .append("customerId", c.customerId())
                    .append("productId", c.productId())
                    .append("name", c.name())
                    .append("category", c.category())
                    .append("units", c.units())
                    .append("spend", c.spend())
                    .append("orders", c.orders());
            putInstant(d, "lastOrderedAt", c.lastOrderedAt());
            return d;
        }
        if (counters instanceof CustomerCategoryCounters c) {
            return kind("customerCategory")
                    .append("customerId", c.customerId())
                    .append("category", c.category())
                    .append("orders", c.orders())
                    .append("units", c.units())
                    .append("spend", c.spend());
        }
        if (counters instanceof CategoryCounters c) {
            return kind("category")
                    .append("_id", c.category())
                    .append("units", c.units())
                    .append("revenue", c.revenue())
                    .append("orders", c.orders());
        }
        if (counters instanceof DayCounters c) {
            Document statuses = new Document();
            c.statuses().asMap().forEach((status, n) -> statuses.put(status.name(), n));
            return kind("day")
                    .append("_id", BsonValues.day(c.date()))
                    .append("orders", c.orders())
                    .append("grossRevenue", c.grossRevenue())
                    .append("items", c.items())
                    .append("refunds", c.refunds())
                    .append("refundedAmount", c.refundedAmount())
                    .append("statuses", statuses)
                    .append("newCustomers", c.newCustomers());
        }
        if (counters instanceof ExperimentCustomerCounters c) {
            return kind("experimentCustomer")
                    .append("experiment", c.experiment())
                    .append("customerId", c.customerId())
                    .append("variation", c.variation())
                    .append("exposed", c.exposed())
                    .append("multiple", c.multiple())
                    .append("orders", c.orders())
                    .append("netRevenue", c.netRevenue());
        }
        if (counters instanceof FunnelCounters c) {
            return CounterDocuments.funnelFields(kind("orderFunnel").append("_id", BsonValues.day(c.date())), c);
        }
        if (counters instanceof CustomerDayCounters c) {
            return kind("customerDay")
                    .append("customerId", c.customerId())
                    .append("date", BsonValues.day(c.date()))
                    .append("placed", c.placed())
                    .append("orders", c.orders())
                    .append("netRevenue", c.netRevenue());
        }
        if (counters instanceof ExperimentVariationCounters c) {
            return kind("experimentVariation")
                    .append("experiment", c.experiment())
                    .append("variation", c.variation())
                    .append("exposed", c.exposed())
                    .append("multiple", c.multiple())
                    .append("converted", c.converted())
                    .append("orders", c.orders())
                    .append("netRevenue", c.netRevenue())
                    .append("netRevenueSquares", c.netRevenueSquares().toString());
        }
        if (counters instanceof DayCategoryCounters c) {
            return kind("dayCategory")
                    .append("date", BsonValues.day(c.date()))
                    .append("category", c.category())
                    .append("orders", c.orders())
                    .append("units", c.units())
                    .append("grossRevenue", c.grossRevenue())
                    .append("refundedUnits", c.refundedUnits())
                    .append("refundedAmount", c.refundedAmount());
        }
        DayCountryCounters c = (DayCountryCounters) counters;
        return kind("dayCountry")
                .append("date", BsonValues.day(c.date()))
                .append("country", c.country())
                .append("orders", c.orders())
                .append("grossRevenue", c.grossRevenue())
                .append("refunds", c.refunds())
                .append("refundedAmount", c.refundedAmount());
    }

    /** An experiment variation's increment as {@link #encode} wrote it: the sum of squares as a decimal string. */
    private static ExperimentVariationCounters experimentVariation(Document d) {
        return new ExperimentVariationCounters(
                d.getString("experiment"),
                d.getInteger("variation"),
                BsonValues.count(d, "exposed"),
                BsonValues.count(d, "multiple"),
                BsonValues.count(d, "converted"),
                BsonValues.count(d, "orders"),
                BsonValues.count(d, "netRevenue"),
                new java.math.BigInteger(d.getString("netRevenueSquares")));
    }

    private static Document kind(String kind) {
        return new Document(KIND, kind);
    }
}
