package io.orderlens.analytics.mongo;

import static io.orderlens.analytics.mongo.BsonValues.day;
import static io.orderlens.analytics.mongo.BsonValues.documents;
import static io.orderlens.analytics.mongo.BsonValues.instant;
import static io.orderlens.analytics.mongo.BsonValues.putInstant;

import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.RecordedRefund;
import io.orderlens.analytics.spi.StageTimes;
import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;

/**
 * Ledger entries as documents (the shapes are documented in the module README). An entry is stored as
 * {@code {_id, v, body, batches, compactedBy?}}: the fields that filters and updates use at the top level, and its
 * content ({@link #content}: the order with its lines, refunds, stages, experiment payloads, …) as one BSON document
 * encoded once by the driver's codec into the binary {@code body}, which a server stores, copies and returns as one
 * byte array. Documents of the previous shape, with the content's fields at the top level, are read alike; an update
 * of one written by {@link #previousShapeRemoval} removes them. Decoding gives back an entry equal to the one
 * encoded: prices keep their scale, instants their nanoseconds. Stateless and thread-safe.
 */
final class LedgerDocuments {
    static final String ID = "_id";
    static final String VERSION = "v";
    /** The entry's content, a BSON document as a binary value (opaque to the server). */
    static final String BODY = "body";
    /** Ids of the last batches that changed the entry (bounded), used to tell a batch's winners. */
    static final String BATCHES = "batches";
    /**
     * The id of the compaction part that claimed the entry (moved it to a negative version), used to tell a
     * compaction part's winners; an entry whose version is positive carries no claim, whatever this field says.
     */
    static final String COMPACTED_BY = "compactedBy";

    /** The top-level fields of a document of the previous shape: the content's fields, which {@link #BODY} holds now. */
    private static final List<String> PREVIOUS_SHAPE_FIELDS = List.of(
            "orderId",
            "order",
            "orderDay",
            "orderHour",
            "furthest",
            "paid",
            "canceled",
            "counted",
            "everCounted",
            "refunds",
            "updatedAt",
            "updatedAt" + BsonValues.NANOS,
            "linkedKeys",
            "experiment",
            "exposure",
            "flag",
            "stages",
            "frozenResults",
            "flagTally",
            "attributed");

    private static final DocumentCodec CODEC = new DocumentCodec();

    private LedgerDocuments() {}

    /** What a write of {@code e} sets: {@code {v, body}}. */
    static Document fields(LedgerEntry e) {
        return new Document(VERSION, e.version()).append(BODY, body(e));
    }

    /** The stored document of {@code e}, {@code _id} included (batch ids excluded). */
    static Document document(LedgerEntry e) {
        return new Document(ID, e.key()).append(VERSION, e.version()).append(BODY, body(e));
    }

    /**
     * An {@code $unset} of every field of the previous shape, for an update that may meet a document of that shape:
     * the {@code $set} of {@link #fields} replaces its content, and this removes the copy at the top level.
     */
    static Document previousShapeRemoval() {
        Document unset = new Document();
        for (String field : PREVIOUS_SHAPE_FIELDS) {
            unset.put(field, "");
        }
        return unset;
    }

    /** Whether {@code d}, read whole (no projection of its content), is of the previous shape: it has no body. */
    static boolean isPreviousShape(Document d) {
        return !d.containsKey(BODY);
    }

    /** The binary {@code body} of {@code e}: its {@link #content} as one BSON document. */
    static Binary body(LedgerEntry e) {
        ByteBuffer bytes =
                new RawBsonDocument(content(e), CODEC).getByteBuffer().asNIO();
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return new Binary(out);
    }

    /** Every field of {@code e} except {@code _id}, its version and the guard fields: what its body holds. */
    static Document content(LedgerEntry e) {
        Document d = new Document();
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
            d.put("attributed", ExperimentDocuments.attributed(e.attributed()));
        }
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

    /**
     * The entry stored in {@code d}, of either shape.
     *
     * @throws StoreException if its body is not a BSON document
     */
    static LedgerEntry entry(Document stored) {
        Document d = stored.get(BODY) instanceof Binary body ? content(stored, body) : stored;
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
                stored.getString(ID),
                version(stored),
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

    private static Document content(Document stored, Binary body) {
        byte[] data = body.getData();
        try {
            return new RawBsonDocument(data).decode(CODEC);
        } catch (org.bson.BSONException | IllegalArgumentException e) {
            throw new StoreException("MongoDB store cannot read ledger entry \"" + stored.get(ID)
                    + "\": its body is not a BSON document (" + e.getMessage() + ")");
        }
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
