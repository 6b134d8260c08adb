package io.orderlens.analytics.query;

import java.math.BigDecimal;
import java.time.Instant;

/** A product's sales, net of refunds, with its rating tier. */
public record ProductStats(
        String productId,
        String name,
        String category,
        long unitsSold,
        BigDecimal revenue,
        long orders,
        BigDecimal rating,
        Instant firstSoldAt,
        Instant lastSoldAt) {}
