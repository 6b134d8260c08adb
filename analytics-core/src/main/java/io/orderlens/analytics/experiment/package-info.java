/**
 * Experiments measured on real order outcomes: definitions ({@link io.orderlens.analytics.experiment.Experiment})
 * with their lifecycle, deterministic assignment identical to GrowthBook's SDKs
 * ({@link io.orderlens.analytics.experiment.Bucketing}), and the significance tests behind results
 * ({@link io.orderlens.analytics.experiment.Significance}). Every type here is immutable or stateless and
 * thread-safe.
 */
package io.orderlens.analytics.experiment;
