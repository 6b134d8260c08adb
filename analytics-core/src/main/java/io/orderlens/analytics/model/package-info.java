/**
 * What a host records: orders, line items, customers, refunds and the events that carry them. Every record checks
 * itself in its constructor and throws {@link io.orderlens.analytics.InvalidEventException} saying what was wrong;
 * all are immutable. The rules they enforce live here too, public so that a host can check against them:
 * {@link io.orderlens.analytics.model.Checks} (ids, names, instants, their limits),
 * {@link io.orderlens.analytics.model.Sizes} (the encoded-size bounds) and
 * {@link io.orderlens.analytics.model.MoneyUnits} (exact money, at most four decimal places).
 */
package io.orderlens.analytics.model;
