/**
 * Funnels ({@link io.orderlens.analytics.funnel.FunnelQueries}, reached through {@code Analytics.funnels()}): the
 * order lifecycle funnel with counts per status, cancellations per status, conversion, and step durations as
 * percentiles from histograms kept exactly on the write path ({@link io.orderlens.analytics.funnel.DurationBuckets}).
 * Every type is immutable or stateless, and thread-safe.
 */
package io.orderlens.analytics.funnel;
