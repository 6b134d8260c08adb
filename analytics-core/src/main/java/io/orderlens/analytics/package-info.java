/**
 * The front door: {@link io.orderlens.analytics.Analytics} and its builder, the listener, the outcomes and reports
 * it returns, and the exception hierarchy rooted at {@link io.orderlens.analytics.AnalyticsException}. Everything a
 * host calls starts here; the types are immutable or thread-safe as each one states. No type of this package
 * exposes an {@code internal} type in its signatures.
 */
package io.orderlens.analytics;
