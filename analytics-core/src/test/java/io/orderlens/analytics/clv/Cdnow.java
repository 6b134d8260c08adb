package io.orderlens.analytics.clv;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CDNOW reference data of Fader, Hardie and Lee, read from {@code ../shared/data/cdnow/} beside the repository
 * (or the folder in system property {@code orderlens.cdnow}).
 */
public final class Cdnow {
    private Cdnow() {}

    /** The folder holding the CDNOW files; the test is skipped, with the reason, if it is missing. */
    public static Path folder() {
        String configured = System.getProperty("orderlens.cdnow");
        List<String> candidates =
                configured != null ? List.of(configured) : List.of("../../shared/data/cdnow", "../shared/data/cdnow");
        for (String candidate : candidates) {
            Path p = Path.of(candidate);
            if (Files.isRegularFile(p.resolve("cdnow_customers_summary_with_transactions.csv"))) {
                return p;
            }
        }
        assumeTrue(
                false,
                "CDNOW data not found in " + candidates
                        + "; place the shared data folder beside the repository or set -Dorderlens.cdnow=PATH");
        throw new AssertionError("unreachable");
    }

    /** One row of the calibration summary, as printed in the file. */
    public record SummaryRow(int id, long x, BigDecimal recency, BigDecimal age, BigDecimal meanValue) {
        public PurchaseSummary toSummary() {
            return new PurchaseSummary(x, recency.doubleValue(), age.doubleValue(), meanValue);
        }
    }

    /** The calibration summary by customer id, in file order. */
    public static Map<Integer, SummaryRow> summary() throws IOException {
        Map<Integer, SummaryRow> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(folder().resolve("cdnow_customers_summary_with_transactions.csv"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(",");
            SummaryRow row = new SummaryRow(
                    Integer.parseInt(f[0]),
                    Long.parseLong(f[1]),
                    new BigDecimal(f[2]),
                    new BigDecimal(f[3]),
                    new BigDecimal(f[4]));
            rows.put(row.id(), row);
        }
        return rows;
    }

    /** The summary as the models read it. */
    public static List<PurchaseSummary> summaries() throws IOException {
        List<PurchaseSummary> out = new ArrayList<>();
        summary().values().forEach(r -> out.add(r.toSummary()));
        return out;
    }

    /** One row of the event log: customer, day (yyyyMMdd), CDs, dollar value. */
    public record Purchase(int customer, String day, int cds, BigDecimal value) {}

    /** The event log, in file order. */
    public static List<Purchase> purchases() throws IOException {
        List<Purchase> out = new ArrayList<>();
        for (String line : Files.readAllLines(folder().resolve("CDNOW_sample.txt"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            out.add(new Purchase(Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]), new BigDecimal(f[4])));
        }
        return out;
    }
}
