package io.orderlens.analytics.model;

import io.orderlens.analytics.InvalidEventException;
import java.math.BigDecimal;

/**
 * Part of a refund that returns units of one product.
 *
 * @param productId required
 * @param quantity  units returned, positive
 * @param amount    money returned for these units; null means quantity × the order line's unit price (only for refunds
 *                  of a recorded order; a standalone refund must give it)
 * @param category  the product's category for standalone refunds; ignored for refunds of a recorded order, whose
 *                  lines say it; null for a standalone refund leaves category aggregates untouched
 */
public record RefundLine(String productId, int quantity, BigDecimal amount, String category) {
    public RefundLine {
        // the checks build no message unless one fails: this runs for every refund line recorded
        Checks.id(productId, "productId", " in refund line");
        if (quantity <= 0) {
            throw new InvalidEventException("refund quantity must be positive, got " + quantity + ctx(productId));
        }
        if (amount != null) {
            if (amount.signum() < 0) {
                throw new InvalidEventException(
                        "refund amount must not be negative, got " + amount.toPlainString() + ctx(productId));
            }
            if (!MoneyUnits.isExact(amount)) {
                MoneyUnits.of(amount, "refund amount" + ctx(productId));
            }
        }
        if (category != null && category.isBlank()) {
            category = null;
        }
        if (category != null && Checks.idProblem(category, Checks.MAX_ID_LENGTH) != null) {
            Checks.id(category, "category", ctx(productId));
        }
    }

    private static String ctx(String productId) {
        return " for product " + Checks.quote(productId) + " in refund";
    }

    /** Units of a product returned at their original price. */
    public static RefundLine of(String productId, int quantity) {
        return new RefundLine(productId, quantity, null, null);
    }
}
