package io.orderlens.analytics.mongo;

import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A reproducible stream of valid events over shared products, customers, countries and days: placements,
 * deliveries, cancellations, full/line/amount refunds and duplicated events. Prices have up to three decimals and
 * instants carry sub-millisecond digits, so exactness is exercised on every path.
 */
final class EventStream {
    static final Instant START = Instant.parse("2026-03-28T18:15:00.123456789Z");
    private static final String[] COUNTRIES = {"DE", "FR", "IN", "GB"};
    private static final String[] PRICES = {"0.001", "2.50", "12.995", "99.9", "1250"};

    private EventStream() {}

    /** {@code orders} orders' events, in a plausible arrival order. */
    static List<OrderEvent> events(long seed, int orders) {
        Random rnd = new Random(seed);
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Order order = order(rnd, "o-" + seed + "-" + i, i);
            Instant at = order.placedAt();
            events.add(OrderEvent.placed(order));
            int fate = rnd.nextInt(10);
            if (fate == 0) {
                events.add(OrderEvent.canceled(order.orderId(), at.plusSeconds(60)));
                continue;
            }
            if (fate == 1) {
                continue; // never delivered: counts only in the day's status mix
            }
            Instant delivered = at.plusSeconds(1800);
            events.add(OrderEvent.delivered(order.orderId(), delivered));
            if (rnd.nextInt(8) == 0) {
                events.add(OrderEvent.delivered(order.orderId(), delivered)); // duplicate
            }
            Instant refundAt = delivered.plus(Duration.ofHours(30));
            switch (rnd.nextInt(12)) {
                case 0 ->
                    events.add(OrderEvent.refunded(Refund.full("rf-" + order.orderId(), order.orderId(), refundAt)));
                case 1 ->
                    events.add(OrderEvent.refunded(Refund.ofLines(
                            "rl-" + order.orderId(),
                            order.orderId(),
                            refundAt,
                            List.of(RefundLine.of(order.lines().get(0).productId(), 1)))));
                case 2 ->
                    events.add(OrderEvent.refunded(Refund.ofAmount(
                            "ra-" + order.orderId(), order.orderId(), refundAt, new BigDecimal("0.001"))));
                case 3 -> events.add(OrderEvent.canceled(order.orderId(), refundAt)); // reversal after counting
                default -> {}
            }
        }
        return events;
    }

    /** Events cut into batches of 1 to {@code maxBatch} events. */
    static List<List<OrderEvent>> batches(List<OrderEvent> events, long seed, int maxBatch) {
        Random rnd = new Random(seed);
        List<List<OrderEvent>> out = new ArrayList<>();
        for (int i = 0; i < events.size(); ) {
            int n = Math.min(events.size() - i, 1 + rnd.nextInt(maxBatch));
            out.add(List.copyOf(events.subList(i, i + n)));
            i += n;
        }
        return out;
    }

    private static Order order(Random rnd, String id, int i) {
        int lines = 1 + rnd.nextInt(3);
        List<LineItem> items = new ArrayList<>();
        for (int l = 0; l < lines; l++) {
            int p = rnd.nextInt(15);
            items.add(new LineItem(
                    "p-" + p,
                    "Product " + p,
                    "cat-" + (p % 5),
                    1 + rnd.nextInt(4),
                    new BigDecimal(PRICES[p % PRICES.length])));
        }
        int c = rnd.nextInt(30);
        Customer customer = c % 3 == 0
                ? new Customer("c-" + c, START.minus(Duration.ofDays(40 + c)), ZoneId.of("America/New_York"))
                : Customer.of("c-" + c);
        Instant placedAt = START.plus(Duration.ofMinutes(37L * i)).plusNanos(rnd.nextInt(1_000_000));
        return new Order(id, customer, placedAt, items, COUNTRIES[rnd.nextInt(COUNTRIES.length)]);
    }
}
