package io.orderlens.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.OrderEvent;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monthly series of the whole Online Retail replay, checked month by month against the plain fold of the CSV:
 * orders and gross revenue by the month of the invoice's earliest UK time, refunds by the month of the credit note,
 * new customers by the month of their first invoice.
 */
class OnlineRetailMonthlySeriesTest {
    private static IndependentFold fold;
    private static PeriodSeries series;

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
            series = analytics
                    .periods()
                    .series(Granularity.MONTH, LocalDate.parse("2010-12-01"), LocalDate.parse("2011-12-09"));
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
}
