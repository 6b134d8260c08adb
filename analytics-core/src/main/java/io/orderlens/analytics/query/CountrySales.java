package io.orderlens.analytics.query;

import java.math.BigDecimal;

/** Sales of one country over a range: counted orders and gross by order day, refunds by refund day. */
public record CountrySales(
        String country,
        long orders,
        BigDecimal grossRevenue,
        long refunds,
        BigDecimal refundedAmount,
        BigDecimal netRevenue) {}
