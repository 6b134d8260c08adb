/**
 * Options and results of asynchronous recording: queue capacity, batching, retries and back-pressure
 * ({@link io.orderlens.analytics.async.AsyncOptions}), and what {@code flush}/{@code close} report. Values are
 * immutable and check themselves when built.
 */
package io.orderlens.analytics.async;
