package io.orderlens.analytics.calc;

import java.math.BigDecimal;

/** A customer's tier from net total spend. Pure, thread-safe, replaceable. */
@FunctionalInterface
public interface CustomerTierPolicy {

    CustomerTier tier(BigDecimal totalSpent);

    /** Default thresholds: SILVER from 1,000, GOLD from 5,000, PLATINUM from 20,000 (in the business currency). */
    static CustomerTierPolicy standard() {
        return thresholds(new BigDecimal("1000"), new BigDecimal("5000"), new BigDecimal("20000"));
    }

    /**
     * Spend at or above {@code silver} is SILVER, and so on; below it BRONZE.
     *
     * @throws IllegalArgumentException unless 0 &lt; silver &lt; gold &lt; platinum
     */
    static CustomerTierPolicy thresholds(BigDecimal silver, BigDecimal gold, BigDecimal platinum) {
        if (silver == null || gold == null || platinum == null) {
            throw new IllegalArgumentException("tier thresholds must not be null");
        }
        if (silver.signum() <= 0 || gold.compareTo(silver) <= 0 || platinum.compareTo(gold) <= 0) {
            throw new IllegalArgumentException("need 0 < silver < gold < platinum, got " + silver.toPlainString() + ", "
                    + gold.toPlainString() + ", " + platinum.toPlainString());
        }
        return spent -> {
            if (spent.compareTo(platinum) >= 0) {
                return CustomerTier.PLATINUM;
            }
            if (spent.compareTo(gold) >= 0) {
                return CustomerTier.GOLD;
            }
            return spent.compareTo(silver) >= 0 ? CustomerTier.SILVER : CustomerTier.BRONZE;
        };
    }
}
