package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.BsonValues.day;
import static io.orderlens.analytics.mongo.BsonValues.documents;
import static io.orderlens.analytics.mongo.BsonValues.instant;
import static io.orderlens.analytics.mongo.BsonValues.putInstant;

import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.RecordedRefund;
import io.orderlens.analytics.spi.StageTimes;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.bson.Document;

/**
 * Ledger entries as plain documents (the shape is documented in the module README). Decoding gives back an entry
 * equal to the one encoded: prices keep their scale, instants their nanoseconds. Stateless and thread-safe.
 */
final class LedgerDocuments {
    static final String ID = "_id";
    static final String VERSION = "v";
    /** Ids of the last batches that changed the entry (bounded), used to tell a batch's winners. */
    static final String BATCHES = "batches";
    /**
     * The id of the compaction part that claimed the entry (moved it to a negative version), used to tell a
     * compaction part's winners; an entry whose version is positive carries no claim, whatever this field says.
     */
    static final String COMPACTED_BY = "compactedBy";

    private LedgerDocuments() {}

    /** Every field of {@code e} except {@code _id} and the batch ids. */
    static Document fields(LedgerEntry e) {
        Document d = new Document();
        d.put(VERSION, e.version());
        d.put("orderId", e.orderId());
        d.put("order", e.order() == null ? null : order(e.order()));
        d.put("orderDay", day(e.orderDay()));
        d.put("orderHour", e.orderHour());
        d.put("furthest", e.furthest() == null ? null : e.furthest().name());
        d.put("paid", e.paid());
        d.put("canceled", e.canceled());
        d.put("counted", e.counted());
        d.put("everCounted", e.everCounted());
        List<Document> refunds = new ArrayList<>(e.refunds().size());
        e.refunds().forEach(r -> refunds.add(refund(r)));
        d.put("refunds", refunds);
        putInstant(d, "updatedAt", e.updatedAt());
        if (!e.linkedKeys().isEmpty()) {
            d.put("linkedKeys", e.linkedKeys());
        }
        if (e.experiment() != null) {
            d.put("experiment", ExperimentDocuments.definition(e.experiment()));
        }
        if (e.exposure() != null) {
            d.put("exposure", ExperimentDocuments.exposure(e.exposure()));
        } else if (e.key().startsWith("x:")) {
            d.put("exposure", null); // an exposure retired by an erasure: the $set clears it
        }
        if (e.flag() != null) {
            d.put("flag", ExperimentDocuments.flag(e.flag()));
        }
        if (!e.stages().isEmpty()) {
            d.put("stages", stages(e.stages()));
        }
        if (e.frozenResults() != null) {
            d.put("frozenResults", ExperimentDocuments.snapshot(e.frozenResults()));
        }
        if (e.flagTally() != null) {
            d.put("flagTally", FlagTallyDocuments.tally(e.flagTally()));
        }
        if (e.key().startsWith("x:")) {
            d.put("attributed", ExperimentDocuments.attributed(e.attributed())); // always: the $set replaces it
        }
        return d;
    }

    /** The whole entry, {@code _id} included (batch ids excluded). */
    static Document document(LedgerEntry e) {
        Document d = new Document(ID, e.key());
        d.putAll(fields(e));
        return d;
    }

    /**
     * The entry's version as readers are given it: a negative stored version is one a compaction part has claimed
     * (see {@code BatchProtocol.claimed}), given as its absolute value, which no compare-and-set matches while the
     * claim holds.
     */
    static long version(Document d) {
        return Math.abs(BsonValues.count(d, VERSION));
    }

    static LedgerEntry entry(Document d) {
        Document order = d.get("order", Document.class);
        List<RecordedRefund> refunds = new ArrayList<>();
        for (Document r : documents(d, "refunds")) {
            refunds.add(refund(r));
        }
        String furthest = d.getString("furthest");
        Document experiment = d.get("experiment", Document.class);
        Document exposure = d.get("exposure", Document.class);
        Document flag = d.get("flag", Document.class);
        Document stages = d.get("stages", Document.class);
        Document frozen = d.get("frozenResults", Document.class);
        Document flagTally = d.get("flagTally", Document.class);
        return new LedgerEntry(
                d.getString(ID),
                version(d),
                d.getString("orderId"),
                order == null ? null : order(order),
                day(d, "orderDay"),
                (int) BsonValues.count(d, "orderHour"),
                furthest == null ? null : OrderStatus.valueOf(furthest),
                d.getBoolean("paid", false),
                d.getBoolean("canceled", false),
                d.getBoolean("counted", false),
                d.getBoolean("everCounted", false),
                refunds,
                instant(d, "updatedAt"),
                d.getList("linkedKeys", String.class, List.of()),
                experiment == null ? null : ExperimentDocuments.definition(experiment),
                exposure == null ? null : ExperimentDocuments.exposure(exposure),
                flag == null ? null : ExperimentDocuments.flag(flag),
                stages == null ? StageTimes.NONE : stages(stages),
                frozen == null ? null : ExperimentDocuments.snapshot(frozen),
                flagTally == null ? null : FlagTallyDocuments.tally(flagTally),
                ExperimentDocuments.attributed(documents(d, "attributed")));
    }

    /** The reported status times: {@code {acceptedAt, assignedAt, outForDeliveryAt, deliveredAt, canceledAt}}. */
    private static Document stages(StageTimes s) {
        Document d = new Document();
        putInstant(d, "acceptedAt", s.accepted());
        putInstant(d, "assignedAt", s.assigned());
        putInstant(d, "outForDeliveryAt", s.outForDelivery());
        putInstant(d, "deliveredAt", s.delivered());
        putInstant(d, "canceledAt", s.canceled());
        return d;
    }

    private static StageTimes stages(Document d) {
        return new StageTimes(
                instant(d, "acceptedAt"),
                instant(d, "assignedAt"),
                instant(d, "outForDeliveryAt"),
                instant(d, "deliveredAt"),
                instant(d, "canceledAt"));
    }

    private static Document order(Order o) {
        Document customer = new Document("customerId", o.customer().customerId());
        putInstant(customer, "accountCreatedAt", o.customer().accountCreatedAt());
        if (o.customer().zone() != null) {
            customer.put("zone", o.customer().zone().getId());
        }
        List<Document> lines = new ArrayList<>(o.lines().size());
        for (LineItem l : o.lines()) {
            lines.add(new Document("productId", l.productId())
                    .append("name", l.name())
                    .append("category", l.category())
                    .append("quantity", l.quantity())
                    .append("unitPrice", BsonValues.decimal(l.unitPrice())));
        }
        Document d = new Document("orderId", o.orderId()).append("customer", customer);
        putInstant(d, "placedAt", o.placedAt());
        d.append("lines", lines)
                .append("currency", o.currency() == null ? null : o.currency().getCurrencyCode())
                .append("country", o.country());
        return d;
    }

    private static Order order(Document d) {
        Document c = d.get("customer", Document.class);
        String zone = c.getString("zone");
        Customer customer = new Customer(
                c.getString("customerId"), instant(c, "accountCreatedAt"), zone == null ? null : ZoneId.of(zone));
        List<LineItem> lines = new ArrayList<>();
        for (Document l : documents(d, "lines")) {
            lines.add(new LineItem(
                    l.getString("productId"),
                    l.getString("name"),
                    l.getString("category"),
                    (int) BsonValues.count(l, "quantity"),
                    BsonValues.decimal(l, "unitPrice")));
        }
        String currency = d.getString("currency");
        return new Order(
                d.getString("orderId"),
                customer,
                instant(d, "placedAt"),
                lines,
                currency == null ? null : Currency.getInstance(currency),
                d.getString("country"));
    }

    private static Document refund(RecordedRefund r) {
        Document d = new Document("refundId", r.refundId());
        putInstant(d, "at", r.at());
        List<Document> lines = new ArrayList<>(r.lines().size());
        for (RecordedRefund.Line l : r.lines()) {
            lines.add(new Document("productId", l.productId())
                    .append("category", l.category())
                    .append("quantity", l.quantity())
                    .append("amount", l.amount()));
        }
        return d.append("day", day(r.day()))
                .append("amount", r.amount())
                .append("full", r.full())
                .append("customerId", r.customerId())
                .append("country", r.country())
                .append("lines", lines);
    }

    private static RecordedRefund refund(Document d) {
        List<RecordedRefund.Line> lines = new ArrayList<>();
        for (Document l : documents(d, "lines")) {
            lines.add(new RecordedRefund.Line(
                    l.getString("productId"),
                    l.getString("category"),
                    BsonValues.count(l, "quantity"),
                    BsonValues.count(l, "amount")));
        }
        return new RecordedRefund(
                d.getString("refundId"),
                instant(d, "at"),
                day(d, "day"),
                BsonValues.count(d, "amount"),
                d.getBoolean("full", false),
                d.getString("customerId"),
                d.getString("country"),
                lines);
    }
}
