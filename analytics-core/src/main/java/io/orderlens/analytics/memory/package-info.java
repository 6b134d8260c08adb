/**
 * The embedded default store, {@link io.orderlens.analytics.memory.InMemoryAnalyticsStore}: everything in the JVM
 * heap, thread-safe, nothing persisted. It implements only the store primitives: its rows are updated in place by
 * the batches' increments and read as immutable records; top-N over all products, customers or categories keeps a
 * ranked list it re-ranks with the rows written since ({@code RankedLists}), other top-N is the SPI's bounded-heap
 * default.
 */
package io.orderlens.analytics.memory;
