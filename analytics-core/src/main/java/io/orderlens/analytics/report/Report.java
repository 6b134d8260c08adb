package io.orderlens.analytics.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A named table: typed columns over a {@link RowSource}. Turns any query into something that streams as CSV or HTML:
 *
 * <pre>{@code
 * Report<CustomerSummary> top = Report.<CustomerSummary>builder("top-customers")
 *         .title("Top customers by net spend")
 *         .column(Column.text("customer", CustomerSummary::customerId))
 *         .column(Column.decimal("spent", CustomerSummary::totalSpent))
 *         .rows(range -> analytics.queries().topCustomers(100))
 *         .build();
 * long rows = top.writeCsv(ReportRange.day(today), out);
 * }</pre>
 *
 * Immutable; as thread-safe as its row source and column functions.
 */
public final class Report<T> {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final String name;
    private final String title;
    private final List<Column<? super T>> columns;
    private final RowSource<T> source;
    private final ReportChart chart;

    private Report(Builder<T> b) {
        this.name = b.name;
        this.title = b.title != null ? b.title : b.name;
        this.columns = List.copyOf(b.columns);
        this.source = b.source;
        this.chart = b.chart;
    }

    /**
     * @param name 1..64 characters of {@code a-z 0-9 -}, starting with a letter or digit: safe in a file name
     * @throws IllegalArgumentException if the name is not of that form
     */
    public static <T> Builder<T> builder(String name) {
        return new Builder<>(name);
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public List<Column<? super T>> columns() {
        return columns;
    }

    /** The chart an HTML rendering draws; null for none. */
    public ReportChart chart() {
        return chart;
    }

    /** Hands every row of {@code range} to {@code row}, in the source's order. */
    public void forEachRow(ReportRange range, Consumer<? super T> row) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(row, "row");
        source.forEach(range, row);
    }

    /**
     * Streams the report as RFC 4180 CSV in UTF-8 (no byte-order mark): a header row of the column names, then one
     * record per row, CRLF line ends. Decimals are plain numbers with their scale ({@code 1234.5000}, never
     * {@code 1.2345E+3}), dates ISO ({@code 2026-11-30}, months {@code 2026-11}), instants ISO-8601 UTC, null cells
     * empty. A text cell (and a header) starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage
     * return is written with a leading apostrophe ({@code '=1+1}), which spreadsheets show as text rather than
     * evaluate; a cell with a comma, quote, CR or LF is quoted with its quotes doubled. Memory does not grow with the
     * rows. Flushes but does not close {@code out}.
     *
     * @return the number of data rows written
     * @throws ReportException if the row source or a column fails, or writing fails (output may be partial)
     */
    public long writeCsv(ReportRange range, OutputStream out) {
        Objects.requireNonNull(out, "out");
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CsvWriter csv = new CsvWriter(w);
        ColumnType[] types = types();
        Object[] cells = new Object[columns.size()];
        long[] rows = {0};
        try {
            csv.header(columns.stream().map(Column::name).toList());
            forEachRow(range, row -> {
                fill(row, cells);
                try {
                    csv.record(cells, types);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                rows[0]++;
            });
            w.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new ReportException("writing report " + name + " as CSV failed after " + rows[0] + " rows", e);
        }
        return rows[0];
    }

    /**
     * Streams the report as one self-contained HTML page (UTF-8; inline CSS and SVG, no scripts, nothing loaded from
     * elsewhere): the title, the range, the chart if the report has one (of at most its first
     * {@link ReportChart#MAX_POINTS} rows), and every row in a table. Flushes but does not close {@code out}.
     *
     * @return the number of data rows written
     * @throws ReportException if the row source or a column fails, or writing fails (output may be partial)
     */
    public long writeHtml(ReportRange range, OutputStream out) {
        Objects.requireNonNull(out, "out");
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            long rows = new HtmlWriter(w).write(this, range);
            w.flush();
            return rows;
        } catch (IOException | UncheckedIOException e) {
            throw new ReportException("writing report " + name + " as HTML failed", e);
        }
    }

    /** {@link #writeCsv} or {@link #writeHtml}. */
    public long write(ReportRange range, ReportFormat format, OutputStream out) {
        Objects.requireNonNull(format, "format");
        return format == ReportFormat.CSV ? writeCsv(range, out) : writeHtml(range, out);
    }

    ColumnType[] types() {
        ColumnType[] types = new ColumnType[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i).type();
        }
        return types;
    }

    void fill(T row, Object[] cells) {
        if (row == null) {
            throw new ReportException("report " + name + ": the row source gave a null row");
        }
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cellOf(columns.get(i), row);
        }
    }

    private static <T> Object cellOf(Column<? super T> column, T row) {
        return column.cell(row);
    }

    @Override
    public String toString() {
        return "Report[" + name + "]";
    }

    /** Builds a {@link Report}; at least one column and a row source are required. Not thread-safe. */
    public static final class Builder<T> {
        private final String name;
        private String title;
        private final List<Column<? super T>> columns = new ArrayList<>();
        private RowSource<T> source;
        private ReportChart chart;

        private Builder(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("report name must be 1..64 characters of a-z, 0-9 and '-', "
                        + "starting with a letter or digit, got " + (name == null ? "null" : "\"" + name + "\""));
            }
            this.name = name;
        }

        /** A human title for HTML; defaults to the name. */
        public Builder<T> title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** @throws IllegalArgumentException if a column of the same name was added */
        public Builder<T> column(Column<? super T> column) {
            Objects.requireNonNull(column, "column");
            for (Column<? super T> c : columns) {
                if (c.name().equals(column.name())) {
                    throw new IllegalArgumentException(
                            "report " + name + " already has a column named \"" + column.name() + "\"");
                }
            }
            columns.add(column);
            return this;
        }

        /** A streaming row source. */
        public Builder<T> rows(RowSource<T> source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Rows from a query that returns them all at once (a list, a query result). */
        public Builder<T> rowsFrom(Function<ReportRange, ? extends Iterable<? extends T>> query) {
            Objects.requireNonNull(query, "query");
            this.source = (range, row) -> query.apply(range).forEach(row);
            return this;
        }

        /** Draw {@code chart} in HTML. Its columns must be columns of this report (checked by {@link #build}). */
        public Builder<T> chart(ReportChart chart) {
            this.chart = Objects.requireNonNull(chart, "chart");
            return this;
        }

        /** @throws IllegalStateException if there is no column or no row source, or the chart names unknown columns */
        public Report<T> build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("report " + name + " needs at least one column");
            }
            if (source == null) {
                throw new IllegalStateException("report " + name + " needs a row source");
            }
            if (chart != null) {
                List<String> names = columns.stream().map(Column::name).toList();
                for (String c : chart.columns()) {
                    if (!names.contains(c)) {
                        throw new IllegalStateException(
                                "report " + name + ": chart column \"" + c + "\" is not one of " + names);
                    }
                }
                for (String c : chart.values()) {
                    ColumnType t = columns.get(names.indexOf(c)).type();
                    if (t != ColumnType.DECIMAL && t != ColumnType.INTEGER) {
                        throw new IllegalStateException("report " + name + ": chart value column \"" + c
                                + "\" must be DECIMAL or INTEGER, is " + t);
                    }
                }
            }
            return new Report<>(this);
        }
    }
}
