package io.orderlens.analytics.flag;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often a flag was evaluated on one business-zone day, how often it was on, and which values it served.
 *
 * @param date business-zone day
 * @param evaluations evaluations that day
 * @param on evaluations that served an "on" value (non-null and not {@code "false"})
 * @param values evaluations per served non-null value, in value order ({@code "true"} and {@code "false"} for a
 *     boolean flag); evaluations that served null (off) are in no entry
 */
public record FlagDayStats(LocalDate date, long evaluations, long on, Map<String, Long> values) {
    public FlagDayStats {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values == null ? Map.of() : values));
    }

    /** A day without evaluations. */
    public static FlagDayStats none(LocalDate date) {
        return new FlagDayStats(date, 0, 0, Map.of());
    }

    /** on / evaluations; NaN without evaluations. */
    public double shareOn() {
        return evaluations == 0 ? Double.NaN : (double) on / evaluations;
    }
}
