package io.orderlens.analytics.calc;

/** How often a customer orders. */
public enum OrderFrequency {
    OCCASIONAL,
    REGULAR,
    FREQUENT
}
