package io.orderlens.analytics.report;

import java.math.BigDecimal;
import java.time.YearMonth;

/** One country in one business-zone month: counted orders and gross by order day, refunds by refund day. */
public record MonthlyCountryRevenue(
        YearMonth month,
        String country,
        long orders,
        BigDecimal grossRevenue,
        long refunds,
        BigDecimal refundedAmount,
        BigDecimal netRevenue) {}
