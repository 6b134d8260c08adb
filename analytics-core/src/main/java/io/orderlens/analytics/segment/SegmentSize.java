package io.orderlens.analytics.segment;

import java.math.BigDecimal;

/**
 * Size of one named RFM segment.
 *
 * @param share customers / all scored customers, 4 decimals half-up
 */
public record SegmentSize(String segment, long customers, BigDecimal share, BigDecimal netSpend) {}
