package io.orderlens.analytics.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the HTML rendering of a report draws: the values of one or two numeric columns (bars for the first, a line
 * for the second) over the rows, labelled by another column. Only the first {@link #MAX_POINTS} rows are drawn.
 *
 * @param label  the column whose cells label the x axis
 * @param values one or two DECIMAL or INTEGER columns
 */
public record ReportChart(String label, List<String> values) {
    /** Rows drawn at most; the table below the chart holds every row. */
    public static final int MAX_POINTS = 400;

    /** @throws IllegalArgumentException if there is not one or two value columns */
    public ReportChart {
        Objects.requireNonNull(label, "label");
        values = List.copyOf(values);
        if (values.isEmpty() || values.size() > 2) {
            throw new IllegalArgumentException("a chart draws one or two value columns, got " + values);
        }
    }

    public static ReportChart of(String label, String... values) {
        return new ReportChart(label, List.of(values));
    }

    /** The label column, then the value columns. */
    List<String> columns() {
        List<String> all = new ArrayList<>();
        all.add(label);
        all.addAll(values);
        return all;
    }
}
