package io.orderlens.analytics.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A refund as the ledger keeps it: resolved against its order (amounts and categories filled in), with its business
 * day fixed when it was recorded, so its effect can be recomputed exactly at any time.
 *
 * @param amount total money returned, in {@link io.orderlens.analytics.model.MoneyUnits}
 * @param full   true for a full refund: the order stops counting as an order
 * @param lines  units and money returned per product (may be empty for an amount-only refund)
 */
public record RecordedRefund(
        String refundId,
        Instant at,
        LocalDate day,
        long amount,
        boolean full,
        String customerId,
        String country,
        List<Line> lines) {

    public RecordedRefund {
        lines = List.copyOf(lines);
    }

    /** One product's returned units and money. {@code category} may be null for standalone refunds. */
    public record Line(String productId, String category, long quantity, long amount) {}
}
