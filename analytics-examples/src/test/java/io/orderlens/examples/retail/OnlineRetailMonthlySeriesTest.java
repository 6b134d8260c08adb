package io.orderlens.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.period.CategoryBucket;
import io.orderlens.analytics.period.CategorySeries;
import io.orderlens.analytics.period.CustomerBucket;
import io.orderlens.analytics.period.CustomerSeries;
import io.orderlens.analytics.period.Granularity;
import io.orderlens.analytics.period.Metric;
import io.orderlens.analytics.period.PeriodBucket;
import io.orderlens.analytics.period.PeriodSeries;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monthly series of the whole Online Retail replay, checked month by month against the plain fold of the CSV:
 * orders and gross revenue by the month of the invoice's earliest UK time, refunds by the month of the credit note,
 * new customers by the month of their first invoice, returning customers as those with an invoice in a month after
 * the month of their first, and revenue by category (the stock code's range) the same way.
 */
class OnlineRetailMonthlySeriesTest {
    private static IndependentFold fold;
    private static PeriodSeries series;
    private static CustomerSeries customers;
    private static CategorySeries byCategory;

    @BeforeAll
    static void replay() throws IOException {
        Optional<Path> file = RetailCsv.completeFile();
        assumeTrue(file.isPresent(), RetailCsv.MISSING);
        fold = IndependentFold.cached(file.get());
        try (Analytics analytics =
                        Analytics.builder().zone(OnlineRetailMapping.ZONE).build();
                OnlineRetailReader reader = OnlineRetailReader.open(file.get())) {
            OnlineRetailMapping.Source source = OnlineRetailMapping.events(reader);
            List<OrderEvent> batch = new ArrayList<>();
            while (source.hasNext()) {
                batch.add(source.next());
                if (batch.size() == 1_000) {
                    analytics.recordAll(batch);
                    batch.clear();
                }
            }
            analytics.recordAll(batch);
            LocalDate from = LocalDate.parse("2010-12-01");
            LocalDate to = LocalDate.parse("2011-12-09");
            series = analytics.periods().series(Granularity.MONTH, from, to);
            customers = analytics.periods().newAndReturning(Granularity.MONTH, from, to);
            byCategory = analytics.periods().byCategory(Granularity.MONTH, from, to);
        }
    }

    @Test
    void everyMonthMatchesThePlainFoldOfTheCsv() {
        Map<String, long[]> counts = new TreeMap<>(); // month → orders, refunds, new customers
        Map<String, BigDecimal> gross = new HashMap<>();
        Map<String, BigDecimal> refunded = new HashMap<>();
        Map<String, String> firstOrder = new HashMap<>();
        fold.invoiceTime.forEach((invoice, time) -> {
            String month = time.substring(0, 7);
            long[] c = counts.computeIfAbsent(month, m -> new long[3]);
            BigDecimal amount = fold.invoiceAmount.get(invoice);
            if (invoice.startsWith("C")) {
                c[1]++;
                refunded.merge(month, amount.negate(), BigDecimal::add);
            } else {
                c[0]++;
                gross.merge(month, amount, BigDecimal::add);
                firstOrder.merge(fold.invoiceCustomer.get(invoice), time, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        });
        firstOrder.values().forEach(t -> counts.get(t.substring(0, 7))[2]++);

        assertThat(series.buckets()).extracting(PeriodBucket::label).containsExactlyElementsOf(counts.keySet());
        for (PeriodBucket b : series.buckets()) {
            long[] c = counts.get(b.label());
            BigDecimal g = gross.getOrDefault(b.label(), BigDecimal.ZERO);
            BigDecimal r = refunded.getOrDefault(b.label(), BigDecimal.ZERO);
            assertThat(b.totals().orders()).as("orders %s", b.label()).isEqualTo(c[0]);
            assertThat(b.totals().refunds()).as("refunds %s", b.label()).isEqualTo(c[1]);
            assertThat(b.totals().newCustomers())
                    .as("new customers %s", b.label())
                    .isEqualTo(c[2]);
            assertThat(b.totals().grossRevenue()).as("gross %s", b.label()).isEqualByComparingTo(g);
            assertThat(b.totals().refundedAmount()).as("refunded %s", b.label()).isEqualByComparingTo(r);
            assertThat(b.totals().netRevenue()).as("net %s", b.label()).isEqualByComparingTo(g.subtract(r));
        }
        assertThat(series.summary().get(Metric.GROSS_REVENUE).sum()).isEqualByComparingTo(fold.gross);
        assertThat(series.summary().get(Metric.NEW_CUSTOMERS).sum()).isEqualTo(new BigDecimal(firstOrder.size()));
    }

    @Test
    void eachMonthsChangeIsAgainstTheMonthBeforeAndDecemberComparesWithTheDecemberBefore() {
        List<PeriodBucket> b = series.buckets();
        for (int i = 1; i < b.size(); i++) {
            assertThat(b.get(i).previous()).isEqualTo(b.get(i - 1).totals());
            BigDecimal before = b.get(i - 1).totals().grossRevenue();
            BigDecimal now = b.get(i).totals().grossRevenue();
            assertThat(b.get(i).change().get(Metric.GROSS_REVENUE).absolute())
                    .isEqualByComparingTo(now.subtract(before));
        }
        // the data starts on 2010-12-01: December 2010 has no orders a month or a year earlier
        assertThat(b.get(0).previous().orders()).isZero();
        assertThat(b.get(0).change().get(Metric.ORDERS).percent()).isNull();
        PeriodBucket december2011 = b.get(b.size() - 1);
        assertThat(december2011.label()).isEqualTo("2011-12");
        assertThat(december2011.yearEarlier()).isEqualTo(b.get(0).totals());
    }

    @Test
    void newAndReturningCustomersOfEveryMonthMatchThePlainFoldOfTheCsv() {
        Map<String, String> firstMonth = new HashMap<>();
        Map<String, Set<String>> customersByMonth = new TreeMap<>();
        fold.invoiceTime.forEach((invoice, time) -> {
            if (!invoice.startsWith("C")) {
                String customer = fold.invoiceCustomer.get(invoice);
                String month = time.substring(0, 7);
                firstMonth.merge(customer, month, (a, b) -> a.compareTo(b) <= 0 ? a : b);
                customersByMonth.computeIfAbsent(month, m -> new HashSet<>()).add(customer);
            }
        });

        assertThat(customers.buckets())
                .extracting(CustomerBucket::label)
                .containsExactlyElementsOf(
                        series.buckets().stream().map(PeriodBucket::label).toList());
        long returningInAll = 0;
        for (CustomerBucket b : customers.buckets()) {
            Set<String> active = customersByMonth.getOrDefault(b.label(), Set.of());
            long fresh = active.stream()
                    .filter(c -> firstMonth.get(c).equals(b.label()))
                    .count();
            assertThat(b.newCustomers()).as("new customers %s", b.label()).isEqualTo(fresh);
            assertThat(b.returningCustomers())
                    .as("returning customers %s", b.label())
                    .isEqualTo(active.size() - fresh);
            returningInAll += b.returningCustomers();
        }
        assertThat(customers.buckets().stream()
                        .mapToLong(CustomerBucket::newCustomers)
                        .sum())
                .isEqualTo(firstMonth.size());
        assertThat(returningInAll).as("the data has returning customers").isPositive();
    }

    @Test
    void revenueByCategoryOfEveryMonthMatchesThePlainFoldOfTheCsv() {
        Map<String, BigDecimal> gross = new HashMap<>(); // "month|category"
        Map<String, BigDecimal> refunded = new HashMap<>();
        Set<String> categories = new TreeSet<>();
        fold.invoiceAmountByCategory.forEach((invoice, amounts) -> {
            String month = fold.invoiceTime.get(invoice).substring(0, 7);
            amounts.forEach((category, amount) -> {
                categories.add(category);
                if (invoice.startsWith("C")) {
                    refunded.merge(month + "|" + category, amount.negate(), BigDecimal::add);
                } else {
                    gross.merge(month + "|" + category, amount, BigDecimal::add);
                }
            });
        });

        assertThat(byCategory.categories()).containsExactlyInAnyOrderElementsOf(categories);
        assertThat(byCategory.buckets()).hasSize(series.buckets().size() * categories.size());
        for (CategoryBucket b : byCategory.buckets()) {
            String key = b.label() + "|" + b.category();
            BigDecimal g = gross.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal r = refunded.getOrDefault(key, BigDecimal.ZERO);
            assertThat(b.totals().grossRevenue()).as("gross %s", key).isEqualByComparingTo(g);
            assertThat(b.totals().refundedAmount()).as("refunded %s", key).isEqualByComparingTo(r);
            assertThat(b.totals().netRevenue()).as("net %s", key).isEqualByComparingTo(g.subtract(r));
        }
        for (PeriodBucket month : series.buckets()) {
            BigDecimal net = byCategory.buckets().stream()
                    .filter(b -> b.label().equals(month.label()))
                    .map(b -> b.totals().netRevenue())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(net)
                    .as("every credit note names its categories, so the categories add up to the month")
                    .isEqualByComparingTo(month.totals().netRevenue());
        }
    }
}
