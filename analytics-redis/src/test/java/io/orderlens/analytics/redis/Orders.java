package io.orderlens.analytics.redis;

import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Test orders. */
final class Orders {
    static final Instant T0 = Instant.parse("2024-03-10T09:15:00Z");
    static final ZoneId ZONE = ZoneId.of("Europe/London");

    private Orders() {}

    /** A placed order of {@code quantity} units of {@code productId} at {@code unitPrice}. */
    static OrderEvent placed(String orderId, String customerId, String productId, int quantity, String unitPrice,
            Instant at) {
        return OrderEvent.placed(new Order(orderId, Customer.of(customerId), at,
                List.of(LineItem.of(productId, "Product " + productId,
                        "cat-" + Math.floorMod(productId.hashCode(), 3), quantity, unitPrice)),
                "GB"));
    }
}
