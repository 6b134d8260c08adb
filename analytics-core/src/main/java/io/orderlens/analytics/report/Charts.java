package io.orderlens.analytics.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts built as text, for self-contained HTML: no scripts, no fonts or images from elsewhere. Bar heights
 * and line points are screen geometry, computed in {@code double}; every figure shown as text is passed in already
 * formatted, so money stays exact where a reader sees it. Labels and tooltips are escaped. Stateless and thread-safe.
 */
public final class Charts {
    static final String TEXT = "#334155";
    static final String GRID = "#e2e8f0";

    private Charts() {}

    /**
     * One bar or point: a label, a value for geometry (negative values are drawn as zero), a CSS colour and a
     * tooltip.
     */
    public record Bar(String label, BigDecimal value, String colour, String tooltip) {}

    /** Vertical bars with a y axis; every {@code labelEvery}-th label is drawn under its bar (0: none). */
    public static String columns(List<Bar> bars, int width, int height, int labelEvery, String unit) {
        int left = 64;
        int right = 12;
        int top = 14;
        int bottom = 36;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        double max = Math.max(
                1, bars.stream().mapToDouble(b -> b.value().doubleValue()).max().orElse(0));
        double[] ticks = ticks(max);
        double scaleMax = ticks[ticks.length - 1];
        StringBuilder s = open(width, height);
        axis(s, ticks, scaleMax, left, top, plotW, plotH, unit);
        double slot = plotW / Math.max(1, bars.size());
        double barW = Math.max(1, slot * 0.8);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double h = Math.max(0, b.value().doubleValue()) / scaleMax * plotH;
            double x = left + i * slot + (slot - barW) / 2;
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                    x,
                    top + plotH - h,
                    barW,
                    h,
                    b.colour(),
                    escape(b.tooltip())));
            if (labelEvery > 0 && i % labelEvery == 0) {
                s.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                        x + barW / 2,
                        height - bottom + 16,
                        TEXT,
                        escape(b.label())));
            }
        }
        return s.append("</svg>").toString();
    }

    /** Horizontal bars, one labelled row each, value text at the end of the bar. */
    public static String rows(List<Bar> bars, List<String> valueTexts, int width, int rowHeight) {
        int labelW = 270;
        int valueW = 230;
        int height = Math.max(rowHeight, bars.size() * rowHeight) + 8;
        double max = Math.max(
                1e-9,
                bars.stream().mapToDouble(b -> b.value().doubleValue()).max().orElse(0));
        double plotW = width - labelW - valueW;
        StringBuilder s = open(width, height);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = 4 + i * rowHeight;
            double w = Math.max(1, Math.max(0, b.value().doubleValue()) / max * plotW);
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                    labelW - 8,
                    y + rowHeight * 0.68,
                    TEXT,
                    escape(b.label())));
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\" fill=\"%s\"><title>%s</title>"
                            + "</rect>",
                    labelW,
                    y + 3,
                    w,
                    rowHeight - 6.0,
                    b.colour(),
                    escape(b.tooltip())));
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"%s\">%s</text>",
                    labelW + w + 6,
                    y + rowHeight * 0.68,
                    TEXT,
                    escape(valueTexts.get(i))));
        }
        return s.append("</svg>").toString();
    }

    /** Two series over the same x positions: filled area for the first, a line for the second. */
    public static String areaAndLine(
            List<Bar> area, List<Bar> line, int width, int height, int labelEvery, String unit) {
        int left = 64;
        int right = 12;
        int top = 14;
        int bottom = 36;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        double max = 1;
        for (Bar b : area) {
            max = Math.max(max, b.value().doubleValue());
        }
        for (Bar b : line) {
            max = Math.max(max, b.value().doubleValue());
        }
        double[] ticks = ticks(max);
        double scaleMax = ticks[ticks.length - 1];
        StringBuilder s = open(width, height);
        axis(s, ticks, scaleMax, left, top, plotW, plotH, unit);
        int n = area.size();
        double step = n > 1 ? plotW / (n - 1) : 0;
        StringBuilder poly = new StringBuilder();
        poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", (double) left, top + plotH));
        for (int i = 0; i < n; i++) {
            double y = top + plotH - Math.max(0, area.get(i).value().doubleValue()) / scaleMax * plotH;
            poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + i * step, y));
        }
        poly.append(String.format(Locale.ROOT, "%.1f,%.1f", left + (n - 1) * step, top + plotH));
        String colour = n > 0 ? area.get(0).colour() : "#2563eb";
        s.append("<polygon points=\"")
                .append(poly)
                .append("\" fill=\"")
                .append(colour)
                .append("\" fill-opacity=\"0.35\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"1.5\"/>");
        if (!line.isEmpty()) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                double y = top + plotH - Math.max(0, line.get(i).value().doubleValue()) / scaleMax * plotH;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + i * step, y));
            }
            s.append("<polyline points=\"")
                    .append(pts.toString().trim())
                    .append("\" fill=\"none\" stroke=\"")
                    .append(line.get(0).colour())
                    .append("\" stroke-width=\"1.5\"/>");
        }
        for (int i = 0; i < n; i++) {
            Bar b = area.get(i);
            double x = left + i * step;
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"transparent\"><title>%s</title>"
                            + "</rect>",
                    x - step / 2,
                    top,
                    Math.max(1, step),
                    plotH,
                    escape(b.tooltip())));
            if (labelEvery > 0 && i % labelEvery == 0) {
                s.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                        x,
                        height - bottom + 16,
                        TEXT,
                        escape(b.label())));
            }
        }
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height) {
        return new StringBuilder(4096)
                .append(String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                                + "role=\"img\" font-family=\"system-ui, sans-serif\">",
                        width,
                        height,
                        width,
                        height));
    }

    private static void axis(
            StringBuilder s,
            double[] ticks,
            double scaleMax,
            int left,
            int top,
            double plotW,
            double plotH,
            String unit) {
        for (double t : ticks) {
            double y = top + plotH - t / scaleMax * plotH;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                    left,
                    y,
                    left + plotW,
                    y,
                    GRID));
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                    left - 6,
                    y + 4,
                    TEXT,
                    escape(tickLabel(t) + unit)));
        }
    }

    /** Round tick values from 0 to at least {@code max}: steps of 1, 2 or 5 times a power of ten. */
    static double[] ticks(double max) {
        double raw = max / 5;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / pow <= 1 ? pow : raw / pow <= 2 ? 2 * pow : raw / pow <= 5 ? 5 * pow : 10 * pow;
        int n = (int) Math.ceil(max / step);
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = i * step;
        }
        return t;
    }

    private static String tickLabel(double v) {
        if (v >= 1_000_000) {
            return trim(v / 1_000_000) + "M";
        }
        if (v >= 1_000) {
            return trim(v / 1_000) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Escapes text for XML and HTML content and attributes; other control characters become spaces. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append(' ');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
