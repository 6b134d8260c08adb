package io.orderlens.examples.console;

import static io.orderlens.examples.console.Fmt.count;
import static io.orderlens.examples.console.Fmt.fit;
import static io.orderlens.examples.console.Fmt.money;

import io.orderlens.analytics.calc.TimeOfDay;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.query.AnalyticsQueries;
import io.orderlens.analytics.query.CategoryShare;
import io.orderlens.analytics.query.CountrySales;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.CustomerSummary;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.analytics.query.ItemStat;
import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.analytics.query.ProductStats;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Prints a readable dashboard of a period to a text console, using only the public query API. */
public final class ConsoleDashboard {
    private static final int TOP = 10;
    private static final int RECENT_DAYS = 14;

    private final AnalyticsQueries queries;
    private final ZoneId zone;
    private final PrintStream out;

    public ConsoleDashboard(AnalyticsQueries queries, ZoneId zone, PrintStream out) {
        this.queries = queries;
        this.zone = zone;
        this.out = out;
    }

    /**
     * Prints totals, top products, top customers, one customer's profile, recent daily sales and sales by country
     * for {@code [from, to]}.
     *
     * @param showcaseCustomer the customer whose profile to show; empty for the top spender
     */
    public void print(LocalDate from, LocalDate to, Optional<String> showcaseCustomer) {
        Dashboard d = queries.dashboard(from, to);
        totals(d);
        topProducts();
        List<CustomerSummary> top = topCustomers();
        showcaseCustomer
                .or(() -> top.stream().findFirst().map(CustomerSummary::customerId))
                .flatMap(queries::customer)
                .ifPresent(this::profile);
        daily(from, to);
        countries(d.salesByCountry());
    }

    private void heading(String title) {
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
    }

    private void totals(Dashboard d) {
        heading("Totals " + d.from() + " .. " + d.to() + " (" + d.zone() + ")");
        out.printf(
                Locale.ROOT,
                "counted orders %s   gross %s   refunds %s (%s)   net %s%n",
                count(d.orders()),
                money(d.grossRevenue()),
                count(d.refunds()),
                money(d.refundedAmount()),
                money(d.netRevenue()));
        out.printf(
                Locale.ROOT,
                "average order %s   items %s   new customers %s   canceled orders %s%n",
                money(d.averageOrderValue()),
                count(d.items()),
                count(d.newCustomers()),
                count(d.cancellations()));
        StringBuilder statuses = new StringBuilder("orders by current status:");
        for (Map.Entry<OrderStatus, Long> e : d.ordersByStatus().entrySet()) {
            if (e.getValue() != 0) {
                statuses.append(' ')
                        .append(e.getKey().name().toLowerCase(Locale.ROOT))
                        .append(' ')
                        .append(count(e.getValue()));
            }
        }
        out.println(statuses);
    }

    private void topProducts() {
        heading("Top products by net revenue");
        out.printf(
                Locale.ROOT,
                "%3s  %-32s %-15s %9s %14s %7s%n",
                "#",
                "product",
                "category",
                "units",
                "revenue",
                "rating");
        int i = 0;
        for (ProductStats p : queries.topProducts(ProductRanking.REVENUE, TOP)) {
            out.printf(
                    Locale.ROOT,
                    "%3d  %s %s %9s %14s %7s%n",
                    ++i,
                    fit(p.name(), 32),
                    fit(p.category(), 15),
                    count(p.unitsSold()),
                    money(p.revenue()),
                    p.rating().toPlainString());
        }
    }

    private List<CustomerSummary> topCustomers() {
        heading("Top customers by net spend");
        out.printf(
                Locale.ROOT, "%3s  %-12s %8s %14s %10s  %s%n", "#", "customer", "orders", "spent", "avg order", "tier");
        List<CustomerSummary> top = queries.topCustomers(5);
        int i = 0;
        for (CustomerSummary c : top) {
            out.printf(
                    Locale.ROOT,
                    "%3d  %-12s %8s %14s %10s  %s%n",
                    ++i,
                    c.customerId(),
                    count(c.totalOrders()),
                    money(c.totalSpent()),
                    money(c.averageOrderValue()),
                    c.tier());
        }
        return top;
    }

    private void profile(CustomerProfile p) {
        heading("Customer " + p.customerId());
        out.printf(
                Locale.ROOT,
                "orders %s   spent %s   average order %s   items per order %s%n",
                count(p.totalOrders()),
                money(p.totalSpent()),
                money(p.averageOrderValue()),
                p.averageItemsPerOrder().toPlainString());
        out.printf(
                Locale.ROOT,
                "tier %s   frequency %s   preferred time of day %s%n",
                p.tier(),
                p.frequency(),
                p.preferredTimeOfDay() == null ? "-" : p.preferredTimeOfDay());
        StringBuilder tod = new StringBuilder("orders by time of day:");
        for (TimeOfDay t : TimeOfDay.values()) {
            tod.append(' ')
                    .append(t.name().toLowerCase(Locale.ROOT))
                    .append(' ')
                    .append(count(p.timeOfDay().getOrDefault(t, 0L)));
        }
        out.println(tod);
        out.printf(
                Locale.ROOT,
                "account since %s   first order %s   last order %s%n",
                day(p.accountCreatedAt()),
                day(p.firstOrderAt()),
                day(p.lastOrderAt()));
        out.println("favourite items:");
        int i = 0;
        for (ItemStat item : p.topItems()) {
            out.printf(
                    Locale.ROOT,
                    "  %d. %s  x%s in %s orders, %s%n",
                    ++i,
                    item.name(),
                    count(item.units()),
                    count(item.orders()),
                    money(item.spend()));
        }
        StringBuilder cats = new StringBuilder("favourite categories:");
        for (CategoryShare c : p.favouriteCategories()) {
            cats.append(' ')
                    .append(c.category())
                    .append(" (")
                    .append(count(c.orders()))
                    .append(" orders)");
        }
        out.println(cats);
    }

    private void daily(LocalDate from, LocalDate to) {
        LocalDate start = to.minusDays(RECENT_DAYS - 1L).isBefore(from) ? from : to.minusDays(RECENT_DAYS - 1L);
        heading("Daily sales, last " + (start.until(to).getDays() + 1) + " days");
        List<DailyStats> days = queries.daily(start, to);
        BigDecimal max = days.stream().map(DailyStats::grossRevenue).reduce(BigDecimal.ZERO, BigDecimal::max);
        out.printf(Locale.ROOT, "%-14s %7s %13s %11s  %s%n", "day", "orders", "gross", "refunded", "");
        for (DailyStats s : days) {
            String dow = s.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            out.printf(
                    Locale.ROOT,
                    "%s %-3s %7s %13s %11s  %s%n",
                    s.date(),
                    dow,
                    count(s.orders()),
                    money(s.grossRevenue()),
                    money(s.refundedAmount()),
                    Fmt.bar(s.grossRevenue(), max, 30));
        }
    }

    private void countries(List<CountrySales> countries) {
        heading("Sales by country");
        out.printf(Locale.ROOT, "%-22s %8s %15s %13s %15s%n", "country", "orders", "gross", "refunded", "net");
        int shown = 0;
        for (CountrySales c : countries) {
            if (shown++ == TOP) {
                out.printf(Locale.ROOT, "... and %d more countries%n", countries.size() - TOP);
                break;
            }
            out.printf(
                    Locale.ROOT,
                    "%s %8s %15s %13s %15s%n",
                    fit(c.country(), 22),
                    count(c.orders()),
                    money(c.grossRevenue()),
                    money(c.refundedAmount()),
                    money(c.netRevenue()));
        }
    }

    private String day(Instant t) {
        return t == null ? "-" : t.atZone(zone).toLocalDate().toString();
    }
}
