package io.orderlens.analytics.experiment;

import java.time.Instant;

/**
 * One customer's exposure to one experiment, as the ledger keeps it (key {@link #ledgerKey}): the variation of the
 * first recorded exposure and its time, or {@link #MULTIPLE} once the customer was also exposed to another
 * variation (such a customer is excluded from the results). Immutable.
 *
 * @param experiment experiment key
 * @param customerId customer id
 * @param variation index of the variation, or {@link #MULTIPLE}
 * @param firstExposedAt time of the first recorded exposure
 */
public record Exposure(String experiment, String customerId, int variation, Instant firstExposedAt) {
    /** The variation of a customer exposed to two or more variations. */
    public static final int MULTIPLE = -1;

    /** What recording one more exposure did. */
    public enum Outcome {
        /** The customer's first exposure: counted in its variation. */
        FIRST,
        /** The customer was already exposed to this variation (or already counted as multiple): no change. */
        DUPLICATE,
        /** The customer was exposed to another variation before: now excluded as a multiple-exposure customer. */
        MULTIPLE
    }

    public Exposure {
        if (experiment == null || customerId == null || firstExposedAt == null || variation < MULTIPLE) {
            throw new InvalidExperimentException("incomplete exposure: experiment " + experiment + ", customer "
                    + customerId + ", variation " + variation + ", at " + firstExposedAt);
        }
    }

    /** The ledger key of a customer's exposure to an experiment: {@code x:<length of key>:<key>|<customerId>}. */
    public static String ledgerKey(String experiment, String customerId) {
        return "x:" + experiment.length() + ":" + experiment + "|" + customerId;
    }

    /** The ledger key of this exposure. */
    public String ledgerKey() {
        return ledgerKey(experiment, customerId);
    }

    /**
     * The state after one more exposure to {@code variationIndex} at {@code at}, given the stored state
     * {@code before} (null: none yet). The first recorded exposure wins; a different variation later makes the
     * customer {@link #MULTIPLE}.
     */
    public static Exposure next(Exposure before, String experiment, String customerId, int variationIndex, Instant at) {
        if (before == null) {
            return new Exposure(experiment, customerId, variationIndex, at);
        }
        if (before.variation == MULTIPLE || before.variation == variationIndex) {
            return before;
        }
        return new Exposure(experiment, customerId, MULTIPLE, before.firstExposedAt);
    }

    /** What moving from {@code before} to {@code after} was. */
    public static Outcome outcome(Exposure before, Exposure after) {
        if (before == null) {
            return Outcome.FIRST;
        }
        return before.equals(after) ? Outcome.DUPLICATE : Outcome.MULTIPLE;
    }
}
