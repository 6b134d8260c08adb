package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.segment.CustomerField;
import io.orderlens.analytics.segment.Operator;
import io.orderlens.analytics.segment.RfmSummary;
import io.orderlens.analytics.segment.Rule;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.HourHistogram;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Segment query times, printed as measured (no assertion): RFM scoring ({@code segments().rfm(asOf)}) and a count of
 * a three-condition rule, without a cache, over 1,000,000 generated customers on the in-memory store, and over the
 * Online Retail customers on the in-process MongoDB server. The generated rows are written with
 * {@code replaceAggregates}; the Online Retail rows are those of a replay of the file through the library, copied
 * the same way (the queries read customer rows only). Each figure is the median of the runs after warm-up. Run:
 * {@code java -Xmx4g -cp analytics-benchmarks.jar io.orderlens.benchmarks.SegmentBench [--customers N]
 * [--input online_retail.csv.gz] [--runs N] [--warmup N]} (defaults: 1,000,000, the file beside the repository, 3
 * runs, 1 warm-up). Prints wall-clock and process CPU time: on a shared machine the CPU time is the steadier figure.
 */
public final class SegmentBench {
    private static final String INPUT = "shared/data/online-retail/online_retail.csv.gz";
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private static final Rule THREE_CONDITIONS = Rule.and(
            Rule.where(CustomerField.ORDERS, Operator.GE, 3),
            Rule.where(CustomerField.NET_SPEND, Operator.GT, "100"),
            Rule.where(CustomerField.LAST_ORDER_DATE, Operator.WITHIN_LAST_DAYS, 90));

    private SegmentBench() {}

    public static void main(String[] args) throws IOException {
        int customers = 1_000_000;
        Path input = null;
        int runs = 3;
        int warmups = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--customers" -> customers = positive(value(args, ++i, "--customers"), "--customers");
                case "--input" -> input = Path.of(value(args, ++i, "--input"));
                case "--runs" -> runs = positive(value(args, ++i, "--runs"), "--runs");
                case "--warmup" -> warmups = Integer.parseInt(value(args, ++i, "--warmup"));
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: SegmentBench [--customers N] [--input FILE] [--runs N] [--warmup N]");
            }
        }
        run(customers, input != null ? input : locate(), runs, warmups, System.out);
    }

    static void run(int customers, Path input, int runs, int warmups, PrintStream out) throws IOException {
        out.printf(
                Locale.ROOT,
                "jvm: %s %s, %d cores, max heap %d MiB; median of %d runs after %d warm-up runs; no cache%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                runs,
                warmups);
        InMemoryAnalyticsStore memory = new InMemoryAnalyticsStore();
        memory.replaceAggregates(generated(customers));
        measure(
                out,
                "in-memory store, " + String.format(Locale.ROOT, "%,d", customers) + " generated customers",
                memory,
                ZoneOffset.UTC,
                AS_OF,
                runs,
                warmups);

        Dataset retail = Dataset.load(input, Integer.MAX_VALUE);
        InMemoryAnalyticsStore replayed = new InMemoryAnalyticsStore();
        try (Analytics analytics = Analytics.builder()
                .store(replayed)
                .zone(OnlineRetailMapping.ZONE)
                .build()) {
            List<OrderEvent> events = retail.events();
            for (int i = 0; i < events.size(); i += 1_000) {
                analytics.recordAll(events.subList(i, Math.min(events.size(), i + 1_000)));
            }
        }
        Delta customerRows = new Delta();
        replayed.scan(Aggregate.CUSTOMERS, Scan.all(), (CustomerCounters c) -> customerRows.add(c));
        try (InProcessMongo mongo = new InProcessMongo()) {
            AnalyticsStore store = MongoAnalyticsStore.create(mongo.database("bench_segments"));
            store.replaceAggregates(customerRows);
            measure(
                    out,
                    "in-process MongoDB, Online Retail ("
                            + customerRows.customers().size() + " customer rows)",
                    store,
                    OnlineRetailMapping.ZONE,
                    retail.lastDay(),
                    runs,
                    warmups);
        }
    }

    private static void measure(
            PrintStream out, String where, AnalyticsStore store, ZoneId zone, LocalDate asOf, int runs, int warmups) {
        try (Analytics analytics = Analytics.builder()
                .store(store)
                .zone(zone)
                .clock(Clock.fixed(asOf.plusDays(1).atStartOfDay(zone).toInstant(), zone))
                .build()) {
            AtomicReference<RfmSummary> rfm = new AtomicReference<>();
            double[][] scoring =
                    time(runs, warmups, () -> rfm.set(analytics.segments().rfm(asOf)));
            report(out, "RFM scoring (rank), " + where, scoring);
            out.printf(
                    Locale.ROOT,
                    "  %,d customers scored; Champions %,d%n",
                    rfm.get().customers(),
                    rfm.get().segments().get(0).customers());
            AtomicLong count = new AtomicLong();
            double[][] counting = time(
                    runs,
                    warmups,
                    () -> count.set(
                            analytics.segments().count(THREE_CONDITIONS, asOf).customers()));
            report(out, "3-condition segment count, " + where, counting);
            out.printf(Locale.ROOT, "  %,d customers in the segment%n", count.get());
        }
    }

    /** {@code n} customers with 1..20 orders, spend 5..2,000 a order, last order in the 2 years before AS_OF. */
    private static Delta generated(int n) {
        Random random = new Random(42);
        Instant end = AS_OF.atStartOfDay(ZoneOffset.UTC).toInstant();
        Delta d = new Delta();
        for (int i = 0; i < n; i++) {
            long orders = 1 + random.nextInt(20);
            long spent = orders * (50_000L + random.nextInt(20_000_000));
            Instant last = end.minus(random.nextInt(730), ChronoUnit.DAYS).plusSeconds(random.nextInt(86_400));
            Instant first = last.minus(random.nextInt(365) * (orders - 1), ChronoUnit.DAYS);
            d.add(new CustomerCounters(
                    String.format(Locale.ROOT, "c-%07d", i),
                    orders,
                    spent,
                    orders * (1 + random.nextInt(5)),
                    first,
                    last,
                    LocalDate.ofInstant(first, ZoneOffset.UTC),
                    null,
                    null,
                    HourHistogram.single(random.nextInt(24), orders)));
        }
        return d;
    }

    /** Wall-clock and process CPU milliseconds of each run (CPU: every thread of the JVM, the server's included). */
    private static double[][] time(int runs, int warmups, Runnable task) {
        for (int i = 0; i < warmups; i++) {
            task.run();
        }
        double[][] ms = new double[2][runs];
        for (int i = 0; i < runs; i++) {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            task.run();
            ms[0][i] = (System.nanoTime() - start) / 1e6;
            ms[1][i] = (processCpuNanos() - cpu) / 1e6;
        }
        return ms;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static void report(PrintStream out, String what, double[][] ms) {
        out.printf(
                Locale.ROOT,
                "%-84s median %8.1f ms wall, %8.1f ms cpu (wall runs %s)%n",
                what,
                median(ms[0]),
                median(ms[1]),
                Arrays.stream(ms[0])
                        .mapToObj(v -> String.format(Locale.ROOT, "%.1f", v))
                        .toList());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static Path locate() {
        for (String candidate : List.of("../" + INPUT, INPUT, "../../" + INPUT, "../../../" + INPUT)) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalArgumentException(
                "Online Retail file not found beside the repository (" + INPUT + "); pass --input FILE");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String option) {
        int n = Integer.parseInt(text);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + n);
        }
        return n;
    }
}
