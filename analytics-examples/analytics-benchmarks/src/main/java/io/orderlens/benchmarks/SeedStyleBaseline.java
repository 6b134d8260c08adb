package io.orderlens.benchmarks;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.orderlens.analytics.model.EventType;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The comparison point for the MongoDB store: analytics written the way typical "after the order is saved" code does
 * it, with the raw driver and no batching. Per order, for each line item: find the product document, change its
 * fields in Java, save it back ({@code replaceOne} with upsert); then the same for the customer. A standalone refund
 * walks its lines and its customer the same way with negative amounts. Money stays exact ({@code long} units), so the
 * comparison is about round trips, not number types. Not thread-safe.
 */
final class SeedStyleBaseline {
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> products;
    private final MongoCollection<Document> customers;

    SeedStyleBaseline(MongoDatabase db) {
        this.products = db.getCollection("seed_products");
        this.customers = db.getCollection("seed_customers");
    }

    /**
     * Replays {@code events} in order, stopping after the event during which {@code budgetNanos} ran out.
     *
     * @return how many events were replayed
     */
    int replay(List<OrderEvent> events, long budgetNanos) {
        long started = System.nanoTime();
        int done = 0;
        for (OrderEvent e : events) {
            if (System.nanoTime() - started >= budgetNanos) {
                break;
            }
            if (e.type() == EventType.REFUNDED) {
                refund(e.refund());
            } else if (e.order() != null) {
                order(e.order());
            }
            done++;
        }
        return done;
    }

    private void order(Order order) {
        long total = 0;
        for (LineItem line : order.lines()) {
            long amount = MoneyUnits.times(MoneyUnits.of(line.unitPrice(), "unitPrice"), line.quantity());
            total += amount;
            Document p = load(products, line.productId(), "unitsSold", "revenueUnits");
            p.put("name", line.name());
            p.put("category", line.category());
            p.put("unitsSold", p.getLong("unitsSold") + line.quantity());
            p.put("revenueUnits", p.getLong("revenueUnits") + amount);
            products.replaceOne(eq("_id", line.productId()), p, UPSERT);
        }
        Document c = load(customers, order.customerId(), "totalOrders", "totalSpentUnits");
        c.put("totalOrders", c.getLong("totalOrders") + 1);
        c.put("totalSpentUnits", c.getLong("totalSpentUnits") + total);
        c.put("lastOrderAt", Date.from(order.placedAt()));
        customers.replaceOne(eq("_id", order.customerId()), c, UPSERT);
    }

    private void refund(Refund refund) {
        long total = 0;
        for (RefundLine line : refund.lines()) {
            long amount = MoneyUnits.of(line.amount(), "amount");
            total += amount;
            Document p = load(products, line.productId(), "unitsSold", "revenueUnits");
            p.put("unitsSold", p.getLong("unitsSold") - line.quantity());
            p.put("revenueUnits", p.getLong("revenueUnits") - amount);
            products.replaceOne(eq("_id", line.productId()), p, UPSERT);
        }
        Document c = load(customers, refund.customerId(), "totalOrders", "totalSpentUnits");
        c.put("totalSpentUnits", c.getLong("totalSpentUnits") - total);
        customers.replaceOne(eq("_id", refund.customerId()), c, UPSERT);
    }

    /** The stored document, or a new one with {@code counters} at zero. */
    private static Document load(MongoCollection<Document> collection, String id, String... counters) {
        Document d = collection.find(eq("_id", id)).first();
        if (d != null) {
            return d;
        }
        d = new Document("_id", id);
        for (String counter : counters) {
            d.append(counter, 0L);
        }
        return d;
    }
}
