package io.orderlens.analytics.cohort;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A retention table: the acquisition cohorts whose period starts in {@code from..to}, oldest first; periods
 * without a new customer have no row.
 *
 * @param latest first day of the latest period in which any customer had a counted order (null if none): the
 *               last offset of every row
 */
public record CohortTable(CohortPeriod period, LocalDate from, LocalDate to, LocalDate latest, List<Cohort> cohorts) {
    public CohortTable {
        cohorts = List.copyOf(Objects.requireNonNull(cohorts, "cohorts"));
    }
}
