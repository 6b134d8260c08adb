package io.orderlens.analytics.segment;

import java.math.BigDecimal;

/** Customers with one recency score and one frequency score (a cell of the R × F grid), and their net spend. */
public record RfmCell(int recency, int frequency, long customers, BigDecimal netSpend) {}
