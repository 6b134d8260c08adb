package io.orderlens.analytics.segment;

/**
 * What a {@link Rule} does: combine rules ({@link #AND}, {@link #OR}, {@link #NOT}) or compare a customer field with
 * values. Comparisons of a field the customer has no value for (e.g. no preferred time of day) are false.
 */
public enum Operator {
    /** Every sub-rule holds (one or more). */
    AND,
    /** At least one sub-rule holds (one or more). */
    OR,
    /** The one sub-rule does not hold. */
    NOT,
    /** Equal to the one value; for PRODUCT and CATEGORY: bought it. */
    EQ,
    /** Not equal to the one value; for PRODUCT and CATEGORY: never bought it. */
    NE,
    LT,
    LE,
    GT,
    GE,
    /** Within the two values, both inclusive (first &le; second). */
    BETWEEN,
    /** Equal to one of the values (one or more); for PRODUCT and CATEGORY: bought at least one of them. */
    IN,
    /**
     * Dates only: within the last N days of the as-of day, the as-of day included ({@code asOf - N < date <= asOf});
     * the one value is N, a whole number of at least 1.
     */
    WITHIN_LAST_DAYS,
    /** Dates only: strictly before the one date. */
    BEFORE,
    /** Dates only: strictly after the one date. */
    AFTER;

    /** Whether this operator combines rules rather than comparing a field. */
    public boolean logical() {
        return this == AND || this == OR || this == NOT;
    }
}
