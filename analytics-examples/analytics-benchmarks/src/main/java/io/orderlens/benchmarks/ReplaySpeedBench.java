package io.orderlens.benchmarks;

import io.orderlens.examples.retail.OnlineRetailMapping;
import io.orderlens.examples.retail.OnlineRetailReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (p) How fast the Online Retail input is read: rows per second of the CSV reader over the whole file (gunzip and
 * UTF-8 decoding included) and of reading plus grouping into invoices and mapping to events; and, given the example
 * jar of an older build, the runner's Online Retail replay end to end (a JVM of its own per run, wall time from start
 * to exit) side by side with the current one, old and new runs alternating, each ratio taken within a pair.
 */
final class ReplaySpeedBench {
    static final double PARSE_TARGET_ROWS_PER_SECOND = 1_000_000;
    static final double RUNNER_TARGET_RATIO = 0.5;
    /** Heap of every runner JVM, the same for the old and the new build. */
    static final String RUNNER_HEAP = "-Xmx2g";

    private static final Pattern RECORDED =
            Pattern.compile("^Recorded [\\d,]+ events .* in ([\\d.]+) s ", Pattern.MULTILINE);
    private static final Pattern TOTALS = Pattern.compile("^counted orders .*$", Pattern.MULTILINE);

    private ReplaySpeedBench() {}

    static void run(BenchOptions opt, ResultTable table, Notes notes, PrintStream progress) {
        parsing(opt, table, notes, progress);
        if (opt.oldRunner() != null) {
            runners(opt, table, notes, progress);
        }
    }

    private static void parsing(BenchOptions opt, ResultTable table, Notes notes, PrintStream progress) {
        Series parse = new Series();
        Series readMap = new Series();
        long rows = 0;
        long events = 0;
        int total = opt.warmups() + opt.runs();
        for (int run = 0; run < total; run++) {
            boolean measured = run >= opt.warmups();
            progress.printf("[bench] p: parse run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
            long t0 = System.nanoTime();
            rows = readRows(opt.input());
            long t1 = System.nanoTime();
            events = readEvents(opt.input());
            long t2 = System.nanoTime();
            if (measured) {
                parse.add(rows / ((t1 - t0) / 1e9));
                readMap.add(rows / ((t2 - t1) / 1e9));
            }
        }
        table.add(
                "p.parse",
                String.format(Locale.ROOT, "CSV reader, all %,d rows, gunzip + decoding included", rows),
                parse.sample(),
                Unit.ROWS_PER_SECOND,
                Target.atLeast(PARSE_TARGET_ROWS_PER_SECOND));
        table.add(
                "p.read-map",
                String.format(Locale.ROOT, "CSV reader + grouping + mapping, %,d rows into %,d events", rows, events),
                readMap.sample(),
                Unit.ROWS_PER_SECOND,
                null);
        notes.add("p: one thread, the file read from disk each run (gunzip and decoding included)");
    }

    private static long readRows(Path file) {
        try (OnlineRetailReader reader = OnlineRetailReader.open(file)) {
            long rows = 0;
            while (reader.next() != null) {
                rows++;
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long readEvents(Path file) {
        try (OnlineRetailReader reader = OnlineRetailReader.open(file)) {
            OnlineRetailMapping.Source source = OnlineRetailMapping.events(reader);
            long events = 0;
            while (source.hasNext()) {
                Sink.consume(source.next().at().getEpochSecond());
                events++;
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One runner process: its wall time, the feed time it printed and its totals line. */
    private record RunnerRun(double seconds, double feedSeconds, String totals) {}

    private static void runners(BenchOptions opt, ResultTable table, Notes notes, PrintStream progress) {
        Series old = new Series();
        Series current = new Series();
        Series ratio = new Series();
        Series oldFeed = new Series();
        Series currentFeed = new Series();
        Series feedRatio = new Series();
        List<String> disagreements = new ArrayList<>();
        int total = opt.warmups() + opt.runs();
        for (int run = 0; run < total; run++) {
            boolean measured = run >= opt.warmups();
            progress.printf("[bench] p: runner pair %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
            RunnerRun o = runner(opt.oldRunner(), opt.input());
            RunnerRun n = runner(opt.runner(), opt.input());
            if (!o.totals().equals(n.totals())) {
                disagreements.add("run " + (run + 1) + ": old '" + o.totals() + "', new '" + n.totals() + "'");
            }
            if (measured) {
                old.add(o.seconds());
                current.add(n.seconds());
                ratio.add(n.seconds() / o.seconds());
                oldFeed.add(o.feedSeconds());
                currentFeed.add(n.feedSeconds());
                feedRatio.add(n.feedSeconds() / o.feedSeconds());
            }
        }
        table.add("p.runner-old", "runner replay end to end, old build", old.sample(), Unit.SECONDS, null);
        table.add("p.runner-new", "runner replay end to end, this build", current.sample(), Unit.SECONDS, null);
        table.add(
                "p.runner-ratio",
                "p.runner-new / p.runner-old (within each pair)",
                ratio.sample(),
                Unit.RATIO,
                Target.atMost(RUNNER_TARGET_RATIO));
        table.add("p.feed-old", "runner's 'Recorded ... in' time, old build", oldFeed.sample(), Unit.SECONDS, null);
        table.add(
                "p.feed-new", "runner's 'Recorded ... in' time, this build", currentFeed.sample(), Unit.SECONDS, null);
        table.add("p.feed-ratio", "p.feed-new / p.feed-old (within each pair)", feedRatio.sample(), Unit.RATIO, null);
        notes.add("p: runners: java " + RUNNER_HEAP + " -jar JAR --source online-retail --input " + opt.input()
                + "; old " + opt.oldRunner() + ", new " + opt.runner() + "; old and new alternate, wall time from"
                + " process start to exit, JVM start included");
        notes.add(
                disagreements.isEmpty()
                        ? "p: every old and new run printed the same totals line"
                        : "p: totals DIFFER: " + String.join("; ", disagreements));
    }

    /** Runs one runner JVM on {@code input} to its end. */
    private static RunnerRun runner(Path jar, Path input) {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log;
        try {
            log = Files.createTempFile("orderlens-runner-", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = null;
        try {
            ProcessBuilder pb = new ProcessBuilder(
                            java,
                            RUNNER_HEAP,
                            "-jar",
                            jar.toString(),
                            "--source",
                            "online-retail",
                            "--input",
                            input.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long start = System.nanoTime();
            process = pb.start();
            int status = process.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (status != 0) {
                throw new IllegalStateException("the runner " + jar + " exited with " + status + ": " + out);
            }
            Matcher recorded = RECORDED.matcher(out);
            Matcher totals = TOTALS.matcher(out);
            if (!recorded.find() || !totals.find()) {
                throw new IllegalStateException("the runner " + jar + " printed no 'Recorded' or totals line: " + out);
            }
            return new RunnerRun(seconds, Double.parseDouble(recorded.group(1)), totals.group());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the runner " + jar + " ran", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }
}
