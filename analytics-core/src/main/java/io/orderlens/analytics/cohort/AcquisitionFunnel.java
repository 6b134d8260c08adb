package io.orderlens.analytics.cohort;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The acquisition and repeat funnel of the customers who started in {@code from..to} (their start periods), one
 * row per start period that has customers, oldest first, and {@code total} over all of them.
 */
public record AcquisitionFunnel(
        CohortPeriod period, LocalDate from, LocalDate to, List<AcquisitionCohort> cohorts, AcquisitionCohort total) {
    public AcquisitionFunnel {
        cohorts = List.copyOf(Objects.requireNonNull(cohorts, "cohorts"));
        Objects.requireNonNull(total, "total");
    }
}
