package io.orderlens.analytics.flag;

import java.time.LocalDate;

/**
 * How often a flag was evaluated on one business day, and how often it was on.
 *
 * @param date business-zone day
 * @param evaluations evaluations that day
 * @param on evaluations that served an "on" value
 */
public record FlagDayStats(LocalDate date, long evaluations, long on) {
    /** on / evaluations; NaN without evaluations. */
    public double shareOn() {
        return evaluations == 0 ? Double.NaN : (double) on / evaluations;
    }
}
