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
        if (name == null || name.isBlank()) {
            name = productId;
        }
        // the checks run without the " for product ..." context, which is built only for a message
        try {
            Checks.name(name, "name", "");
            Checks.id(category, "category", "");
            if (quantity <= 0) {
                throw new InvalidEventException("quantity must be positive, got " + quantity);
            }
            Checks.notNull(unitPrice, "unitPrice", "");
            if (unitPrice.signum() < 0) {
                throw new InvalidEventException("unitPrice must not be negative, got " + unitPrice.toPlainString());
            }
        } catch (InvalidEventException e) {
            throw new InvalidEventException(e.getMessage() + forProduct(productId));
        }
        try {
            MoneyUnits.of(unitPrice, "unitPrice");
        } catch (InvalidEventException e) {
            // MoneyUnits' messages start with the name they are given: the context goes right after it
            String tail = e.getMessage().substring("unitPrice".length());
            throw new InvalidEventException("unitPrice" + forProduct(productId) + tail);
        }
    }

    private static String forProduct(String productId) {
        return " for product " + Checks.quote(productId);
    }

    public static LineItem of(String productId, String name, String category, int quantity, String unitPrice) {
        return new LineItem(productId, name, category, quantity, new BigDecimal(unitPrice));
    }

    /** quantity × unitPrice, exact. */
    public BigDecimal amount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
