package io.orderlens.analytics.report;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.period.PeriodBucket;
import io.orderlens.analytics.period.PeriodTotals;
import io.orderlens.analytics.query.DailyStats;
import io.orderlens.analytics.query.ProductStats;
import io.orderlens.analytics.segment.CustomerField;
import io.orderlens.analytics.segment.MemberOrder;
import io.orderlens.analytics.segment.Operator;
import io.orderlens.analytics.segment.Rule;
import io.orderlens.analytics.segment.SegmentMember;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.StatusCounts;
import io.orderlens.analytics.testing.AnalyticsFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Built-in reports over the stored counters (business zone Asia/Kolkata)")
class BuiltInReportsTest {
    static final ReportRange MAY_JUNE = ReportRange.of(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 30));

    final AnalyticsFixture f = new AnalyticsFixture();
    final Analytics a = f.analytics;
    final Reports reports = a.reports();

    @BeforeEach
    void history() {
        // 20:00 UTC on May 31 is 01:30 on June 1 in Kolkata: a June order
        f.deliver(order("o-1", "c-1", Instant.parse("2026-05-31T20:00:00Z"), "IN", line("tea", "drinks", 2, "20")));
        f.deliver(order("o-2", "c-2", Instant.parse("2026-05-10T10:00:00Z"), "DE", line("cake", "sweets", 1, "100")));
        f.deliver(order("o-3", "c-1", Instant.parse("2026-06-15T10:00:00Z"), "IN", line("bun", "sweets", 3, "10")));
        Instant at = Instant.parse("2026-06-20T10:00:00Z");
        a.record(OrderEvent.placed(order("o-4", "c-3", at, "IN", line("pie", "sweets", 1, "50"))));
        a.record(OrderEvent.canceled("o-4", at.plusSeconds(60)));
        a.record(OrderEvent.refunded(Refund.full("r-1", "o-2", Instant.parse("2026-06-05T10:00:00Z"))));
    }

    @AfterEach
    void close() {
        a.close();
    }

    static <T> List<T> rows(Report<T> report, ReportRange range) {
        List<T> out = new ArrayList<>();
        report.forEachRow(range, out::add);
        return out;
    }

    static List<CSVRecord> csv(Report<?> report, ReportRange range) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeCsv(range, out);
        try (CSVParser p = CSVParser.parse(new StringReader(out.toString(StandardCharsets.UTF_8)), CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    @Test
    void monthlyRevenueBucketsDaysByTheBusinessZonesMonth() {
        List<PeriodBucket> months = rows(reports.monthlyRevenue(), MAY_JUNE).stream()
                .map(MonthlyRevenue::month)
                .toList();
        assertThat(months).extracting(PeriodBucket::label).containsExactly("2026-05", "2026-06");
        PeriodTotals may = months.get(0).totals();
        assertThat(may.orders()).isEqualTo(1);
        assertThat(may.grossRevenue()).isEqualByComparingTo("100");
        assertThat(may.refundedAmount()).isEqualByComparingTo("0");
        assertThat(may.newCustomers()).isEqualTo(1);
        PeriodTotals june = months.get(1).totals();
        assertThat(june.orders()).isEqualTo(2);
        assertThat(june.grossRevenue()).isEqualByComparingTo("70");
        assertThat(june.refunds()).isEqualTo(1);
        assertThat(june.refundedAmount()).isEqualByComparingTo("100");
        assertThat(june.netRevenue()).isEqualByComparingTo("-30");
        assertThat(june.averageOrderValue()).isEqualTo(new BigDecimal("35.00"));
        assertThat(june.items()).isEqualTo(5);
        assertThat(june.newCustomers()).isEqualTo(1);
        assertThat(june.cancellations()).isEqualTo(1);
    }

    @Test
    void monthlyRevenueCsvCarriesTheChangeAgainstThePreviousMonthAndLeavesAnUndefinedPercentEmpty() throws IOException {
        List<CSVRecord> records = csv(reports.monthlyRevenue(), MAY_JUNE);
        List<String> header = records.get(0).toList();
        CSVRecord may = records.get(1);
        CSVRecord june = records.get(2);
        assertThat(may.get(header.indexOf("net_change"))).isEqualTo("100.00");
        assertThat(may.get(header.indexOf("net_change_percent")))
                .as("April's net was zero")
                .isEmpty();
        assertThat(june.get(header.indexOf("net"))).isEqualTo("-30.00");
        assertThat(june.get(header.indexOf("net_change"))).isEqualTo("-130.00");
        assertThat(june.get(header.indexOf("net_change_percent"))).isEqualTo("-130.00");
        assertThat(june.get(header.indexOf("from"))).isEqualTo("2026-06-01");
    }

    @Test
    void monthlyRevenueEqualsTheDailySeriesSummedOverEachWholeMonth() {
        ReportRange range = ReportRange.of(LocalDate.of(2026, 5, 20), LocalDate.of(2026, 7, 3));
        List<DailyStats> days = a.queries().daily(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 7, 31));
        List<PeriodBucket> months = rows(reports.monthlyRevenue(), range).stream()
                .map(MonthlyRevenue::month)
                .toList();
        assertThat(months).hasSize(3);
        for (PeriodBucket m : months) {
            List<DailyStats> in = days.stream()
                    .filter(d -> !d.date().isBefore(m.start()) && !d.date().isAfter(m.end()))
                    .toList();
            assertThat(in).hasSize(m.end().getDayOfMonth());
            assertThat(m.totals().orders())
                    .isEqualTo(in.stream().mapToLong(DailyStats::orders).sum());
            assertThat(m.totals().grossRevenue())
                    .isEqualByComparingTo(
                            in.stream().map(DailyStats::grossRevenue).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(m.totals().netRevenue())
                    .isEqualByComparingTo(
                            in.stream().map(DailyStats::netRevenue).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(m.totals().newCustomers())
                    .isEqualTo(in.stream().mapToLong(DailyStats::newCustomers).sum());
            assertThat(m.totals().cancellations())
                    .isEqualTo(in.stream().mapToLong(DailyStats::cancellations).sum());
        }
        assertThat(months.get(2).totals().orders()).as("July is zero-filled").isZero();
    }

    @Test
    void monthlyRevenueCountsNewReturningAndActiveCustomersFromTheirCountedOrders() throws IOException {
        // c-2's May order is fully refunded: not a counted order, so c-2 is neither new nor returning
        f.deliver(order("o-5", "c-2", Instant.parse("2026-06-25T10:00:00Z"), "DE", line("tea", "drinks", 1, "20")));
        f.deliver(order("o-6", "c-4", Instant.parse("2026-05-02T10:00:00Z"), "IN", line("tea", "drinks", 1, "20")));
        f.deliver(order("o-7", "c-4", Instant.parse("2026-06-02T10:00:00Z"), "IN", line("tea", "drinks", 1, "20")));

        List<MonthlyRevenue> months = rows(reports.monthlyRevenue(), MAY_JUNE);

        assertThat(months)
                .extracting(m -> m.customers().label() + " " + m.customers().newCustomers() + " "
                        + m.customers().returningCustomers() + " "
                        + m.customers().activeCustomers())
                .containsExactly("2026-05 1 0 1", "2026-06 2 1 3");
        List<CSVRecord> records = csv(reports.monthlyRevenue(), MAY_JUNE);
        List<String> header = records.get(0).toList();
        assertThat(header)
                .containsSubsequence(
                        "items", "new_customers", "returning_customers", "active_customers", "cancellations");
        assertThat(records.get(2).get(header.indexOf("new_customers"))).isEqualTo("2");
        assertThat(records.get(2).get(header.indexOf("returning_customers"))).isEqualTo("1");
        assertThat(records.get(2).get(header.indexOf("active_customers"))).isEqualTo("3");
    }

    @Test
    void monthlyRevenueByCategoryZeroFillsEachCategoryAndDatesRefundsByTheirDay() throws IOException {
        List<CSVRecord> records = csv(reports.monthlyRevenueByCategory(), MAY_JUNE);

        assertThat(records.get(0).values())
                .containsExactly(
                        "month",
                        "category",
                        "orders",
                        "units",
                        "gross",
                        "refunded_units",
                        "refunded",
                        "net",
                        "net_change",
                        "net_change_percent",
                        "net_year_earlier",
                        "net_year_over_year_percent");
        // o-4 (pie, sweets) was canceled; o-2's cake (sweets, May) was refunded in full in June
        assertThat(records.subList(1, records.size()))
                .extracting(r -> String.join(" ", r.values()))
                .containsExactly(
                        "2026-05 drinks 0 0 0.00 0 0.00 0.00 0.00  0.00 ",
                        "2026-05 sweets 1 1 100.00 0 0.00 100.00 100.00  0.00 ",
                        "2026-06 drinks 1 2 40.00 0 0.00 40.00 40.00  0.00 ",
                        "2026-06 sweets 1 3 30.00 1 100.00 -70.00 -170.00 -170.00 0.00 ");
        ByteArrayOutputStream html = new ByteArrayOutputStream();
        assertThat(reports.monthlyRevenueByCategory().writeHtml(MAY_JUNE, html)).isEqualTo(4);
        assertThat(html.toString(StandardCharsets.UTF_8)).contains("Monthly revenue by category", "sweets");
    }

    @Test
    void monthlyRevenueByCountryRanksCountriesByNetWithinEachMonth() {
        List<MonthlyCountryRevenue> rows = rows(reports.monthlyRevenueByCountry(), MAY_JUNE);
        assertThat(rows)
                .extracting(r -> r.month() + " " + r.country() + " " + r.orders() + " "
                        + r.netRevenue().stripTrailingZeros().toPlainString())
                .containsExactly("2026-05 DE 1 100", "2026-06 IN 2 70", "2026-06 DE 0 -100");
    }

    @Test
    void productPerformanceListsEveryProductByNetRevenue() throws IOException {
        List<ProductStats> rows = rows(reports.productPerformance(), MAY_JUNE);
        assertThat(rows)
                .extracting(ProductStats::productId)
                .startsWith("tea", "bun", "cake")
                .doesNotContain("pie");
        assertThat(rows.get(0).revenue()).isEqualByComparingTo("40");
        List<CSVRecord> records = csv(reports.productPerformance(), MAY_JUNE);
        assertThat(records.get(0).values())
                .containsExactly(
                        "product",
                        "name",
                        "category",
                        "units",
                        "revenue",
                        "orders",
                        "rating",
                        "first_sold_at",
                        "last_sold_at");
        assertThat(records.get(1).values()).startsWith("tea", "tea name", "drinks", "2", "40.00", "1", "4.0");
        assertThat(records.get(1).get(7)).isEqualTo("2026-05-31T20:00:00Z");
    }

    @Test
    void theCustomerListHoldsEveryCustomerRow() {
        List<CustomerRow> rows = rows(reports.customerList(), MAY_JUNE);
        CustomerRow c1 = rows.stream()
                .filter(r -> r.customerId().equals("c-1"))
                .findFirst()
                .orElseThrow();
        assertThat(c1.orders()).isEqualTo(2);
        assertThat(c1.spent()).isEqualByComparingTo("70");
        assertThat(c1.averageOrderValue()).isEqualTo(new BigDecimal("35.00"));
        assertThat(c1.firstOrderAt()).isEqualTo(Instant.parse("2026-05-31T20:00:00Z"));
        CustomerRow c2 = rows.stream()
                .filter(r -> r.customerId().equals("c-2"))
                .findFirst()
                .orElseThrow();
        assertThat(c2.orders())
                .as("a full refund removes the order from the customer")
                .isZero();
        assertThat(rows).extracting(CustomerRow::customerId).doesNotHaveDuplicates();
    }

    @Test
    void theReconciliationTiesOutToTheLedger() throws IOException {
        Reconciliation r = reports.reconcile(MAY_JUNE);
        assertThat(r.tiesOut()).isTrue();
        assertThat(r.days()).hasSize(61);
        assertThat(r.total().orders()).isEqualTo(3);
        assertThat(r.total().grossRevenue()).isEqualByComparingTo("170");
        assertThat(r.total().refundedAmount()).isEqualByComparingTo("100");
        assertThat(r.total().netRevenue()).isEqualByComparingTo("70");
        assertThat(r.total().cancellations()).isEqualTo(1);
        assertThat(r.ledger()).usingRecursiveComparison().ignoringFields("line").isEqualTo(r.total());
        assertThat(r.ledgerEntries()).isEqualTo(4);
        List<CSVRecord> records = csv(reports.financialReconciliation(), MAY_JUNE);
        assertThat(records).hasSize(1 + 61 + 2);
        assertThat(records.get(62).values())
                .containsExactly("total", "3", "170.00", "1", "100.00", "70.00", "1", "true");
        assertThat(records.get(63).values())
                .containsExactly("ledger", "3", "170.00", "1", "100.00", "70.00", "1", "true");
    }

    @Test
    void aDayThatDriftedFromTheLedgerIsNamedAndTheCheckFails() {
        LocalDate day = LocalDate.of(2026, 6, 15);
        Delta corrupted = f.store.snapshot().add(new DayCounters(day, 1, 12_3400, 1, 0, 0, StatusCounts.EMPTY));
        f.store.replaceAggregates(corrupted);
        Reconciliation r = reports.reconcile(MAY_JUNE);
        assertThat(r.tiesOut()).isFalse();
        assertThat(r.mismatchedDays()).containsExactly(day);
        assertThat(r.days().stream().filter(l -> !l.tiesOut()).map(ReconciliationLine::line))
                .containsExactly("2026-06-15");
        assertThat(r.total().tiesOut()).isFalse();
        assertThat(r.total().grossRevenue().subtract(r.ledger().grossRevenue())).isEqualByComparingTo("12.34");
    }

    @Test
    void htmlIsSelfContainedWithAChartAndEscapesText() {
        Instant at = Instant.parse("2026-06-25T10:00:00Z");
        f.deliver(new Order(
                "o-5",
                Customer.of("c-5"),
                at,
                List.of(new LineItem("evil", "<script>alert(1)</script>", "x&y", 1, new BigDecimal("5"))),
                "IN"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = reports.productPerformance().writeHtml(MAY_JUNE, out);
        String html = out.toString(StandardCharsets.UTF_8);
        assertThat(n).isEqualTo(4);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "<table", "Product performance", "4 rows");
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;", "x&amp;y");
        assertThat(html).doesNotContain("src=", "<link", "url(", "@import");
        ByteArrayOutputStream monthly = new ByteArrayOutputStream();
        reports.monthlyRevenue().write(MAY_JUNE, ReportFormat.HTML, monthly);
        assertThat(monthly.toString(StandardCharsets.UTF_8))
                .contains("<polygon", "2026-06", "<td class=\"n\">-25.00</td>");
    }

    @Test
    void aSegmentsMembersAreAReportAsOfTheRangesLastDay() throws IOException {
        Report<SegmentMember> repeat = reports.segmentMembers(
                "repeat-customers", Rule.where(CustomerField.ORDERS, Operator.GT, 1), MemberOrder.SPEND);
        List<CSVRecord> records = csv(repeat, MAY_JUNE);
        assertThat(records.get(0).values())
                .containsExactly(
                        "customer",
                        "orders",
                        "net_spend",
                        "average_order_value",
                        "first_order_at",
                        "last_order_at",
                        "days_since_last_order");
        assertThat(records).hasSize(2);
        assertThat(records.get(1).values())
                .containsExactly("c-1", "2", "70.00", "35.00", "2026-05-31T20:00:00Z", "2026-06-15T10:00:00Z", "15");
        assertThatThrownBy(() -> reports.segmentMembers(
                        "Bad Name", Rule.where(CustomerField.ORDERS, Operator.GT, 1), MemberOrder.SPEND))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSegmentLargerThanTheReportBoundFailsBeforeItsFirstRow() {
        List<OrderEvent> events = new ArrayList<>();
        Instant at = Instant.parse("2026-06-01T10:00:00Z");
        for (int i = 0; i <= Reports.MAX_SEGMENT_MEMBERS; i++) {
            Order o = order("b-" + i, "bulk-" + i, at, "IN", line("tea", "drinks", 1, "1"));
            events.add(OrderEvent.placed(o));
            events.add(OrderEvent.delivered(o.orderId(), at));
            if (events.size() >= 20_000) {
                a.recordAll(events);
                events.clear();
            }
        }
        a.recordAll(events);
        Report<SegmentMember> everyone = reports.segmentMembers(
                "everyone", Rule.where(CustomerField.ORDERS, Operator.GT, 0), MemberOrder.CUSTOMER_ID);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> everyone.writeCsv(MAY_JUNE, out))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("has 101002 members; a segment report lists at most 101000");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("bulk-");
    }

    @Test
    void rangesBeyondTheQueryLimitsAreRefused() {
        ReportRange tooLong = ReportRange.of(LocalDate.of(2000, 1, 1), LocalDate.of(2015, 1, 1));
        assertThatThrownBy(() -> rows(reports.monthlyRevenue(), tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 3660 days");
        assertThatThrownBy(() -> reports.reconcile(ReportRange.of(LocalDate.of(1800, 1, 1), LocalDate.of(1800, 1, 2))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedInstanceRefusesReportsAndTheirRowSources() {
        Report<MonthlyRevenue> monthly = reports.monthlyRevenue();
        a.close();
        assertThatThrownBy(a::reports).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rows(monthly, MAY_JUNE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(reports::runDue).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builtInsAreListedOnceEachWithDistinctNames() {
        assertThat(reports.builtIns())
                .extracting(Report::name)
                .containsExactly(
                        "monthly-revenue",
                        "monthly-revenue-by-country",
                        "monthly-revenue-by-category",
                        "product-performance",
                        "customer-list",
                        "financial-reconciliation");
    }
}
