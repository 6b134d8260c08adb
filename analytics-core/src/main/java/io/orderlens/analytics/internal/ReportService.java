package io.orderlens.analytics.internal;

import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.period.CategoryBucket;
import io.orderlens.analytics.period.CategoryMetric;
import io.orderlens.analytics.period.CustomerBucket;
import io.orderlens.analytics.period.Granularity;
import io.orderlens.analytics.period.Metric;
import io.orderlens.analytics.period.PeriodBucket;
import io.orderlens.analytics.period.PeriodQueries;
import io.orderlens.analytics.query.ProductStats;
import io.orderlens.analytics.report.Column;
import io.orderlens.analytics.report.CustomerRow;
import io.orderlens.analytics.report.MonthlyCountryRevenue;
import io.orderlens.analytics.report.MonthlyRevenue;
import io.orderlens.analytics.report.Reconciliation;
import io.orderlens.analytics.report.ReconciliationLine;
import io.orderlens.analytics.report.Report;
import io.orderlens.analytics.report.ReportChart;
import io.orderlens.analytics.report.ReportException;
import io.orderlens.analytics.report.ReportRange;
import io.orderlens.analytics.report.ReportSink;
import io.orderlens.analytics.report.Reports;
import io.orderlens.analytics.report.Schedule;
import io.orderlens.analytics.report.ScheduledReport;
import io.orderlens.analytics.segment.MemberOrder;
import io.orderlens.analytics.segment.Rule;
import io.orderlens.analytics.segment.SegmentMember;
import io.orderlens.analytics.segment.Segments;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StatusCounts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The built-in reports over the stored counters, and the instance's scheduler. Thread-safe. */
public final class ReportService implements Reports {
    private final AnalyticsStore store;
    private final QueryService queries;
    private final PeriodQueries periods;
    private final Segments segments;
    private final Calculators calc;
    private final Runnable requireOpen;
    private final ReportScheduler scheduler;
    private final Report<MonthlyRevenue> monthlyRevenue;
    private final Report<MonthlyCountryRevenue> monthlyByCountry;
    private final Report<CategoryBucket> monthlyByCategory;
    private final Report<ProductStats> products;
    private final Report<CustomerRow> customers;
    private final Report<ReconciliationLine> reconciliation;

    /** @param requireOpen throws {@link IllegalStateException} once the instance is closed */
    public ReportService(
            AnalyticsStore store,
            QueryService queries,
            PeriodQueries periods,
            Segments segments,
            Calculators calc,
            ReportScheduler scheduler,
            Runnable requireOpen) {
        this.store = store;
        this.queries = queries;
        this.periods = periods;
        this.segments = segments;
        this.calc = calc;
        this.scheduler = scheduler;
        this.requireOpen = requireOpen;
        this.monthlyRevenue = Report.<MonthlyRevenue>builder("monthly-revenue")
                .title("Monthly revenue")
                .column(Column.text("month", r -> r.month().label()))
                .column(Column.date("from", r -> r.month().start()))
                .column(Column.date("to", r -> r.month().end()))
                .column(Column.integer("orders", r -> r.month().totals().orders()))
                .column(Column.decimal("gross", r -> r.month().totals().grossRevenue()))
                .column(Column.integer("refunds", r -> r.month().totals().refunds()))
                .column(Column.decimal("refunded", r -> r.month().totals().refundedAmount()))
                .column(Column.decimal("net", r -> r.month().totals().netRevenue()))
                .column(Column.decimal(
                        "average_order_value", r -> r.month().totals().averageOrderValue()))
                .column(Column.integer("items", r -> r.month().totals().items()))
                .column(Column.integer("new_customers", r -> r.customers().newCustomers()))
                .column(Column.integer("returning_customers", r -> r.customers().returningCustomers()))
                .column(Column.integer("active_customers", r -> r.customers().activeCustomers()))
                .column(Column.integer("cancellations", r -> r.month().totals().cancellations()))
                .column(Column.decimal(
                        "net_change",
                        r -> r.month().change().get(Metric.NET_REVENUE).absolute()))
                .column(Column.decimal(
                        "net_change_percent",
                        r -> r.month().change().get(Metric.NET_REVENUE).percent()))
                .column(Column.decimal(
                        "net_year_earlier",
                        r -> r.month().yearEarlier() == null
                                ? null
                                : r.month().yearEarlier().netRevenue()))
                .column(Column.decimal(
                        "net_year_over_year_percent",
                        r -> r.month().yearOverYear().containsKey(Metric.NET_REVENUE)
                                ? r.month()
                                        .yearOverYear()
                                        .get(Metric.NET_REVENUE)
                                        .percent()
                                : null))
                .chart(ReportChart.of("month", "gross", "refunded"))
                .rows(this::months)
                .build();
        this.monthlyByCountry = Report.<MonthlyCountryRevenue>builder("monthly-revenue-by-country")
                .title("Monthly revenue by country")
                .column(Column.month("month", MonthlyCountryRevenue::month))
                .column(Column.text("country", MonthlyCountryRevenue::country))
                .column(Column.integer("orders", MonthlyCountryRevenue::orders))
                .column(Column.decimal("gross", MonthlyCountryRevenue::grossRevenue))
                .column(Column.integer("refunds", MonthlyCountryRevenue::refunds))
                .column(Column.decimal("refunded", MonthlyCountryRevenue::refundedAmount))
                .column(Column.decimal("net", MonthlyCountryRevenue::netRevenue))
                .rows(this::monthsByCountry)
                .build();
        this.monthlyByCategory = Report.<CategoryBucket>builder("monthly-revenue-by-category")
                .title("Monthly revenue by category")
                .column(Column.text("month", CategoryBucket::label))
                .column(Column.text("category", CategoryBucket::category))
                .column(Column.integer("orders", b -> b.totals().orders()))
                .column(Column.integer("units", b -> b.totals().units()))
                .column(Column.decimal("gross", b -> b.totals().grossRevenue()))
                .column(Column.integer("refunded_units", b -> b.totals().refundedUnits()))
                .column(Column.decimal("refunded", b -> b.totals().refundedAmount()))
                .column(Column.decimal("net", b -> b.totals().netRevenue()))
                .column(Column.decimal(
                        "net_change",
                        b -> b.change().get(CategoryMetric.NET_REVENUE).absolute()))
                .column(Column.decimal(
                        "net_change_percent",
                        b -> b.change().get(CategoryMetric.NET_REVENUE).percent()))
                .column(Column.decimal(
                        "net_year_earlier",
                        b -> b.yearEarlier() == null ? null : b.yearEarlier().netRevenue()))
                .column(Column.decimal(
                        "net_year_over_year_percent",
                        b -> b.yearOverYear().containsKey(CategoryMetric.NET_REVENUE)
                                ? b.yearOverYear()
                                        .get(CategoryMetric.NET_REVENUE)
                                        .percent()
                                : null))
                .rows((range, row) -> periods.byCategory(Granularity.MONTH, range.from(), range.to())
                        .buckets()
                        .forEach(row))
                .build();
        this.products = Report.<ProductStats>builder("product-performance")
                .title("Product performance")
                .column(Column.text("product", ProductStats::productId))
                .column(Column.text("name", ProductStats::name))
                .column(Column.text("category", ProductStats::category))
                .column(Column.integer("units", ProductStats::unitsSold))
                .column(Column.decimal("revenue", ProductStats::revenue))
                .column(Column.integer("orders", ProductStats::orders))
                .column(Column.decimal("rating", ProductStats::rating))
                .column(Column.instant("first_sold_at", ProductStats::firstSoldAt))
                .column(Column.instant("last_sold_at", ProductStats::lastSoldAt))
                .chart(ReportChart.of("product", "revenue"))
                .rows(this::products)
                .build();
        this.customers = Report.<CustomerRow>builder("customer-list")
                .title("Customers")
                .column(Column.text("customer", CustomerRow::customerId))
                .column(Column.integer("orders", CustomerRow::orders))
                .column(Column.decimal("spent", CustomerRow::spent))
                .column(Column.decimal("average_order_value", CustomerRow::averageOrderValue))
                .column(Column.integer("items", CustomerRow::items))
                .column(Column.text("tier", CustomerRow::tier))
                .column(Column.instant("first_order_at", CustomerRow::firstOrderAt))
                .column(Column.instant("last_order_at", CustomerRow::lastOrderAt))
                .column(Column.instant("account_created_at", CustomerRow::accountCreatedAt))
                .rows(this::customers)
                .build();
        this.reconciliation = Report.<ReconciliationLine>builder("financial-reconciliation")
                .title("Financial reconciliation")
                .column(Column.text("day", ReconciliationLine::line))
                .column(Column.integer("orders", ReconciliationLine::orders))
                .column(Column.decimal("gross", ReconciliationLine::grossRevenue))
                .column(Column.integer("refunds", ReconciliationLine::refunds))
                .column(Column.decimal("refunded", ReconciliationLine::refundedAmount))
                .column(Column.decimal("net", ReconciliationLine::netRevenue))
                .column(Column.integer("cancellations", ReconciliationLine::cancellations))
                .column(Column.bool("ties_out", ReconciliationLine::tiesOut))
                .rows((range, row) -> {
                    Reconciliation r = reconcile(range);
                    r.days().forEach(row);
                    row.accept(r.total());
                    row.accept(r.ledger());
                })
                .build();
    }

    @Override
    public Report<MonthlyRevenue> monthlyRevenue() {
        requireOpen.run();
        return monthlyRevenue;
    }

    @Override
    public Report<MonthlyCountryRevenue> monthlyRevenueByCountry() {
        requireOpen.run();
        return monthlyByCountry;
    }

    @Override
    public Report<CategoryBucket> monthlyRevenueByCategory() {
        requireOpen.run();
        return monthlyByCategory;
    }

    @Override
    public Report<ProductStats> productPerformance() {
        requireOpen.run();
        return products;
    }

    @Override
    public Report<CustomerRow> customerList() {
        requireOpen.run();
        return customers;
    }

    @Override
    public Report<ReconciliationLine> financialReconciliation() {
        requireOpen.run();
        return reconciliation;
    }

    @Override
    public Report<SegmentMember> segmentMembers(String name, Rule rule, MemberOrder order) {
        requireOpen.run();
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(order, "order");
        return Report.<SegmentMember>builder(name)
                .title("Segment members: " + name)
                .column(Column.text("customer", SegmentMember::customerId))
                .column(Column.integer("orders", SegmentMember::orders))
                .column(Column.decimal("net_spend", SegmentMember::netSpend))
                .column(Column.decimal("average_order_value", SegmentMember::averageOrderValue))
                .column(Column.instant("first_order_at", SegmentMember::firstOrderAt))
                .column(Column.instant("last_order_at", SegmentMember::lastOrderAt))
                .column(Column.integer("days_since_last_order", SegmentMember::daysSinceLastOrder))
                .rows((range, row) -> {
                    requireOpen.run();
                    LocalDate asOf = range.to();
                    long size = segments.count(rule, asOf).customers();
                    if (size > MAX_SEGMENT_MEMBERS) {
                        throw new ReportException("segment report " + name + " has " + size
                                + " members; a segment report lists at most " + MAX_SEGMENT_MEMBERS);
                    }
                    for (int offset = 0; offset < size; offset += Segments.MAX_LIMIT) {
                        List<SegmentMember> page = segments.members(rule, asOf, order, offset, Segments.MAX_LIMIT);
                        page.forEach(row);
                        if (page.size() < Segments.MAX_LIMIT) {
                            break;
                        }
                    }
                })
                .build();
    }

    @Override
    public List<Report<?>> builtIns() {
        requireOpen.run();
        return List.of(monthlyRevenue, monthlyByCountry, monthlyByCategory, products, customers, reconciliation);
    }

    @Override
    public ScheduledReport schedule(Report<?> report, Schedule schedule, ReportSink sink) {
        requireOpen.run();
        return scheduler.add(report, schedule, sink);
    }

    @Override
    public List<ScheduledReport> scheduled() {
        requireOpen.run();
        return scheduler.scheduled();
    }

    @Override
    public int runDue() {
        requireOpen.run();
        return scheduler.runDue();
    }

    // ----- row sources -----

    /** The monthly series and the months' new and returning customers, month by month. */
    private void months(ReportRange range, Consumer<? super MonthlyRevenue> row) {
        List<PeriodBucket> months =
                periods.series(Granularity.MONTH, range.from(), range.to()).buckets();
        List<CustomerBucket> customers = periods.newAndReturning(Granularity.MONTH, range.from(), range.to())
                .buckets();
        for (int i = 0; i < months.size(); i++) {
            row.accept(new MonthlyRevenue(months.get(i), customers.get(i)));
        }
    }

    private void monthsByCountry(ReportRange range, Consumer<? super MonthlyCountryRevenue> row) {
        requireOpen.run();
        QueryService.requireRange(range.from(), range.to());
        Map<YearMonth, Map<String, DayCountryCounters>> byMonth = new TreeMap<>();
        store.scan(
                Aggregate.DAY_COUNTRIES,
                Scan.dates(range.from(), range.to()),
                c -> byMonth.computeIfAbsent(YearMonth.from(c.date()), k -> new HashMap<>())
                        .merge(c.country(), c, DayCountryCounters::plus));
        for (Map.Entry<YearMonth, Map<String, DayCountryCounters>> m : byMonth.entrySet()) {
            List<MonthlyCountryRevenue> rows = new ArrayList<>();
            for (DayCountryCounters c : m.getValue().values()) {
                rows.add(new MonthlyCountryRevenue(
                        m.getKey(),
                        c.country(),
                        c.orders(),
                        QueryService.money(c.grossRevenue()),
                        c.refunds(),
                        QueryService.money(c.refundedAmount()),
                        QueryService.money(c.grossRevenue() - c.refundedAmount())));
            }
            rows.sort(Comparator.comparing(MonthlyCountryRevenue::netRevenue)
                    .reversed()
                    .thenComparing(MonthlyCountryRevenue::country));
            rows.forEach(row);
        }
    }

    private void products(ReportRange range, Consumer<? super ProductStats> row) {
        requireOpen.run();
        List<ProductStats> all = new ArrayList<>();
        store.scan(Aggregate.PRODUCTS, Scan.all(), c -> all.add(queries.productStats(c)));
        all.sort(Comparator.comparing(ProductStats::revenue).reversed().thenComparing(ProductStats::productId));
        all.forEach(row);
    }

    private void customers(ReportRange range, Consumer<? super CustomerRow> row) {
        requireOpen.run();
        store.scan(Aggregate.CUSTOMERS, Scan.all(), c -> {
            BigDecimal spent = QueryService.money(c.spent());
            row.accept(new CustomerRow(
                    c.customerId(),
                    c.orders(),
                    spent,
                    QueryService.average(c.spent(), c.orders()),
                    c.items(),
                    calc.tier(spent),
                    c.firstOrderAt(),
                    c.lastOrderAt(),
                    c.accountCreatedAt()));
        });
    }

    @Override
    public Reconciliation reconcile(ReportRange range) {
        requireOpen.run();
        QueryService.requireRange(range.from(), range.to());
        Map<LocalDate, DayCounters> stored = new HashMap<>();
        store.scan(Aggregate.DAYS, Scan.dates(range.from(), range.to()), d -> stored.put(d.date(), d));
        Map<LocalDate, DayCounters> ledger = new HashMap<>();
        long[] entries = {0};
        store.forEachLedgerEntry(e -> {
            Delta d = new Delta();
            Contributions.addTo(d, e, 1);
            boolean touches = false;
            for (DayCounters day : d.days().values()) {
                if (!day.date().isBefore(range.from()) && !day.date().isAfter(range.to())) {
                    ledger.merge(day.date(), day, DayCounters::plus);
                    touches = true;
                }
            }
            if (touches) {
                entries[0]++;
            }
        });
        List<ReconciliationLine> days = new ArrayList<>();
        List<LocalDate> mismatched = new ArrayList<>();
        DayCounters total = zeroDay(range.from());
        DayCounters ledgerTotal = zeroDay(range.from());
        for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
            DayCounters s = stored.getOrDefault(d, zeroDay(d));
            DayCounters l = ledger.getOrDefault(d, zeroDay(d));
            boolean ties = sameCounts(s, l);
            if (!ties) {
                mismatched.add(d);
            }
            days.add(line(d.toString(), s, ties));
            total = total.plus(s);
            ledgerTotal = ledgerTotal.plus(l);
        }
        boolean all = mismatched.isEmpty() && sameCounts(total, ledgerTotal);
        return new Reconciliation(
                range,
                days,
                line(ReconciliationLine.TOTAL, total, all),
                line(ReconciliationLine.LEDGER, ledgerTotal, all),
                mismatched,
                entries[0]);
    }

    private static boolean sameCounts(DayCounters a, DayCounters b) {
        return a.orders() == b.orders()
                && a.grossRevenue() == b.grossRevenue()
                && a.items() == b.items()
                && a.refunds() == b.refunds()
                && a.refundedAmount() == b.refundedAmount()
                && a.statuses().equals(b.statuses());
    }

    private static ReconciliationLine line(String label, DayCounters c, boolean tiesOut) {
        return new ReconciliationLine(
                label,
                c.orders(),
                QueryService.money(c.grossRevenue()),
                c.refunds(),
                QueryService.money(c.refundedAmount()),
                QueryService.money(c.grossRevenue() - c.refundedAmount()),
                c.statuses().get(OrderStatus.CANCELED),
                tiesOut);
    }

    private static DayCounters zeroDay(LocalDate d) {
        return new DayCounters(d, 0, 0, 0, 0, 0, StatusCounts.EMPTY);
    }
}
