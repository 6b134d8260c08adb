package io.orderlens.analytics.testing;

import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Terse builders for orders in tests. */
public final class Orders {
    private Orders() {}

    public static LineItem line(String productId, String category, int quantity, String unitPrice) {
        return new LineItem(productId, productId + " name", category, quantity, new BigDecimal(unitPrice));
    }

    public static Order order(String orderId, String customerId, Instant placedAt, LineItem... lines) {
        return new Order(orderId, Customer.of(customerId), placedAt, List.of(lines), "IN");
    }

    public static Order order(String orderId, String customerId, Instant placedAt, String country, LineItem... lines) {
        return new Order(orderId, Customer.of(customerId), placedAt, List.of(lines), country);
    }

    public static Order order(String orderId, Customer customer, Instant placedAt, LineItem... lines) {
        return new Order(orderId, customer, placedAt, List.of(lines), "IN");
    }

    /**
     * A placed one-line order: {@code quantity} units of {@code productId} at {@code unitPrice}, in one of three
     * categories ({@code cat-0} to {@code cat-2}) fixed by the product id, shipped to {@code IN}.
     */
    public static OrderEvent placed(
            String orderId, String customerId, String productId, int quantity, String unitPrice, Instant at) {
        String category = "cat-" + Math.floorMod(productId.hashCode(), 3);
        return OrderEvent.placed(order(orderId, customerId, at, line(productId, category, quantity, unitPrice)));
    }

    public static Customer customer(String id, Instant createdAt, ZoneId zone) {
        return new Customer(id, createdAt, zone);
    }

    public static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
