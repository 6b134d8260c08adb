package io.orderlens.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderlens.examples.export.ExactJson;
import io.orderlens.examples.retail.IndependentFold;
import io.orderlens.examples.retail.RetailCsv;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
}
