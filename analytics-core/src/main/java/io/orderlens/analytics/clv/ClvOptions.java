package io.orderlens.analytics.clv;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How lifetime values are computed and how long a fitted model is reused. Immutable; {@link #defaults()} and the
 * {@code with…} methods check every value.
 *
 * @param horizonMonths          months of the predictive value: the value of the purchases expected in the next
 *                               {@code horizonMonths} months (of 365.25/12 days), 1..600
 * @param monthlyDiscountRate    discount rate per month, 0 ≤ d &lt; 1: month i's value is divided by (1+d)^i
 * @param expectedLifetimeMonths the expected lifetime of the historic estimate, 1..1,200 months
 * @param modelMaxAge            how long a model fitted as of a day is reused before it is fitted again; zero fits
 *                               on every call
 * @param refitEvery             if positive, the instance refits the model as of today (business zone) on a
 *                               background thread at this interval, so queries find it fitted; zero: on demand only
 */
public record ClvOptions(
        int horizonMonths,
        BigDecimal monthlyDiscountRate,
        int expectedLifetimeMonths,
        Duration modelMaxAge,
        Duration refitEvery) {

    public ClvOptions {
        if (horizonMonths < 1 || horizonMonths > 600) {
            throw new IllegalArgumentException("horizonMonths must be in 1..600, got " + horizonMonths);
        }
        if (monthlyDiscountRate == null
                || monthlyDiscountRate.signum() < 0
                || monthlyDiscountRate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("monthlyDiscountRate must be in [0, 1), got " + monthlyDiscountRate);
        }
        if (expectedLifetimeMonths < 1 || expectedLifetimeMonths > 1_200) {
            throw new IllegalArgumentException(
                    "expectedLifetimeMonths must be in 1..1200, got " + expectedLifetimeMonths);
        }
        if (modelMaxAge == null || modelMaxAge.isNegative()) {
            throw new IllegalArgumentException("modelMaxAge must be zero or positive, got " + modelMaxAge);
        }
        if (refitEvery == null || refitEvery.isNegative()) {
            throw new IllegalArgumentException("refitEvery must be zero (off) or positive, got " + refitEvery);
        }
    }

    /** 12 months, 1 % a month, a 36-month expected lifetime, models reused for 1 hour, no scheduled refit. */
    public static ClvOptions defaults() {
        return new ClvOptions(12, new BigDecimal("0.01"), 36, Duration.ofHours(1), Duration.ZERO);
    }

    public ClvOptions withHorizonMonths(int months) {
        return new ClvOptions(months, monthlyDiscountRate, expectedLifetimeMonths, modelMaxAge, refitEvery);
    }

    public ClvOptions withMonthlyDiscountRate(BigDecimal rate) {
        return new ClvOptions(horizonMonths, rate, expectedLifetimeMonths, modelMaxAge, refitEvery);
    }

    public ClvOptions withExpectedLifetimeMonths(int months) {
        return new ClvOptions(horizonMonths, monthlyDiscountRate, months, modelMaxAge, refitEvery);
    }

    public ClvOptions withModelMaxAge(Duration maxAge) {
        return new ClvOptions(horizonMonths, monthlyDiscountRate, expectedLifetimeMonths, maxAge, refitEvery);
    }

    public ClvOptions withRefitEvery(Duration interval) {
        return new ClvOptions(horizonMonths, monthlyDiscountRate, expectedLifetimeMonths, modelMaxAge, interval);
    }
}
