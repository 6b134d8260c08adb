package io.orderlens.analytics.report;

/**
 * The type of a report column: what its cells must hold and how they are written. Every type accepts {@code null}
 * (an empty cell).
 */
public enum ColumnType {
    /** A {@link CharSequence} (or anything else, written by {@code toString()}); neutralized against formulas in CSV. */
    TEXT,
    /** A {@link Long}, {@link Integer}, {@link Short} or {@link Byte}. */
    INTEGER,
    /** A {@link java.math.BigDecimal}, written as a plain number (no exponent, scale kept). */
    DECIMAL,
    /** A {@link java.time.LocalDate} (ISO {@code yyyy-MM-dd}) or a {@link java.time.YearMonth} ({@code yyyy-MM}). */
    DATE,
    /** A {@link java.time.Instant}, ISO-8601 in UTC. */
    INSTANT,
    /** A {@link Boolean}: {@code true} or {@code false}. */
    BOOLEAN
}
