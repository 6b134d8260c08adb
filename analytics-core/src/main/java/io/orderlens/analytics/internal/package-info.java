/**
 * The implementation: the engine and its lifecycle rules, the contribution function that computes every change's
 * effect, the query service with the rankings of the query API, the async pipeline, backfill, verify and rebuild.
 * Not API: no API or SPI type refers to it, types here may change in any release, and hosts and store
 * implementations must not use them.
 */
package io.orderlens.analytics.internal;
