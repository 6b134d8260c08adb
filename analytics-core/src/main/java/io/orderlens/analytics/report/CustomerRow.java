package io.orderlens.analytics.report;

import io.orderlens.analytics.calc.CustomerTier;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A row of the customer list: a customer's counted orders, net spend and items, average order value (2 decimals,
 * half-up), tier, and first and last counted order.
 */
public record CustomerRow(
        String customerId,
        long orders,
        BigDecimal spent,
        BigDecimal averageOrderValue,
        long items,
        CustomerTier tier,
        Instant firstOrderAt,
        Instant lastOrderAt,
        Instant accountCreatedAt) {}
