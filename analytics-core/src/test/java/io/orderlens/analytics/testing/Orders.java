package io.orderlens.analytics.testing;

import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
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

    public static Order order(String orderId, String customerId, Instant placedAt, String country,
            LineItem... lines) {
        return new Order(orderId, Customer.of(customerId), placedAt, List.of(lines), country);
    }

    public static Order order(String orderId, Customer customer, Instant placedAt, LineItem... lines) {
        return new Order(orderId, customer, placedAt, List.of(lines), "IN");
    }

    public static Customer customer(String id, Instant createdAt, ZoneId zone) {
        return new Customer(id, createdAt, zone);
    }

    public static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
