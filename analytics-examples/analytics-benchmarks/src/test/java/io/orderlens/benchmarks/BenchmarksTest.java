package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.orderlens.examples.retail.RetailCsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the benchmark program end to end on a small Online Retail file; checks what it prints, never timings. */
class BenchmarksTest {

    @TempDir
    Path dir;

    @Test
    void oneRunOverASmallFilePrintsEveryMeasurementWithPositiveFigures() throws IOException {
        Path input = smallRetailFile(dir, 60);
        Run run = run(
                "--input",
                input.toString(),
                "--runs",
                "1",
                "--warmup",
                "0",
                "--baseline-orders",
                "20",
                "--mongo-seconds",
                "2",
                "--top-customers",
                "5000");

        assertThat(run.status).as(run.out).isZero();
        assertThat(run.out)
                .startsWith("command: ")
                .contains("args:    --input " + input)
                .contains("cores available");
        assertThat(run.out).doesNotContain("skipped:");
        Map<String, Double> medians = medians(run.out);
        assertThat(medians.keySet())
                .contains(
                        "a.fold",
                        "a.recordAll-100",
                        "a.ratio-recordAll-100",
                        "a.recordAll-1000",
                        "a.backfill-1000",
                        "a.async-1000",
                        "a.ratio-async-1000",
                        "b.seed",
                        "b.seed-cmd",
                        "b.store-100",
                        "b.store-cmd-100",
                        "b.ratio-100",
                        "b.store-1000",
                        "b.store-cmd-1000",
                        "b.ratio-1000",
                        "c.dashboard.uncached.p50",
                        "c.dashboard.uncached.p99",
                        "c.dashboard.redis-only.p50",
                        "c.dashboard.redis-only.p99",
                        "c.dashboard.cached.p50",
                        "c.dashboard.cached.p99",
                        "c.dashboard.ratio.p50",
                        "c.dashboard.near-gain.p50",
                        "c.customer.uncached.p50",
                        "c.customer.redis-only.p50",
                        "c.customer.cached.p50",
                        "c.customer.ratio.p50",
                        "c.customer.near-gain.p50",
                        "d.memory-1",
                        "d.memory-apply-1",
                        "d.memory-1000",
                        "d.memory-apply-1000",
                        "d.mongo-1",
                        "d.mongo-cmd-1",
                        "d.mongo-1000",
                        "d.mongo-cmd-1000",
                        "t.topCustomers-1000.p50",
                        "t.topCustomers-1000.first",
                        "t.full-sort",
                        "r.profile.memory.p50",
                        "r.profile.mongo.p50",
                        "r.top10.memory.p50",
                        "r.top10.mongo.p50",
                        "r.top10.mongo.first",
                        "r.daily30.mongo.p50",
                        "r.dashboard.mongo.p50",
                        "p.parse",
                        "p.read-map");
        // a ratio is printed with two decimals, so a tiny file can make one read 0.00; every other figure is a count
        // or a rate of work that was done
        assertThat(medians).allSatisfy((id, median) -> {
            if (id.contains("ratio")) {
                assertThat(median).as(id).isNotNegative();
            } else {
                assertThat(median).as(id).isPositive();
            }
        });
        assertThat(run.out).contains("every replay's dashboard shows the same");
        for (String query : List.of("c.dashboard", "c.customer")) {
            assertThat(medians.get(query + ".redis-only.cmd"))
                    .as("generation read + GET")
                    .isEqualTo(2.0);
            assertThat(medians.get(query + ".cached.cmd"))
                    .as("generation read only")
                    .isEqualTo(1.0);
        }
    }

    @Test
    void asyncBatchesOfOneApplyOncePerOrderAndBatchesOfTenTenTimesLess() throws IOException {
        Path input = smallRetailFile(dir, 60);
        Run run =
                run("--input", input.toString(), "--only", "d", "--runs", "1", "--warmup", "0", "--mongo-seconds", "2");

        Map<String, Double> medians = medians(run.out);
        assertThat(medians.get("d.memory-apply-1")).isEqualTo(1.0);
        assertThat(medians.get("d.memory-apply-10")).isEqualTo(0.1);
        assertThat(medians).doesNotContainKeys("a.fold", "b.seed", "c.dashboard.cached.p50");
    }

    @Test
    void exposuresAreMeasuredInMemoryAndOnMongoNextToTheOrderPath() throws IOException {
        Path input = smallRetailFile(dir, 60);
        Run run =
                run("--input", input.toString(), "--only", "e", "--runs", "1", "--warmup", "0", "--mongo-seconds", "2");

        assertThat(run.status).as(run.out).isZero();
        Map<String, Double> medians = medians(run.out);
        assertThat(medians)
                .containsKeys("e.exposures-memory", "e.exposures-mongo", "e.orders-mongo", "e.ratio-mongo")
                .doesNotContainKeys("a.fold", "b.seed", "d.memory-apply-1");
        assertThat(medians.get("e.exposures-memory")).isPositive();
        assertThat(medians.get("e.exposures-mongo")).isPositive();
        assertThat(run.out).contains("exposures/s");
    }

    @Test
    void theRunnerReplayIsTimedNextToAnOlderBuildsWithTheSameTotals() throws IOException {
        Path jar = Path.of("../target/analytics-examples.jar");
        assumeTrue(Files.isRegularFile(jar), "the example jar is built by the reactor before this module's tests");
        Path input = smallRetailFile(dir, 60);
        Run run = run(
                "--input",
                input.toString(),
                "--only",
                "p",
                "--runs",
                "1",
                "--warmup",
                "0",
                "--old-runner",
                jar.toString(),
                "--runner",
                jar.toString());

        assertThat(run.status).as(run.out + run.err).isZero();
        Map<String, Double> medians = medians(run.out);
        assertThat(medians)
                .containsKeys(
                        "p.parse",
                        "p.read-map",
                        "p.runner-old",
                        "p.runner-new",
                        "p.runner-ratio",
                        "p.feed-old",
                        "p.feed-new",
                        "p.feed-ratio")
                .doesNotContainKeys("a.fold", "r.profile.memory.p50");
        assertThat(medians.get("p.runner-old")).isPositive();
        assertThat(medians.get("p.runner-new")).isPositive();
        assertThat(medians.get("p.parse")).isPositive();
        assertThat(run.out).contains("every old and new run printed the same totals line");
    }

    @Test
    void anOldRunnerThatIsNotAFileIsRejectedBeforeAnythingRuns() {
        Path missing = dir.resolve("old.jar");
        Run run = run("--only", "p", "--old-runner", missing.toString());

        assertThat(run.status).isEqualTo(Benchmarks.USAGE_ERROR);
        assertThat(run.out).isEmpty();
        assertThat(run.err).isEqualTo("error: --old-runner: no such file: " + missing.toAbsolutePath() + "\n");
    }

    @Test
    void aRunCountBelowOneIsRejectedWithItsValue() {
        Run run = run("--runs", "0");

        assertThat(run.status).isEqualTo(Benchmarks.USAGE_ERROR);
        assertThat(run.out).isEmpty();
        assertThat(run.err).isEqualTo("error: --runs must be at least 1, got 0\n");
    }

    @Test
    void anUnknownMeasurementIsRejectedByName() {
        Run run = run("--only", "a,x");

        assertThat(run.status).isEqualTo(Benchmarks.USAGE_ERROR);
        assertThat(run.err).contains("got 'x'");
    }

    @Test
    void aMissingInputFileIsReportedWithItsPathAndNothingRuns() {
        Path missing = dir.resolve("nothing-here.csv.gz");
        Run run = run("--input", missing.toString(), "--runs", "1");

        assertThat(run.status).isEqualTo(Benchmarks.USAGE_ERROR);
        assertThat(run.out).isEmpty();
        assertThat(run.err).startsWith("error: cannot read the input " + missing);
    }

    @Test
    void helpPrintsTheOptionsAndRunsNothing() {
        Run run = run("--help");

        assertThat(run.status).isZero();
        assertThat(run.out)
                .startsWith("usage: java -Xmx2g -jar analytics-benchmarks.jar")
                .contains("--mongo-seconds N")
                .contains("org.openjdk.jmh.Main")
                .doesNotContain("command:");
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream p = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            status = Benchmarks.run(args, o, p);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), progress.toString(StandardCharsets.UTF_8));
    }

    /** The median column of every measured row, by id. */
    private static Map<String, Double> medians(String report) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : report.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length < 4
                    || !line.startsWith("| ")
                    || cells[1].isBlank()
                    || cells[1].trim().equals("id")) {
                continue;
            }
            String median = cells[3].trim();
            if (!median.startsWith("skipped")) {
                out.put(cells[1].trim(), Double.parseDouble(median.replace(",", "")));
            }
        }
        return out;
    }

    /**
     * {@code invoices} invoices over five days and nine customers, three lines each, every tenth one a cancellation
     * of one line.
     */
    static Path smallRetailFile(Path dir, int invoices) throws IOException {
        List<String> rows = new ArrayList<>();
        String[] prices = {"1.25", "0.85", "2.10"};
        for (int i = 0; i < invoices; i++) {
            String customer = (12_000 + i % 9) + ".0";
            String date = String.format(Locale.ROOT, "2011-03-0%d %02d:%02d:00", 1 + i % 5, 8 + i % 12, i % 60);
            String country = i % 4 == 0 ? "France" : "United Kingdom";
            if (i % 10 == 9) {
                rows.add(String.format(
                        Locale.ROOT,
                        "C%d,2100%d,CANDLE,-%d,%s,%s,%s,%s",
                        5_000 + i,
                        i % 7,
                        1 + i % 3,
                        date,
                        prices[0],
                        customer,
                        country));
                continue;
            }
            for (int j = 0; j < 3; j++) {
                rows.add(String.format(
                        Locale.ROOT,
                        "%d,2100%d,\"MUG, BLUE %d\",%d,%s,%s,%s,%s",
                        5_000 + i,
                        (i + j) % 7,
                        j,
                        1 + (i + j) % 4,
                        date,
                        prices[j],
                        customer,
                        country));
            }
        }
        Path file = dir.resolve("retail.csv");
        Files.writeString(file, RetailCsv.text(rows.toArray(new String[0])));
        return file;
    }
}
