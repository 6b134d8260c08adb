package io.orderlens.analytics.experiment;

import java.time.Instant;

/**
 * A host's report that a customer saw a variation of an experiment.
 *
 * @param experiment experiment key
 * @param customerId the customer (the hash attribute)
 * @param variation variation key
 * @param at when the customer saw it
 */
public record ExposureEvent(String experiment, String customerId, String variation, Instant at) {
    public ExposureEvent {
        if (experiment == null || experiment.isBlank()) {
            throw new InvalidExperimentException(
                    "exposure needs an experiment key, got " + Variation.quote(experiment));
        }
        if (customerId == null || customerId.isBlank()) {
            throw new InvalidExperimentException(
                    "exposure to '" + experiment + "' needs a customer id, got " + Variation.quote(customerId));
        }
        if (variation == null || variation.isBlank()) {
            throw new InvalidExperimentException("exposure of customer '" + customerId + "' to '" + experiment
                    + "' needs a variation key, got " + Variation.quote(variation));
        }
        if (at == null) {
            throw new InvalidExperimentException(
                    "exposure of customer '" + customerId + "' to '" + experiment + "' needs a time");
        }
    }
}
