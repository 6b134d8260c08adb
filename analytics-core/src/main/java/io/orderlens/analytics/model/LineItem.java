package io.orderlens.analytics.model;

import io.orderlens.analytics.InvalidEventException;
import java.math.BigDecimal;

/**
 * One line of an order.
 *
 * @param productId required; a well-formed id (see {@link Order})
 * @param name      display name of at most 500 characters, kept exactly; defaults to the product id when null or
 *                  blank
 * @param category  required; a well-formed id
 * @param quantity  positive
 * @param unitPrice zero or positive, at most 4 decimal places, in the order's currency
 */
public record LineItem(String productId, String name, String category, int quantity, BigDecimal unitPrice) {
    public LineItem {
        Checks.id(productId, "productId", "");
        String ctx = " for product " + Checks.quote(productId);
        if (name == null || name.isBlank()) {
            name = productId;
        }
        Checks.name(name, "name", ctx);
        Checks.id(category, "category", ctx);
        if (quantity <= 0) {
            throw new InvalidEventException("quantity must be positive, got " + quantity + ctx);
        }
        Checks.notNull(unitPrice, "unitPrice", ctx);
        if (unitPrice.signum() < 0) {
            throw new InvalidEventException("unitPrice must not be negative, got " + unitPrice.toPlainString() + ctx);
        }
        MoneyUnits.of(unitPrice, "unitPrice" + ctx);
    }

    public static LineItem of(String productId, String name, String category, int quantity, String unitPrice) {
        return new LineItem(productId, name, category, quantity, new BigDecimal(unitPrice));
    }

    /** quantity × unitPrice, exact. */
    public BigDecimal amount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
