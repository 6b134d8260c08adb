/**
 * The embedded default store, {@link io.orderlens.analytics.memory.InMemoryAnalyticsStore}: everything in the JVM
 * heap, thread-safe, nothing persisted. It implements only the store primitives; top-N comes from the SPI's
 * bounded-heap default.
 */
package io.orderlens.analytics.memory;
