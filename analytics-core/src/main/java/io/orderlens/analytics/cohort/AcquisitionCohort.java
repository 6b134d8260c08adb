package io.orderlens.analytics.cohort;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The customers who started in one period (account created, or first seen) and how far they went.
 *
 * @param label     the period's label, e.g. {@code 2011-01} or {@code 2011-W05}
 * @param start     the period's first day
 * @param customers customers who started in it
 * @param steps     the first, second and third counted order, in this order
 */
public record AcquisitionCohort(String label, LocalDate start, long customers, List<FunnelStep> steps) {
    public AcquisitionCohort {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }
}
