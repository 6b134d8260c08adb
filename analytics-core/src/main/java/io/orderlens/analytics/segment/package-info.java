/**
 * Customer segments over the counters the library keeps: RFM scores with named segments
 * ({@link io.orderlens.analytics.segment.RfmOptions}, {@link io.orderlens.analytics.segment.RfmGrid}) and rule-based
 * segments ({@link io.orderlens.analytics.segment.Rule}) with counts, members, statistics and dry runs, reached
 * through {@link io.orderlens.analytics.segment.Segments} ({@code Analytics.segments()}). Every type here is an
 * immutable value or a thread-safe service; rules round-trip through JSON with a plain Jackson {@code ObjectMapper}.
 */
package io.orderlens.analytics.segment;
