package io.orderlens.analytics.report;

import static io.orderlens.analytics.report.Charts.escape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a report as one self-contained HTML page: the rows go into the table as they are read; the chart points (at
 * most {@link ReportChart#MAX_POINTS}) are collected on the way and the chart is written after the table, shown above
 * it by CSS order. Not thread-safe; does not close the writer.
 */
final class HtmlWriter {
    private static final String[] COLOURS = {"#2563eb", "#dc2626"};
    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:24px;color:#0f172a}"
            + "main{display:flex;flex-direction:column;gap:16px}.chart{order:-1}"
            + "table{border-collapse:collapse;font-size:13px}th,td{padding:3px 8px;border-bottom:1px solid #e2e8f0}"
            + "th{text-align:left;background:#f8fafc;position:sticky;top:0}td.n{text-align:right;"
            + "font-variant-numeric:tabular-nums}p.meta{color:#475569}";

    private final Writer out;

    HtmlWriter(Writer out) {
        this.out = out;
    }

    <T> long write(Report<T> report, ReportRange range) throws IOException {
        List<? extends Column<?>> columns = report.columns();
        ColumnType[] types = report.types();
        ReportChart chart = report.chart();
        int[] chartIndex = chart == null ? new int[0] : indexes(columns, chart.columns());
        List<Object[]> points = new ArrayList<>();
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
        out.write(escape(report.title()));
        out.write("</title><style>" + CSS + "</style></head><body>\n<h1>");
        out.write(escape(report.title()));
        out.write("</h1><p class=\"meta\">");
        out.write(escape(range.from() + " to " + range.to()));
        out.write("</p>\n<main><section class=\"table\"><table><thead><tr>");
        for (Column<?> c : columns) {
            out.write("<th>");
            out.write(escape(c.name()));
            out.write("</th>");
        }
        out.write("</tr></thead><tbody>\n");
        Object[] cells = new Object[columns.size()];
        long[] rows = {0};
        report.forEachRow(range, row -> {
            report.fill(row, cells);
            try {
                out.write("<tr>");
                for (int i = 0; i < cells.length; i++) {
                    boolean numeric = types[i] == ColumnType.INTEGER || types[i] == ColumnType.DECIMAL;
                    out.write(numeric ? "<td class=\"n\">" : "<td>");
                    out.write(escape(text(cells[i])));
                    out.write("</td>");
                }
                out.write("</tr>\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (chart != null && points.size() < ReportChart.MAX_POINTS) {
                Object[] p = new Object[chartIndex.length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = cells[chartIndex[i]];
                }
                points.add(p);
            }
            rows[0]++;
        });
        out.write("</tbody></table><p class=\"meta\">");
        out.write(rows[0] + (rows[0] == 1 ? " row" : " rows"));
        out.write("</p></section>\n");
        if (chart != null && !points.isEmpty()) {
            out.write("<section class=\"chart\">");
            out.write(chart(chart, points));
            out.write("</section>\n");
        }
        out.write("</main></body></html>\n");
        return rows[0];
    }

    private static String chart(ReportChart chart, List<Object[]> points) {
        List<List<Charts.Bar>> series = new ArrayList<>();
        for (int v = 0; v < chart.values().size(); v++) {
            List<Charts.Bar> bars = new ArrayList<>();
            for (Object[] p : points) {
                String label = text(p[0]);
                BigDecimal value = number(p[v + 1]);
                bars.add(new Charts.Bar(
                        label, value, COLOURS[v], label + ": " + chart.values().get(v) + " " + text(p[v + 1])));
            }
            series.add(bars);
        }
        int labelEvery = Math.max(1, points.size() / 12);
        return series.size() == 1
                ? Charts.columns(series.get(0), 1100, 300, labelEvery, "")
                : Charts.areaAndLine(series.get(0), series.get(1), 1100, 300, labelEvery, "");
    }

    private static BigDecimal number(Object v) {
        if (v == null) {
            return BigDecimal.ZERO;
        }
        return v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue());
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        return v.toString();
    }

    private static int[] indexes(List<? extends Column<?>> columns, List<String> names) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).name().equals(names.get(i))) {
                    idx[i] = c;
                }
            }
        }
        return idx;
    }
}
