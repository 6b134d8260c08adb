package io.orderlens.analytics.query;

import java.math.BigDecimal;

/** One of a customer's favourite categories: counted orders containing it, net units and spend in it. */
public record CategoryShare(String category, long orders, long units, BigDecimal spend) {}
