package io.orderlens.analytics.model;

/**
 * The moment an order's sales start to count in the aggregates. Whatever the policy, a canceled order never counts
 * and a cancel after counting subtracts exactly what was added.
 */
public enum CountingPolicy {
    /** Count when the order is placed (with its items known). */
    AT_PLACED,
    /** Count when a PAID marker has been recorded for the order. */
    AT_PAID,
    /** Count when the order is delivered. The default. */
    AT_DELIVERED
}
