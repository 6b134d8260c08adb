package io.orderlens.analytics.cohort;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One cohort in one period after its acquisition.
 *
 * @param offset               periods since the cohort's own (0 = the period of the first counted orders)
 * @param start                first day of that period
 * @param activeCustomers      cohort customers with at least one counted order placed in that period
 * @param retention            {@code activeCustomers / cohort size}, a fraction rounded half-even to 4 decimals
 * @param netRevenue           the cohort's counted orders placed in that period, net of their refunds (standalone
 *                             refunds on their refund day)
 * @param cumulativeNetRevenue {@code netRevenue} summed over offsets 0..{@code offset}
 */
public record CohortCell(
        int offset,
        LocalDate start,
        long activeCustomers,
        BigDecimal retention,
        BigDecimal netRevenue,
        BigDecimal cumulativeNetRevenue) {}
