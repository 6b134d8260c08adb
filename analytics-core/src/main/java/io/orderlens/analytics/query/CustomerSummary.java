package io.orderlens.analytics.query;

import io.orderlens.analytics.calc.CustomerTier;
import java.math.BigDecimal;

/** A row of the top-customers list. */
public record CustomerSummary(
        String customerId, long totalOrders, BigDecimal totalSpent, BigDecimal averageOrderValue, CustomerTier tier) {}
