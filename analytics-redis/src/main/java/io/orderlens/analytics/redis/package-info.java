/**
 * The Redis read cache: {@link io.orderlens.analytics.redis.RedisAnalyticsCache} with its options and metrics;
 * helpers are package-private. Generation-keyed entries, single-flight loads, a circuit breaker, fail-open on every
 * error. Thread-safe.
 */
package io.orderlens.analytics.redis;
