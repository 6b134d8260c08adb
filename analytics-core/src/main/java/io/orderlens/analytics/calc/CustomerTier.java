package io.orderlens.analytics.calc;

/** Loyalty tier from total net spend. */
public enum CustomerTier {
    BRONZE,
    SILVER,
    GOLD,
    PLATINUM
}
