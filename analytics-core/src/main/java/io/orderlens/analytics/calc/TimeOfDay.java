package io.orderlens.analytics.calc;

/** Part of the day an order was placed in, local to the customer (or the business when the customer's is unknown). */
public enum TimeOfDay {
    MORNING,
    AFTERNOON,
    EVENING,
    NIGHT
}
