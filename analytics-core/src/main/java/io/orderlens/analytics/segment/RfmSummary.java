package io.orderlens.analytics.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * RFM over every customer with at least one counted order, as of a day.
 *
 * @param customers        customers scored
 * @param recencyCuts      THRESHOLDS scoring: the four type-7 cut points of recency days (20%, 40%, 60%, 80%); empty
 *                         for RANK
 * @param frequencyCuts    the same for counted orders
 * @param monetaryCuts     the same for net spend
 * @param segments         every segment of the grid in grid order (the unmatched one last), with its size
 * @param cells            the 25 cells of the recency × frequency grid, recency 5..1 then frequency 1..5
 */
public record RfmSummary(
        LocalDate asOf,
        RfmScoring scoring,
        long customers,
        List<BigDecimal> recencyCuts,
        List<BigDecimal> frequencyCuts,
        List<BigDecimal> monetaryCuts,
        List<SegmentSize> segments,
        List<RfmCell> cells) {
    public RfmSummary {
        recencyCuts = List.copyOf(recencyCuts);
        frequencyCuts = List.copyOf(frequencyCuts);
        monetaryCuts = List.copyOf(monetaryCuts);
        segments = List.copyOf(segments);
        cells = List.copyOf(cells);
    }
}
