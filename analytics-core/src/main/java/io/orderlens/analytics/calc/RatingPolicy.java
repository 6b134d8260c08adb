package io.orderlens.analytics.calc;

import java.math.BigDecimal;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A product's rating tier from its net units sold. Replaceable with a lambda; must be pure and thread-safe. A policy
 * that throws or returns null is contained: the preset answer is used and the failure reported.
 */
@FunctionalInterface
public interface RatingPolicy {

    /** The rating for {@code unitsSold} (negative values, possible after standalone refunds, count as 0). */
    BigDecimal rating(long unitsSold);

    /** The first published table, the default: 0–9 → 4.0, 10–49 → 4.2, 50–99 → 4.5, 100+ → 4.8. */
    static RatingPolicy fourTier() {
        return thresholds(Map.of(0L, "4.0", 10L, "4.2", 50L, "4.5", 100L, "4.8"));
    }

    /** The second published table: &lt;10 → 4.0, ≥10 → 4.2, ≥50 → 4.5, ≥100 → 4.7, ≥200 → 5.0. */
    static RatingPolicy fiveTier() {
        return thresholds(Map.of(0L, "4.0", 10L, "4.2", 50L, "4.5", 100L, "4.7", 200L, "5.0"));
    }

    /**
     * A step table: each key is the lowest units count of a tier, each value its rating. Must contain 0.
     *
     * @throws IllegalArgumentException if 0 is missing, a threshold is negative or a rating is not a number
     */
    static RatingPolicy thresholds(Map<Long, String> lowestUnitsToRating) {
        NavigableMap<Long, BigDecimal> table = new TreeMap<>();
        lowestUnitsToRating.forEach((units, rating) -> {
            if (units < 0) {
                throw new IllegalArgumentException("rating thresholds must not be negative, got " + units);
            }
            try {
                table.put(units, new BigDecimal(rating));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rating must be a decimal number, got '" + rating + "'", e);
            }
        });
        if (!table.containsKey(0L)) {
            throw new IllegalArgumentException("a rating table needs a tier starting at 0 units, got " + table);
        }
        NavigableMap<Long, BigDecimal> frozen = java.util.Collections.unmodifiableNavigableMap(table);
        return units -> frozen.floorEntry(Math.max(0, units)).getValue();
    }
}
