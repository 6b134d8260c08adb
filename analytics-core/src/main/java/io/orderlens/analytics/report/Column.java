package io.orderlens.analytics.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.function.Function;

/**
 * One column of a report: its header, its type, and how a row yields its cell.
 *
 * @param name  the header: 1..100 characters, no control characters
 * @param value the cell of a row; may return null (an empty cell); must return a value of {@code type}
 */
public record Column<T>(String name, ColumnType type, Function<? super T, ?> value) {

    /** @throws IllegalArgumentException if the name is blank, too long or holds a control character */
    public Column {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("column name must be 1..100 characters and not blank, got "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("column name must not hold control characters, got \""
                        + name.replaceAll("\\p{Cntrl}", "?") + "\"");
            }
        }
    }

    public static <T> Column<T> text(String name, Function<? super T, ?> value) {
        return new Column<>(name, ColumnType.TEXT, value);
    }

    public static <T> Column<T> integer(String name, Function<? super T, ? extends Number> value) {
        return new Column<>(name, ColumnType.INTEGER, value);
    }

    public static <T> Column<T> decimal(String name, Function<? super T, BigDecimal> value) {
        return new Column<>(name, ColumnType.DECIMAL, value);
    }

    public static <T> Column<T> date(String name, Function<? super T, LocalDate> value) {
        return new Column<>(name, ColumnType.DATE, value);
    }

    public static <T> Column<T> month(String name, Function<? super T, YearMonth> value) {
        return new Column<>(name, ColumnType.DATE, value);
    }

    public static <T> Column<T> instant(String name, Function<? super T, Instant> value) {
        return new Column<>(name, ColumnType.INSTANT, value);
    }

    public static <T> Column<T> bool(String name, Function<? super T, Boolean> value) {
        return new Column<>(name, ColumnType.BOOLEAN, value);
    }

    /**
     * The cell of {@code row}, checked against the type.
     *
     * @throws ReportException if the value function throws or returns a value of another type
     */
    Object cell(T row) {
        Object v;
        try {
            v = value.apply(row);
        } catch (RuntimeException e) {
            throw new ReportException("column \"" + name + "\" failed on a row: " + e, e);
        }
        if (v == null) {
            return null;
        }
        boolean ok = switch (type) {
            case TEXT -> true;
            case INTEGER -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
            case DECIMAL -> v instanceof BigDecimal;
            case DATE -> v instanceof LocalDate || v instanceof YearMonth;
            case INSTANT -> v instanceof Instant;
            case BOOLEAN -> v instanceof Boolean;
        };
        if (!ok) {
            throw new ReportException("column \"" + name + "\" is " + type + " but a row gave a "
                    + v.getClass().getName());
        }
        return v;
    }
}
