package io.orderlens.analytics.cohort;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The customers acquired in one period: those whose first counted order was placed in it.
 *
 * @param label the period's label, e.g. {@code 2011-01} or {@code 2011-W05}
 * @param start the period's first day
 * @param size  customers in the cohort
 * @param cells one per offset, from 0 to the latest period in which any customer had a counted order
 */
public record Cohort(String label, LocalDate start, long size, List<CohortCell> cells) {
    public Cohort {
        cells = List.copyOf(Objects.requireNonNull(cells, "cells"));
    }
}
