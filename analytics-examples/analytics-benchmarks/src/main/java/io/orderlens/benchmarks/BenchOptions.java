package io.orderlens.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options of {@link Benchmarks}.
 *
 * @param input          the Online Retail file
 * @param only           which measurements to run, a subset of {@code a b c d e t r}
 * @param runs           measured runs per measurement, at least 1
 * @param warmups        discarded runs before the measured ones, at least 0
 * @param limit          use at most this many events (invoices) of the input; {@code Integer.MAX_VALUE} for all
 * @param baselineOrders events the seed-style MongoDB baseline replays at most (a prefix of the input)
 * @param mongoSeconds   time cap of one MongoDB replay: it stops after the batch during which the cap ran out, and
 *                       its figures cover the events it recorded
 * @param topCustomers   customers generated for the top-N measurement (t)
 * @param runner         the example jar of this build, run by (p) next to {@code oldRunner}
 * @param oldRunner      the example jar of an older build for (p), or null to measure parsing only
 * @param help           only print {@link #USAGE}
 */
record BenchOptions(
        Path input,
        Set<String> only,
        int runs,
        int warmups,
        int limit,
        int baselineOrders,
        int mongoSeconds,
        int topCustomers,
        Path runner,
        Path oldRunner,
        boolean help) {
    static final Set<String> MEASUREMENTS = Set.of("a", "b", "c", "d", "e", "t", "r", "p");
    static final String DATA_FILE = "shared/data/online-retail/online_retail.csv.gz";
    static final List<String> DEFAULT_INPUTS = List.of("../" + DATA_FILE, DATA_FILE, "../../" + DATA_FILE);
    static final Path DEFAULT_RUNNER = Path.of("analytics-examples/target/analytics-examples.jar");

    static final String USAGE =
            "usage: java -Xmx2g -jar analytics-benchmarks.jar [--input PATH] [--only a,b,c,d,e,t,r,p]"
                    + " [--runs N] [--warmup N] [--limit N] [--baseline-orders N] [--mongo-seconds N]"
                    + " [--top-customers N] [--old-runner JAR [--runner JAR]]\n"
                    + "  a  in-memory replay through Analytics vs a bare HashMap fold\n"
                    + "  b  MongoDB store (batch 100 and 1000) vs a seed-style find/save baseline\n"
                    + "  c  Redis-cached (near cache on and off) vs uncached reads (dashboard, customer profile)\n"
                    + "  d  async pipeline throughput vs batch size (in-memory and MongoDB stores)\n"
                    + "  e  experiment exposures recorded per second (in memory, MongoDB) vs the order path on MongoDB\n"
                    + "  t  topCustomers(1000) over 1,000,000 generated customers in memory\n"
                    + "  r  read side: profile, top products, daily series, dashboard, in memory and on MongoDB;\n"
                    + "     a jar built with -Ppeers adds DuckDB computing each answer from the raw lines\n"
                    + "  p  CSV rows/s of the reader (gunzip included) and of reading + mapping; with --old-runner JAR also\n"
                    + "     the example runner's Online Retail replay, wall time of old and new jar (--runner, default\n"
                    + "     " + DEFAULT_RUNNER + ") alternating\n"
                    + "JMH benchmarks: java -cp analytics-benchmarks.jar org.openjdk.jmh.Main [JMH options] (-l lists them, -h shows the options)";

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad option or value
     */
    static BenchOptions parse(String[] args) {
        Path input = null;
        Set<String> only = new LinkedHashSet<>(List.of("a", "b", "c", "d", "e", "t", "r", "p"));
        int runs = 5;
        int warmups = 1;
        int limit = Integer.MAX_VALUE;
        int baselineOrders = 2_000;
        int mongoSeconds = 5;
        int topCustomers = 1_000_000;
        Path runner = DEFAULT_RUNNER;
        Path oldRunner = null;
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            if (opt.equals("--help") || opt.equals("-h")) {
                return new BenchOptions(
                        Path.of(DEFAULT_INPUTS.get(0)),
                        MEASUREMENTS,
                        runs,
                        warmups,
                        limit,
                        baselineOrders,
                        mongoSeconds,
                        topCustomers,
                        runner,
                        oldRunner,
                        true);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(opt + " needs a value (--help shows the options)");
            }
            String value = args[++i];
            switch (opt) {
                case "--input" -> input = Path.of(value);
                case "--only" -> only = parseOnly(value);
                case "--runs" -> runs = parseInt(opt, value, 1);
                case "--warmup" -> warmups = parseInt(opt, value, 0);
                case "--limit" -> limit = parseInt(opt, value, 1);
                case "--baseline-orders" -> baselineOrders = parseInt(opt, value, 1);
                case "--mongo-seconds" -> mongoSeconds = parseInt(opt, value, 1);
                case "--top-customers" -> topCustomers = parseInt(opt, value, 1);
                case "--runner" -> runner = Path.of(value);
                case "--old-runner" -> oldRunner = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + opt + " (--help shows the options)");
            }
        }
        if (oldRunner != null) {
            for (Path jar : List.of(oldRunner, runner)) {
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException((jar == oldRunner ? "--old-runner" : "--runner")
                            + ": no such file: " + jar.toAbsolutePath().normalize());
                }
            }
        }
        return new BenchOptions(
                input == null ? defaultInput() : input,
                Set.copyOf(only),
                runs,
                warmups,
                limit,
                baselineOrders,
                mongoSeconds,
                topCustomers,
                runner,
                oldRunner,
                false);
    }

    long mongoBudgetNanos() {
        return mongoSeconds * 1_000_000_000L;
    }

    boolean runs(String measurement) {
        return only.contains(measurement);
    }

    private static Set<String> parseOnly(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String m = part.trim().toLowerCase(Locale.ROOT);
            if (!MEASUREMENTS.contains(m)) {
                throw new IllegalArgumentException("--only takes a comma-separated subset of a,b,c,d,e,t,r,p, got '"
                        + part.trim() + "' in '" + value + "'");
            }
            out.add(m);
        }
        return out;
    }

    private static int parseInt(String opt, String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs a whole number, got '" + value + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException(opt + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    /** The first default location that exists, else the first one (so the error names it). */
    static Path defaultInput() {
        for (String candidate : DEFAULT_INPUTS) {
            Path p = Path.of(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return Path.of(DEFAULT_INPUTS.get(0));
    }
}
