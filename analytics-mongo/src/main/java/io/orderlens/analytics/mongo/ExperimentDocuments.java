package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.BsonValues.instant;
import static io.orderlens.analytics.mongo.BsonValues.putInstant;

import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.Exposure;
import io.orderlens.analytics.experiment.Namespace;
import io.orderlens.analytics.experiment.ResultsSnapshot;
import io.orderlens.analytics.experiment.Variation;
import io.orderlens.analytics.experiment.VariationTotals;
import io.orderlens.analytics.flag.FeatureFlag;
import io.orderlens.analytics.flag.FlagRule;
import io.orderlens.analytics.flag.RuleType;
import io.orderlens.analytics.flag.Targeting;
import io.orderlens.analytics.spi.AttributedOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Experiment definitions, exposures and feature flag definitions as plain sub-documents of their ledger documents (shape in the module
 * README). Decoding gives back a value equal to the one encoded. Stateless and thread-safe.
 */
final class ExperimentDocuments {
    private ExperimentDocuments() {}

    static Document definition(Experiment e) {
        List<Document> variations = new ArrayList<>(e.variations().size());
        for (Variation v : e.variations()) {
            variations.add(new Document("key", v.key()).append("weight", v.weight()));
        }
        Document d = new Document("key", e.key())
                .append("variations", variations)
                .append("coverage", e.coverage())
                .append("seed", e.seed())
                .append("hashVersion", e.hashVersion())
                .append("status", e.status().name());
        if (e.namespace() != null) {
            d.append(
                    "namespace",
                    new Document("id", e.namespace().id())
                            .append("start", e.namespace().start())
                            .append("end", e.namespace().end()));
        }
        putInstant(d, "start", e.start());
        putInstant(d, "end", e.end());
        if (e.attributionWindow() != null) {
            d.append("attributionWindow", e.attributionWindow().toString());
        }
        return d;
    }

    static Experiment definition(Document d) {
        List<Variation> variations = new ArrayList<>();
        for (Document v : d.getList("variations", Document.class)) {
            variations.add(new Variation(v.getString("key"), number(v, "weight")));
        }
        Document ns = d.get("namespace", Document.class);
        String window = d.getString("attributionWindow");
        return new Experiment(
                d.getString("key"),
                variations,
                number(d, "coverage"),
                d.getString("seed"),
                (int) BsonValues.count(d, "hashVersion"),
                ns == null ? null : new Namespace(ns.getString("id"), number(ns, "start"), number(ns, "end")),
                instant(d, "start"),
                instant(d, "end"),
                window == null ? null : Duration.parse(window),
                ExperimentStatus.valueOf(d.getString("status")));
    }

    static Document exposure(Exposure x) {
        Document d = new Document("experiment", x.experiment())
                .append("customerId", x.customerId())
                .append("variation", x.variation());
        putInstant(d, "firstExposedAt", x.firstExposedAt());
        return d;
    }

    static Exposure exposure(Document d) {
        return new Exposure(
                d.getString("experiment"),
                d.getString("customerId"),
                (int) BsonValues.count(d, "variation"),
                instant(d, "firstExposedAt"));
    }

    /** An exposure's attributed orders: {@code [{orderId, v, orders, netRevenue}]}, in their order. */
    static List<Document> attributed(List<AttributedOrder> orders) {
        List<Document> out = new ArrayList<>(orders.size());
        for (AttributedOrder a : orders) {
            out.add(new Document("orderId", a.orderId())
                    .append("v", a.orderVersion())
                    .append("orders", a.orders())
                    .append("netRevenue", a.netRevenue()));
        }
        return out;
    }

    static List<AttributedOrder> attributed(Iterable<Document> documents) {
        List<AttributedOrder> out = new ArrayList<>();
        for (Document a : documents) {
            out.add(new AttributedOrder(
                    a.getString("orderId"),
                    BsonValues.count(a, "v"),
                    BsonValues.count(a, "orders"),
                    BsonValues.count(a, "netRevenue")));
        }
        return out;
    }

    /** Money sums as decimal strings: exact at any size (a sum of squares can outgrow Decimal128's 34 digits). */
    static Document snapshot(ResultsSnapshot s) {
        List<Document> totals = new ArrayList<>(s.totals().size());
        for (VariationTotals t : s.totals()) {
            totals.add(new Document("variation", t.variation())
                    .append("exposedUsers", t.exposedUsers())
                    .append("convertedUsers", t.convertedUsers())
                    .append("orders", t.orders())
                    .append("netRevenue", t.netRevenue().toPlainString())
                    .append("netRevenueSquares", t.netRevenueSquares().toPlainString()));
        }
        Document d = new Document("totals", totals).append("multipleExposureUsers", s.multipleExposureUsers());
        putInstant(d, "takenAt", s.takenAt());
        return d;
    }

    static ResultsSnapshot snapshot(Document d) {
        List<VariationTotals> totals = new ArrayList<>();
        for (Document t : d.getList("totals", Document.class)) {
            totals.add(new VariationTotals(
                    t.getString("variation"),
                    BsonValues.count(t, "exposedUsers"),
                    BsonValues.count(t, "convertedUsers"),
                    BsonValues.count(t, "orders"),
                    new BigDecimal(t.getString("netRevenue")),
                    new BigDecimal(t.getString("netRevenueSquares"))));
        }
        return new ResultsSnapshot(instant(d, "takenAt"), totals, BsonValues.count(d, "multipleExposureUsers"));
    }

    static Document flag(FeatureFlag f) {
        List<Document> rules = new ArrayList<>(f.rules().size());
        for (FlagRule r : f.rules()) {
            Document attributes = new Document();
            r.targeting().attributes().forEach((name, values) -> attributes.put(name, sorted(values)));
            rules.add(new Document("type", r.type().name())
                    .append(
                            "targeting",
                            new Document("include", sorted(r.targeting().includeCustomers()))
                                    .append("exclude", sorted(r.targeting().excludeCustomers()))
                                    .append("attributes", attributes))
                    .append("value", r.value())
                    .append("coverage", r.coverage())
                    .append("seed", r.seed())
                    .append("hashVersion", r.hashVersion())
                    .append("experiment", r.experiment()));
        }
        return new Document("key", f.key())
                .append("enabled", f.enabled())
                .append("defaultValue", f.defaultValue())
                .append("rules", rules);
    }

    static FeatureFlag flag(Document d) {
        List<FlagRule> rules = new ArrayList<>();
        for (Document r : d.getList("rules", Document.class, List.of())) {
            Document t = r.get("targeting", Document.class);
            Map<String, Set<String>> attributes = new LinkedHashMap<>();
            Document a = t.get("attributes", Document.class);
            if (a != null) {
                a.keySet().forEach(name -> attributes.put(name, Set.copyOf(a.getList(name, String.class))));
            }
            Targeting targeting = new Targeting(
                    Set.copyOf(t.getList("include", String.class, List.of())),
                    Set.copyOf(t.getList("exclude", String.class, List.of())),
                    attributes);
            rules.add(new FlagRule(
                    RuleType.valueOf(r.getString("type")),
                    targeting,
                    r.getString("value"),
                    number(r, "coverage"),
                    r.getString("seed"),
                    (int) BsonValues.count(r, "hashVersion"),
                    r.getString("experiment")));
        }
        return new FeatureFlag(d.getString("key"), d.getBoolean("enabled", false), d.getString("defaultValue"), rules);
    }

    private static List<String> sorted(Set<String> values) {
        List<String> out = new ArrayList<>(values);
        out.sort(null);
        return out;
    }

    private static double number(Document d, String field) {
        Object v = d.get(field);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
