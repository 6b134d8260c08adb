package io.orderlens.analytics.query;

import java.math.BigDecimal;
import java.time.Instant;

/** One of a customer's most-ordered items: net units and spend, counted orders, last ordered. */
public record ItemStat(
        String productId,
        String name,
        String category,
        long units,
        BigDecimal spend,
        long orders,
        Instant lastOrderedAt) {}
