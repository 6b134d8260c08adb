/**
 * What a host records: orders, line items, customers, refunds and the events that carry them. Every record checks
 * itself in its constructor and throws {@link io.orderlens.analytics.InvalidEventException} saying what was wrong;
 * all are immutable.
 */
package io.orderlens.analytics.model;
