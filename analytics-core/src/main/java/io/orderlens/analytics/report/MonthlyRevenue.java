package io.orderlens.analytics.report;

import io.orderlens.analytics.period.CustomerBucket;
import io.orderlens.analytics.period.PeriodBucket;
import java.util.Objects;

/**
 * One row of the monthly revenue report: a month of the monthly series and its new and returning customers.
 *
 * @param month     the month's figures, changes and year-earlier comparison ({@code Analytics.periods().series})
 * @param customers the same month's new and returning customers ({@code Analytics.periods().newAndReturning})
 */
public record MonthlyRevenue(PeriodBucket month, CustomerBucket customers) {

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the two are not of the same month
     */
    public MonthlyRevenue {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(customers, "customers");
        if (!month.start().equals(customers.start()) || !month.end().equals(customers.end())) {
            throw new IllegalArgumentException(
                    "the customers of " + customers.label() + " are not those of month " + month.label());
        }
    }
}
