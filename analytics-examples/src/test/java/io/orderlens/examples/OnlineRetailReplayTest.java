package io.orderlens.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderlens.examples.export.ExactJson;
import io.orderlens.examples.retail.IndependentFold;
import io.orderlens.examples.retail.RetailCsv;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole Online Retail file replayed by the runner exactly as a user runs it, its JSON export compared figure by
 * figure with a plain fold over the CSV that shares no code with the pipeline, and with the data set's README.
 */
class OnlineRetailReplayTest {
    @TempDir
    static Path dir;

    private static JsonNode export;
    private static IndependentFold fold;
    private static RunnerHarness.Run run;

    @BeforeAll
    static void replay() throws IOException {
        Optional<Path> file = RetailCsv.completeFile();
        assumeTrue(file.isPresent(), RetailCsv.MISSING);
        Path json = dir.resolve("out.json");
        run = RunnerHarness.run(
                "--source",
                "online-retail",
                "--input",
                file.get().toString(),
                "--export-json",
                json.toString(),
                "--report",
                dir.resolve("report.html").toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        export = ExactJson.MAPPER.readTree(json.toFile());
        fold = IndependentFold.cached(file.get());
    }

    @Test
    void totalsMatchTheDataSetsReadmeAndThePlainFold() {
        JsonNode t = export.get("totals");
        assertThat(t.get("grossRevenue").decimalValue()).isEqualByComparingTo("8911407.904"); // README
        assertThat(t.get("customers").asLong()).isEqualTo(4_372); // README
        assertThat(t.get("orders").asLong()).isEqualTo(fold.orders.size());
        assertThat(t.get("refunds").asLong()).isEqualTo(fold.refunds.size());
        assertThat(t.get("grossRevenue").decimalValue()).isEqualByComparingTo(fold.gross);
        assertThat(t.get("refundedAmount").decimalValue()).isEqualByComparingTo(fold.refunded);
        assertThat(t.get("netRevenue").decimalValue()).isEqualByComparingTo(fold.gross.subtract(fold.refunded));
        assertThat(t.get("products").asLong()).isEqualTo(fold.products.size());
    }

    @Test
    void everyCustomersNetSpendMatches() {
        Map<String, BigDecimal> exported = new HashMap<>();
        export.get("customers")
                .forEach(c -> exported.put(
                        c.get("customerId").asText(), c.get("netSpent").decimalValue()));
        assertThat(exported).hasSameSizeAs(fold.netByCustomer);
        fold.netByCustomer.forEach(
                (id, net) -> assertThat(exported.get(id)).as("customer %s", id).isEqualByComparingTo(net));
    }

    @Test
    void everyProductsNetUnitsAndRevenueMatch() {
        Map<String, JsonNode> exported = new HashMap<>();
        export.get("products").forEach(p -> exported.put(p.get("productId").asText(), p));
        assertThat(exported.keySet()).isEqualTo(fold.netByProduct.keySet());
        fold.netByProduct.forEach((id, net) -> {
            assertThat(exported.get(id).get("netRevenue").decimalValue())
                    .as("product %s", id)
                    .isEqualByComparingTo(net);
            assertThat(exported.get(id).get("unitsSold").asLong())
                    .as("units of %s", id)
                    .isEqualTo(fold.netUnitsByProduct.get(id));
        });
    }

    @Test
    void everyCountrysNetRevenueMatches() {
        Map<String, BigDecimal> exported = new HashMap<>();
        export.get("countries")
                .forEach(c -> exported.put(
                        c.get("country").asText(), c.get("netRevenue").decimalValue()));
        assertThat(exported.keySet()).isEqualTo(fold.netByCountry.keySet());
        fold.netByCountry.forEach(
                (country, net) -> assertThat(exported.get(country)).as(country).isEqualByComparingTo(net));
    }

    @Test
    void everyDaysGrossRevenueIsDatedByTheInvoicesEarliestUkTime() {
        Map<LocalDate, BigDecimal> exported = new HashMap<>();
        export.get("daily").forEach(d -> {
            BigDecimal gross = d.get("grossRevenue").decimalValue();
            if (gross.signum() != 0) {
                exported.put(LocalDate.parse(d.get("date").asText()), gross);
            }
        });
        Map<LocalDate, BigDecimal> expected = fold.grossByDay();
        assertThat(exported.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (day, gross) -> assertThat(exported.get(day)).as("%s", day).isEqualByComparingTo(gross));
    }

    @Test
    void everyCustomersRfmScoresMatchAnNtileOverThePlainFold() {
        JsonNode rfm = export.get("rfm");
        LocalDate asOf = LocalDate.parse(rfm.get("asOf").asText());
        assertThat(asOf).isEqualTo(LocalDate.of(2011, 12, 9));
        assertThat(rfm.get("scoring").asText()).isEqualTo("RANK");
        Map<String, Long> orders = new TreeMap<>();
        Map<String, LocalDate> last = new HashMap<>();
        fold.invoiceCustomer.forEach((invoice, customer) -> {
            if (!invoice.startsWith("C")) {
                orders.merge(customer, 1L, Long::sum);
                LocalDate day = LocalDate.parse(fold.invoiceTime.get(invoice).substring(0, 10));
                last.merge(customer, day, (a, b) -> a.isAfter(b) ? a : b);
            }
        });
        List<String> ids = new ArrayList<>(orders.keySet());
        Map<String, Integer> r = ntile(ids, Comparator.comparing((String id) -> last.get(id)));
        Map<String, Integer> f = ntile(ids, Comparator.comparing(orders::get));
        Map<String, Integer> m = ntile(ids, Comparator.comparing(fold.netByCustomer::get));
        Map<String, JsonNode> exported = new HashMap<>();
        rfm.get("customers").forEach(c -> exported.put(c.get("customerId").asText(), c));
        assertThat(exported.keySet()).isEqualTo(orders.keySet());
        for (String id : ids) {
            JsonNode c = exported.get(id);
            assertThat(List.of(
                            c.get("recencyDays").asLong(),
                            (long) c.get("recency").asInt(),
                            (long) c.get("frequency").asInt(),
                            (long) c.get("monetary").asInt()))
                    .as("customer %s", id)
                    .containsExactly(
                            ChronoUnit.DAYS.between(last.get(id), asOf), (long) r.get(id), (long) f.get(id), (long)
                                    m.get(id));
        }
        // a handful of customers by hand: the data set's biggest spender, and two of its first customers
        assertThat(exported.get("14646").get("monetary").asInt()).isEqualTo(5);
        assertThat(exported.get("12346").get("frequency").asInt()).isEqualTo(1);
        assertThat(run.out()).contains("RFM segments as of 2011-12-09 (rank scoring, 4,339 customers)");
    }

    @Test
    void theReportHasTheRfmGridAndItsSegments() throws IOException {
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html)
                .contains("<h2>RFM grid</h2>")
                .contains("<table class=\"rfm\">")
                .contains("Can&#39;t Lose Them");
    }

    /** SQL NTILE(5) over the ids sorted worst first (ties by id): group sizes n/5, the first n%5 one larger. */
    private static Map<String, Integer> ntile(List<String> ids, Comparator<String> worstFirst) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(worstFirst.thenComparing(Comparator.naturalOrder()));
        Map<String, Integer> out = new HashMap<>();
        int at = 0;
        for (int group = 1; group <= 5; group++) {
            int size = sorted.size() / 5 + (group <= sorted.size() % 5 ? 1 : 0);
            for (int i = 0; i < size; i++) {
                out.put(sorted.get(at++), group);
            }
        }
        return out;
    }

    @Test
    void amountsAreWrittenAsPlainNumbers() throws IOException {
        String text = Files.readString(dir.resolve("out.json"));
        assertThat(text).doesNotContainPattern("[0-9][eE][+-]?[0-9]");
        assertThat(text).contains("\"grossRevenue\": 8911407.904");
    }

    @Test
    void theRunPrintsTheTopCustomersByPredictedLifetimeValue() {
        assertThat(run.out())
                .contains("== Top customers by predicted lifetime value, next 12 months (as of 2011-12-09)")
                .containsPattern("BG/NBD over 4,3[0-9]{2} customers: r [0-9.]+, alpha [0-9.]+, a [0-9.]+, b [0-9.]+;"
                        + " Gamma-Gamma over [0-9,]+: p [0-9.]+, q [0-9.]+, gamma [0-9.]+")
                .containsPattern("customer +orders +P\\(alive\\) +E\\[buys\\] +avg value +net spend +CLV")
                .containsPattern("(?m)^[0-9]{5} +[0-9,]+ +[0-9.]+% +[0-9.]+ +[0-9,.]+ +[0-9,.]+ +[0-9,.]+$");
    }

    @Test
    void theRunSummarySaysWhatTheMappingDidWithEveryRow() {
        assertThat(run.out())
                .contains("Mapping: 541,909 rows read; 135,080 skipped without CustomerID; 0 skipped as invalid")
                .contains("406,829 rows became " + String.format("%,d", fold.orders.size()) + " orders and "
                        + String.format("%,d", fold.refunds.size()) + " refunds")
                .contains("counted orders 18,536   gross 8,911,407.904");
        assertThat(Files.exists(dir.resolve("report.html"))).isTrue();
    }

    @Test
    void theFirstThreeMonthlyCohortsOverFourMonthsMatchAFoldOfTheCsv() throws IOException {
        // a customer's cohort is the month of their first invoice; refunds (C invoices) count in their own month
        Map<String, YearMonth> cohortOf = new HashMap<>();
        fold.invoiceCustomer.forEach((invoice, customer) -> {
            if (!invoice.startsWith("C")) {
                cohortOf.merge(customer, monthOf(invoice), (a, b) -> a.isBefore(b) ? a : b);
            }
        });
        Map<YearMonth, Set<String>> members = new TreeMap<>();
        cohortOf.forEach((customer, month) ->
                members.computeIfAbsent(month, k -> new HashSet<>()).add(customer));
        List<YearMonth> firstThree = members.keySet().stream().limit(3).toList();
        assertThat(firstThree).containsExactly(YearMonth.of(2010, 12), YearMonth.of(2011, 1), YearMonth.of(2011, 2));

        JsonNode cohorts = export.get("cohorts");
        for (int c = 0; c < 3; c++) {
            YearMonth cohort = firstThree.get(c);
            long[] active = new long[4];
            BigDecimal[] revenue = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
            Map<Integer, Set<String>> activeCustomers = new HashMap<>();
            fold.invoiceCustomer.forEach((invoice, customer) -> {
                if (!cohort.equals(cohortOf.get(customer))) {
                    return;
                }
                long k = cohort.until(monthOf(invoice), java.time.temporal.ChronoUnit.MONTHS);
                if (k < 0 || k > 3) {
                    return;
                }
                revenue[(int) k] = revenue[(int) k].add(fold.invoiceAmount.get(invoice));
                if (!invoice.startsWith("C")) {
                    activeCustomers
                            .computeIfAbsent((int) k, x -> new HashSet<>())
                            .add(customer);
                }
            });
            activeCustomers.forEach((k, set) -> active[k] = set.size());

            JsonNode row = cohorts.get(c);
            assertThat(row.get("cohort").asText()).isEqualTo(cohort.toString());
            assertThat(row.get("size").asLong()).isEqualTo(members.get(cohort).size());
            for (int k = 0; k < 4; k++) {
                assertThat(row.get("active").get(k).asLong())
                        .as("%s +%d", cohort, k)
                        .isEqualTo(active[k]);
                assertThat(row.get("netRevenue").get(k).decimalValue())
                        .as("revenue of %s +%d", cohort, k)
                        .isEqualByComparingTo(revenue[k]);
                assertThat(row.get("retention").get(k).decimalValue())
                        .isEqualByComparingTo(BigDecimal.valueOf(active[k])
                                .divide(BigDecimal.valueOf(members.get(cohort).size()), 4, RoundingMode.HALF_EVEN));
            }
        }
        assertThat(run.out()).contains("Cohort retention by month").contains("Acquisition funnel:");
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("Cohort retention by month")
                .contains("<table class=\"heat\">");
    }

    private static YearMonth monthOf(String invoice) {
        return YearMonth.parse(fold.invoiceTime.get(invoice).substring(0, 7));
    }
}
