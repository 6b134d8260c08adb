/**
 * Publishes an {@code Analytics} instance's figures to Micrometer:
 * {@link io.orderlens.analytics.micrometer.AnalyticsMetrics} is a {@code MeterBinder} for the write path and the cache.
 *
 * <p>{@code micrometer-core} is an optional dependency of analytics-core: a host that wants these meters declares it
 * itself; nothing else in the library refers to this package, so without Micrometer on the classpath it is simply
 * never loaded. Hosts without Micrometer read the same figures from {@code Analytics.metrics()}.
 */
package io.orderlens.analytics.micrometer;
