package io.orderlens.examples.report;

import static io.orderlens.analytics.report.Charts.escape;

import io.orderlens.analytics.calc.CustomerTier;
import io.orderlens.analytics.calc.OrderFrequency;
import io.orderlens.analytics.calc.TimeOfDay;
import io.orderlens.analytics.experiment.ExperimentResults;
import io.orderlens.analytics.query.CountrySales;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.query.ProductStats;
import io.orderlens.analytics.report.Charts;
import io.orderlens.examples.console.Fmt;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link ReportData} as one self-contained HTML file: inline CSS and inline SVG charts, no scripts, nothing
 * loaded from the network. Charts: daily revenue with refunds, top products, orders by time of day, customers by
 * preferred time of day, by order frequency and by tier, refunds by day, and sales by country.
 */
public final class HtmlReport {
    static final String BLUE = "#2563eb";
    static final String RED = "#dc2626";
    static final String GREEN = "#16a34a";
    private static final Map<TimeOfDay, String> TIME_COLOURS = new EnumMap<>(Map.of(
            TimeOfDay.MORNING,
            "#f59e0b",
            TimeOfDay.AFTERNOON,
            "#10b981",
            TimeOfDay.EVENING,
            "#6366f1",
            TimeOfDay.NIGHT,
            "#1e293b"));
    private static final Map<OrderFrequency, String> FREQUENCY_COLOURS = new EnumMap<>(Map.of(
            OrderFrequency.OCCASIONAL,
            "#94a3b8",
            OrderFrequency.REGULAR,
            "#0ea5e9",
            OrderFrequency.FREQUENT,
            "#7c3aed"));
    private static final Map<CustomerTier, String> TIER_COLOURS = new EnumMap<>(Map.of(
            CustomerTier.BRONZE,
            "#b45309",
            CustomerTier.SILVER,
            "#9ca3af",
            CustomerTier.GOLD,
            "#eab308",
            CustomerTier.PLATINUM,
            "#0f766e"));

    private HtmlReport() {}

    /** Writes the report to {@code file} as UTF-8, replacing it. */
    public static void write(Path file, ReportData data) throws IOException {
        Files.writeString(file, render(data), StandardCharsets.UTF_8);
    }

    /** The report as HTML text. */
    public static String render(ReportData d) {
        StringBuilder h = new StringBuilder(256 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>OrderLens report ")
                .append(d.from())
                .append(" to ")
                .append(d.to())
                .append("</title>")
                .append("<style>")
                .append(CSS)
                .append("</style></head><body>\n");
        h.append("<header><h1>OrderLens report</h1><p>")
                .append(d.from())
                .append(" to ")
                .append(d.to())
                .append(" &middot; business zone ")
                .append(escape(d.zone()))
                .append("</p></header>\n");
        kpis(h, d);
        section(
                h,
                "Daily revenue",
                "Gross revenue by order day (blue area) and refunds by refund day (red line).",
                dailyRevenue(d.daily()));
        section(
                h,
                "Top products",
                "The " + d.topProducts().size() + " products with the highest net revenue, with units sold and rating.",
                topProducts(d.topProducts()));
        h.append("<div class=\"grid\">");
        section(
                h,
                "Orders by time of day",
                "Counted orders by the time of day in the customer's own zone.",
                classes(d.ordersByTimeOfDay(), TIME_COLOURS, "orders"));
        section(
                h,
                "Preferred time of day",
                "Customers by the time of day they order most often.",
                classes(d.customersByPreferred(), TIME_COLOURS, "customers"));
        section(
                h,
                "Order frequency",
                "Customers by orders per month of account age.",
                classes(d.customersByFrequency(), FREQUENCY_COLOURS, "customers"));
        section(
                h,
                "Customer tiers",
                "Customers by net spend tier.",
                classes(d.customersByTier(), TIER_COLOURS, "customers"));
        h.append("</div>");
        section(h, "Refunds", "Money refunded by refund day.", refunds(d.daily()));
        section(
                h,
                "Sales by country",
                "Counted orders and revenue by country, net of refunds.",
                countries(d.countries()));
        for (ExperimentResults r : d.experiments()) {
            section(h, ExperimentSection.title(r), ExperimentSection.caption(r), ExperimentSection.body(r));
        }
        if (d.cohorts() != null && !d.cohorts().cohorts().isEmpty()) {
            section(
                    h,
                    CohortSection.title(d.cohorts()),
                    CohortSection.caption(d.cohorts()),
                    CohortSection.body(d.cohorts()));
        }
        if (d.rfm().customers() > 0) {
            section(h, RfmSection.title(), RfmSection.caption(d.rfm()), RfmSection.body(d.rfm()));
        }
        h.append("<footer>Generated by the OrderLens example runner. Amounts are exact; charts are drawn from the "
                + "same figures.</footer>\n</body></html>\n");
        return h.toString();
    }

    private static void kpis(StringBuilder h, ReportData d) {
        h.append("<section class=\"kpis\">");
        kpi(h, "Counted orders", Fmt.count(d.totals().orders()));
        kpi(h, "Gross revenue", Fmt.money(d.totals().grossRevenue()));
        kpi(
                h,
                "Refunded",
                Fmt.money(d.totals().refundedAmount()) + " in "
                        + Fmt.count(d.totals().refunds()));
        kpi(h, "Net revenue", Fmt.money(d.totals().netRevenue()));
        kpi(h, "Average order", Fmt.money(d.dashboard().averageOrderValue()));
        kpi(h, "Customers", Fmt.count(d.totals().customers()));
        kpi(h, "Products", Fmt.count(d.totals().products()));
        kpi(h, "Canceled orders", Fmt.count(d.dashboard().cancellations()));
        h.append("</section>\n");
    }

    private static void kpi(StringBuilder h, String label, String value) {
        h.append("<div class=\"kpi\"><span>")
                .append(escape(label))
                .append("</span><strong>")
                .append(escape(value))
                .append("</strong></div>");
    }

    private static void section(StringBuilder h, String title, String caption, String body) {
        h.append("<section class=\"card\"><h2>")
                .append(escape(title))
                .append("</h2><p class=\"caption\">")
                .append(escape(caption))
                .append("</p>")
                .append(body)
                .append("</section>\n");
    }

    private static int labelEvery(int n) {
        return n <= 16 ? 1 : n <= 45 ? 7 : n <= 120 ? 14 : 30;
    }

    private static String dailyRevenue(List<DailyStats> days) {
        List<Charts.Bar> gross = new ArrayList<>();
        List<Charts.Bar> refunded = new ArrayList<>();
        for (DailyStats s : days) {
            String tip = s.date() + ": " + Fmt.count(s.orders()) + " orders, gross " + Fmt.money(s.grossRevenue())
                    + ", refunded " + Fmt.money(s.refundedAmount());
            gross.add(new Charts.Bar(s.date().toString().substring(5), s.grossRevenue(), BLUE, tip));
            refunded.add(new Charts.Bar(s.date().toString().substring(5), s.refundedAmount(), RED, tip));
        }
        return Charts.areaAndLine(gross, refunded, 1100, 300, labelEvery(days.size()), "");
    }

    private static String topProducts(List<ProductStats> products) {
        List<Charts.Bar> bars = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (ProductStats p : products) {
            String label = p.name().length() > 32 ? p.name().substring(0, 31) + "~" : p.name();
            bars.add(new Charts.Bar(
                    label,
                    p.revenue(),
                    BLUE,
                    p.productId() + " " + p.name() + ": " + Fmt.count(p.unitsSold()) + " units, "
                            + Fmt.money(p.revenue())));
            values.add(Fmt.money(p.revenue()) + " · " + Fmt.count(p.unitsSold()) + " u · ★ "
                    + p.rating().toPlainString());
        }
        return Charts.rows(bars, values, 1100, 26);
    }

    private static <E extends Enum<E>> String classes(Map<E, Long> counts, Map<E, String> colours, String what) {
        List<Charts.Bar> bars = new ArrayList<>();
        for (Map.Entry<E, String> e : colours.entrySet()) {
            long n = counts.getOrDefault(e.getKey(), 0L);
            String name = e.getKey().name().toLowerCase(Locale.ROOT);
            bars.add(
                    new Charts.Bar(name, BigDecimal.valueOf(n), e.getValue(), name + ": " + Fmt.count(n) + " " + what));
        }
        return Charts.columns(bars, 520, 240, 1, "");
    }

    private static String refunds(List<DailyStats> days) {
        List<Charts.Bar> bars = new ArrayList<>();
        for (DailyStats s : days) {
            bars.add(new Charts.Bar(
                    s.date().toString().substring(5),
                    s.refundedAmount(),
                    RED,
                    s.date() + " ("
                            + s.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + "): "
                            + Fmt.count(s.refunds()) + " refunds, " + Fmt.money(s.refundedAmount())));
        }
        return Charts.columns(bars, 1100, 220, labelEvery(days.size()), "");
    }

    private static String countries(List<CountrySales> countries) {
        List<CountrySales> top = countries.size() > 12 ? countries.subList(0, 12) : countries;
        List<Charts.Bar> bars = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (CountrySales c : top) {
            bars.add(new Charts.Bar(
                    c.country(), c.netRevenue(), GREEN, c.country() + ": net " + Fmt.money(c.netRevenue())));
            values.add(Fmt.money(c.netRevenue()));
        }
        StringBuilder s = new StringBuilder(Charts.rows(bars, values, 1100, 24));
        s.append("<table><thead><tr><th>Country</th><th>Orders</th><th>Gross</th><th>Refunds</th><th>Refunded</th>")
                .append("<th>Net</th></tr></thead><tbody>");
        for (CountrySales c : countries) {
            s.append("<tr><td>")
                    .append(escape(c.country()))
                    .append("</td><td>")
                    .append(Fmt.count(c.orders()))
                    .append("</td><td>")
                    .append(Fmt.money(c.grossRevenue()))
                    .append("</td><td>")
                    .append(Fmt.count(c.refunds()))
                    .append("</td><td>")
                    .append(Fmt.money(c.refundedAmount()))
                    .append("</td><td>")
                    .append(Fmt.money(c.netRevenue()))
                    .append("</td></tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    private static final String CSS = String.join(
            "",
            "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1160px;padding:16px;color:#0f172a;",
            "background:#f8fafc}",
            "header h1{margin:8px 0 0;font-size:26px}header p{margin:4px 0 16px;color:#475569}",
            ".kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin-bottom:14px}",
            ".kpi{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 12px}",
            ".kpi span{display:block;font-size:12px;color:#64748b}.kpi strong{font-size:20px}",
            ".card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:12px 14px;margin-bottom:14px}",
            ".card h2{margin:0;font-size:17px}.caption{margin:2px 0 8px;color:#64748b;font-size:13px}",
            ".grid{display:grid;grid-template-columns:1fr 1fr;gap:14px}.grid .card{margin-bottom:0}",
            ".grid{margin-bottom:14px}svg{max-width:100%;height:auto}",
            ".legend span{margin-right:14px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;",
            "margin-right:4px;border-radius:2px}",
            "table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}",
            "th,td{padding:4px 8px;border-bottom:1px solid #e2e8f0;text-align:right}",
            "th:first-child,td:first-child{text-align:left}",
            "footer{color:#94a3b8;font-size:12px;margin:18px 0}");
}
