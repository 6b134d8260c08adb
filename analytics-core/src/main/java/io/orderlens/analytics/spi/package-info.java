/**
 * The one package for store and cache implementers (see {@code analytics-core/SPI.md}). A store provides
 * primitives: apply a batch of ledger changes, each carrying the effect the engine computed; keyed and bulk reads of
 * {@link io.orderlens.analytics.spi.Aggregate} rows; scans; an optional top-N pushdown of a
 * {@link io.orderlens.analytics.spi.Ranking}. The counter records and their keys are defined here once; the
 * rankings of the query API are core's. The abstract contract suite {@code AnalyticsStoreContract} in the test-jar
 * proves a store; {@link io.orderlens.analytics.spi.AnalyticsCache} is the cache SPI, {@code none()} its default.
 */
package io.orderlens.analytics.spi;
