package io.orderlens.analytics.experiment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Experiments measured on the orders the library counts: definitions kept in the store (every instance of the host
 * sees the same ones), deterministic assignment identical to GrowthBook's, exposures recorded exactly once, and
 * results per variation from the store's counters. Reached through {@code Analytics.experiments()}; thread-safe.
 *
 * <p>An order counts for an experiment when its customer's first exposure is at or before the order's placement
 * (and within the experiment's attribution window, if set), and the order is counted while the experiment is not
 * COMPLETED. Cancels and refunds of attributed orders move the live counters back exactly, whatever the status;
 * the results of a COMPLETED experiment are frozen at the figures taken when it completed (see {@link #results}).
 */
public interface Experiments {

    /**
     * Stores a new definition (any status; DRAFT by default).
     *
     * @throws InvalidExperimentException if an experiment with the same key is already defined
     */
    Experiment define(Experiment experiment);

    /**
     * Moves an experiment to {@code next} (compare-and-set in the store, so two instances cannot both move it). The
     * move to COMPLETED also reads the results' per-variation figures from the store's counters and writes them with
     * the completed definition, in the same compare-and-set ({@link ResultsSnapshot}).
     *
     * @throws UnknownExperimentException if no such experiment is defined
     * @throws InvalidExperimentException if the lifecycle does not allow the move
     */
    Experiment transition(String key, ExperimentStatus next);

    /** The stored definition, read from the store now. */
    Optional<Experiment> find(String key);

    /** Every stored definition, in key order. */
    List<Experiment> all();

    /**
     * The variation key of {@code customerId} in experiment {@code key}, or null when the customer is not in it
     * (outside coverage or namespace, or the experiment is not RUNNING or outside its dates); the exposure is queued
     * and written with the next {@link #flushExposures()} (or when the queue holds a batch). Evaluated on definitions
     * refreshed periodically; the store re-checks the status when the exposure is written.
     *
     * @throws UnknownExperimentException if no such experiment is known to this instance
     */
    String assign(String key, String customerId);

    /**
     * Records that {@code customerId} saw {@code variation} of {@code key} at {@code at}, now.
     *
     * @throws UnknownExperimentException if no such experiment is defined
     * @throws InvalidExperimentException if the variation is not one of the experiment's, or the experiment does not
     *     admit exposures (not RUNNING, or {@code at} outside its dates); nothing is written
     */
    Exposure.Outcome recordExposure(String key, String customerId, String variation, Instant at);

    /**
     * Records exposures as one store batch; the outcome of each, in order.
     *
     * @throws InvalidExperimentException naming the first exposure that cannot be admitted; nothing is written
     */
    List<Exposure.Outcome> recordExposures(List<ExposureEvent> exposures);

    /**
     * Writes the exposures {@link #assign} queued; returns how many were written. If the store fails, they stay
     * queued (up to ten batches' worth, {@code exposureBatch}; older ones are dropped and counted in
     * {@link #droppedExposures()}) and the failure is thrown. {@code assign} flushes a full queue itself and never
     * throws for the store.
     *
     * @throws io.orderlens.analytics.StoreException if the store keeps failing
     */
    int flushExposures();

    /** Queued exposures this instance dropped because the store kept failing (see {@link #flushExposures()}). */
    long droppedExposures();

    /**
     * Results per variation, read from the store's experiment × variation counters (a few rows, whatever the number
     * of exposed customers); for a COMPLETED experiment, the
     * figures frozen at its completion ({@link ExperimentResults#frozen()}), the same on every instance and after a
     * restart, whatever refunds and cancels arrived since.
     *
     * @throws UnknownExperimentException if no such experiment is defined
     */
    ExperimentResults results(String key);
}
