package io.orderlens.analytics.clv;

import java.math.BigDecimal;

/**
 * One customer's purchase history as the models read it (the "(x, t_x, T)" of Fader, Hardie and Lee, and the mean
 * repeat value "z̄"). Time is in weeks of 7 days; a purchase is a business day with at least one counted order, so
 * several orders of one day are one purchase. Immutable.
 *
 * @param repeatPurchases x: purchase days after the first one, up to the as-of day
 * @param recency         t_x: weeks from the first purchase day to the last one (0 when x = 0)
 * @param age             T: weeks from the first purchase day to the as-of day
 * @param meanRepeatValue z̄: the mean value of the repeat purchase days (0 when x = 0); a purchase day's value is
 *                        the net value of that day's orders
 */
public record PurchaseSummary(long repeatPurchases, double recency, double age, BigDecimal meanRepeatValue) {
    public PurchaseSummary {
        if (repeatPurchases < 0) {
            throw new IllegalArgumentException("repeat purchases must not be negative, got " + repeatPurchases);
        }
        if (!(age >= 0) || !Double.isFinite(age)) {
            throw new IllegalArgumentException("age must be a finite number of weeks ≥ 0, got " + age);
        }
        if (!(recency >= 0) || recency > age) {
            throw new IllegalArgumentException(
                    "recency must be between 0 and the age (" + age + " weeks), got " + recency);
        }
        if (repeatPurchases == 0 && recency != 0) {
            throw new IllegalArgumentException("recency must be 0 without repeat purchases, got " + recency);
        }
        if (meanRepeatValue == null) {
            throw new IllegalArgumentException("mean repeat value must not be null (0 without repeat purchases)");
        }
    }
}
