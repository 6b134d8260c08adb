package io.orderlens.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark program: replays the Online Retail data set through the library and prints the command line, the
 * machine, and one table of measured figures (median, min and max of several runs after discarded warm-ups):
 * <ul>
 *   <li>(a) in-memory replay through {@code Analytics} versus a bare {@code HashMap} fold of the same events;</li>
 *   <li>(b) the MongoDB store versus seed-style per-item find/save code, with database commands per order;</li>
 *   <li>(c) Redis-cached reads, near cache on and off, versus uncached reads: p50, p99, Redis commands per read;</li>
 *   <li>(d) async pipeline throughput versus batch size;</li>
 *   <li>(e) experiment exposures recorded per second, in memory and on MongoDB, versus the order path;</li>
 *   <li>(t) {@code topCustomers(1000)} over a million customers in memory;</li>
 *   <li>(r) the read side: the same queries in memory and on MongoDB, answers checked equal;</li>
 *   <li>(p) reading the input: CSV rows per second, and the example runner's replay next to an older build's.</li>
 * </ul>
 * MongoDB is an in-process wire-protocol server and Redis a real {@code redis-server} started on a free port, so the
 * program needs nothing running. A measurement that cannot run prints a {@code skipped: <reason>} row.
 */
public final class Benchmarks {
    /** Exit status for bad arguments or an unreadable input file. */
    public static final int USAGE_ERROR = 2;

    private Benchmarks() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /**
     * Runs the benchmarks selected by {@code args} and prints the report to {@code out}; progress goes to
     * {@code System.err}.
     *
     * @return 0 on success, 2 for bad arguments or an unreadable input file
     */
    public static int run(String[] args, PrintStream out) {
        return run(args, out, System.err);
    }

    /**
     * Runs the benchmarks selected by {@code args}, prints the report to {@code out} and progress lines to
     * {@code progress}; a usage or input error is one line on {@code progress}, and nothing is printed to {@code out}.
     *
     * @return 0 on success, {@value #USAGE_ERROR} for bad arguments or an unreadable input file
     */
    public static int run(String[] args, PrintStream out, PrintStream progress) {
        quietServerLogs();
        BenchOptions opt;
        try {
            opt = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            progress.println("error: " + e.getMessage());
            return USAGE_ERROR;
        }
        if (opt.help()) {
            out.println(BenchOptions.USAGE);
            return 0;
        }
        Dataset data;
        try {
            data = Dataset.load(opt.input(), opt.limit());
        } catch (IOException | RuntimeException e) {
            progress.println("error: cannot read the input "
                    + opt.input().toAbsolutePath().normalize() + ": " + e);
            return USAGE_ERROR;
        }
        printHeader(args, out);
        out.printf(Locale.ROOT, "input:   %s%n", opt.input().toAbsolutePath().normalize());
        out.printf(
                Locale.ROOT,
                "data:    %,d events (%,d orders, %,d standalone refunds, %,d lines, %,d customers),"
                        + " %s .. %s, parsed in %.1f s%n",
                data.size(),
                data.orders(),
                data.refunds(),
                data.lines(),
                data.customerIds().size(),
                data.firstDay(),
                data.lastDay(),
                data.loadNanos() / 1e9);
        out.printf(
                Locale.ROOT,
                "runs:    median of %d measured run(s) after %d warm-up run(s) per measurement;"
                        + " an 'order' is one invoice event (order or refund)%n",
                opt.runs(),
                opt.warmups());
        out.println();

        ResultTable table = new ResultTable();
        Notes notes = new Notes();
        long started = System.nanoTime();
        if (opt.runs("a")) {
            InMemoryReplayBench.run(data, opt, table, notes, progress);
        }
        if (opt.runs("b") || opt.runs("c") || opt.runs("d") || opt.runs("e") || opt.runs("r")) {
            try (InProcessMongo mongo = new InProcessMongo()) {
                if (opt.runs("b")) {
                    MongoStoreBench.run(data, opt, mongo, table, notes, progress);
                }
                if (opt.runs("c")) {
                    CachedReadBench.run(data, opt, mongo, table, notes, progress);
                }
                if (opt.runs("d")) {
                    AsyncBatchBench.run(data, opt, mongo, table, notes, progress);
                }
                if (opt.runs("e")) {
                    ExposureBench.run(data, opt, mongo, table, notes, progress);
                }
                if (opt.runs("r")) {
                    ReadSideBench.run(data, opt, mongo, table, notes, progress);
                }
            }
        }
        if (opt.runs("t")) {
            TopCustomersBench.run(opt, table, notes, progress);
        }
        if (opt.runs("p")) {
            ReplaySpeedBench.run(opt, table, notes, progress);
        }
        table.print(out);
        out.println();
        out.printf(Locale.ROOT, "notes (total %.0f s):%n", (System.nanoTime() - started) / 1e9);
        notes.print(out);
        return 0;
    }

    /**
     * The in-process MongoDB server and the driver log every connection and ignored index at INFO/WARN; keep the
     * console for the report unless the user configured those loggers.
     */
    private static void quietServerLogs() {
        for (String logger : List.of("de.bwaldvogel.mongo", "org.mongodb.driver")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }

    private static void printHeader(String[] args, PrintStream out) {
        String commandLine = ProcessHandle.current().info().commandLine().orElse("(not available)");
        out.println("command: " + commandLine);
        out.println("args:    " + (args.length == 0 ? "(none)" : String.join(" ", List.of(args))));
        Runtime rt = Runtime.getRuntime();
        out.printf(
                Locale.ROOT,
                "jvm:     %s %s (%s), max heap %,d MiB, flags %s%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("java.vm.vendor"),
                rt.maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        out.printf(
                Locale.ROOT,
                "os:      %s %s %s, %d cores available%n",
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                rt.availableProcessors());
        out.println("started: " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
