/**
 * The query API ({@link io.orderlens.analytics.query.AnalyticsQueries}) and the immutable results it returns:
 * product and customer statistics, top lists, daily series and the dashboard. Amounts are exact {@code BigDecimal}s;
 * rankings are documented on the methods and identical on every store.
 */
package io.orderlens.analytics.query;
