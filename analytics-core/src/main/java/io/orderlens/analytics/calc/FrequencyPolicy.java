package io.orderlens.analytics.calc;

import java.time.Duration;

/** A customer's order-frequency class from counted orders and account age. Pure, thread-safe, replaceable. */
@FunctionalInterface
public interface FrequencyPolicy {

    /**
     * @param orders     counted orders
     * @param accountAge time from account creation (or first order, if unknown) to now; never negative
     */
    OrderFrequency classify(long orders, Duration accountAge);

    /**
     * The seed rule: orders per month of account age, a month being 30 days and an account younger than a month
     * counting as one month; below 2 → OCCASIONAL, below 8 → REGULAR, else FREQUENT. Computed in exact integers.
     */
    static FrequencyPolicy perMonth() {
        return perMonth(2, 8);
    }

    /** Same rule with other bounds (orders per 30 days): below {@code regularFrom} occasional, etc. */
    static FrequencyPolicy perMonth(long regularFrom, long frequentFrom) {
        if (regularFrom <= 0 || frequentFrom <= regularFrom) {
            throw new IllegalArgumentException(
                    "need 0 < regularFrom < frequentFrom, got " + regularFrom + " and " + frequentFrom);
        }
        return (orders, age) -> {
            long days = Math.max(30, age.toDays());
            // orders / (days / 30) < bound  <=>  orders * 30 < bound * days
            long scaled = orders * 30;
            if (scaled < regularFrom * days) {
                return OrderFrequency.OCCASIONAL;
            }
            return scaled < frequentFrom * days ? OrderFrequency.REGULAR : OrderFrequency.FREQUENT;
        };
    }
}
