package io.orderlens.analytics.query;

import java.math.BigDecimal;

/** A category's net units and revenue and the counted orders containing it. */
public record CategoryStats(String category, long unitsSold, BigDecimal revenue, long orders) {}
