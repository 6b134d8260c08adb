package io.orderlens.analytics.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * One business-zone month of a monthly revenue report, clipped to the report's range ({@code from}, {@code to}).
 * Gross figures are by order day, refunds by refund day.
 *
 * @param averageOrderValue grossRevenue / orders, 2 decimals half-up; 0.00 with no orders
 * @param newCustomers      customers whose first counted order fell in the month
 * @param cancellations     orders placed in the month that are now canceled
 */
public record MonthlyRevenue(
        YearMonth month,
        LocalDate from,
        LocalDate to,
        long orders,
        BigDecimal grossRevenue,
        long refunds,
        BigDecimal refundedAmount,
        BigDecimal netRevenue,
        BigDecimal averageOrderValue,
        long items,
        long newCustomers,
        long cancellations) {}
