package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.clv.BgNbd;
import io.orderlens.analytics.clv.BgNbdParameters;
import io.orderlens.analytics.clv.ClvModel;
import io.orderlens.analytics.clv.ClvOptions;
import io.orderlens.analytics.clv.GammaGamma;
import io.orderlens.analytics.clv.GammaGammaParameters;
import io.orderlens.analytics.clv.ModelFit;
import io.orderlens.analytics.clv.PurchaseSummary;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lifetime-value fit times, printed as measured (no assertion): the BG/NBD and Gamma-Gamma fits on the CDNOW
 * calibration summary (2,357 customers), and the whole model fit of {@code lifetimeValue().model(asOf)} from the
 * CDNOW event log recorded through the library, on the in-memory store and on the in-process MongoDB server (store
 * read included). Each figure is the median of the runs after warm-up. Run: {@code java -cp analytics-benchmarks.jar
 * io.orderlens.benchmarks.ClvBench [--data DIR] [--runs N] [--warmup N]} (default: {@code shared/data/cdnow} beside
 * the repository, 5 runs, 2 warm-ups).
 */
public final class ClvBench {
    private static final String DATA = "shared/data/cdnow";
    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    private ClvBench() {}

    public static void main(String[] args) throws IOException {
        Path data = null;
        int runs = 5;
        int warmups = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--runs" -> runs = positive(value(args, ++i, "--runs"), "--runs");
                case "--warmup" -> warmups = Integer.parseInt(value(args, ++i, "--warmup"));
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i] + "; usage: ClvBench [--data DIR] [--runs N] [--warmup N]");
            }
        }
        run(data != null ? data : locate(), runs, warmups, System.out);
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

    private static Path locate() {
        for (String candidate : List.of("../" + DATA, DATA, "../../" + DATA)) {
            if (Files.isRegularFile(Path.of(candidate, "CDNOW_sample.txt"))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalArgumentException(
                "CDNOW data not found beside the repository (" + DATA + "); pass --data DIR");
    }

    static void run(Path data, int runs, int warmups, PrintStream out) throws IOException {
        out.printf(
                Locale.ROOT,
                "jvm: %s %s, %d cores; median of %d runs after %d warm-up runs%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                runs,
                warmups);
        List<PurchaseSummary> summary = summary(data.resolve("cdnow_customers_summary_with_transactions.csv"));
        AtomicReference<ModelFit<BgNbdParameters>> bg = new AtomicReference<>();
        AtomicReference<ModelFit<GammaGammaParameters>> gg = new AtomicReference<>();
        double[] fit = time(runs, warmups, () -> {
            bg.set(BgNbd.fit(summary));
            gg.set(GammaGamma.fit(summary));
        });
        report(out, "BG/NBD + Gamma-Gamma fit, CDNOW summary (" + summary.size() + " customers)", fit);
        out.printf(
                Locale.ROOT,
                "  BG/NBD %s %s (%d evaluations); Gamma-Gamma %s %s (%d evaluations)%n",
                bg.get().status(),
                bg.get().lastPoint(),
                bg.get().evaluations(),
                gg.get().status(),
                gg.get().lastPoint(),
                gg.get().evaluations());

        List<OrderEvent> events = events(data.resolve("CDNOW_sample.txt"));
        modelFit(out, "in-memory store", new InMemoryAnalyticsStore(), events, runs, warmups);
        try (InProcessMongo mongo = new InProcessMongo()) {
            modelFit(
                    out,
                    "in-process MongoDB",
                    MongoAnalyticsStore.create(mongo.database("bench_clv")),
                    events,
                    runs,
                    warmups);
        }
    }

    private static void modelFit(
            PrintStream out, String where, AnalyticsStore store, List<OrderEvent> events, int runs, int warmups) {
        Clock clock = Clock.fixed(Instant.parse("1998-07-01T00:00:00Z"), ZoneOffset.UTC);
        try (Analytics analytics = Analytics.builder()
                .store(store)
                .zone(ZoneOffset.UTC)
                .clock(clock)
                .lifetimeValue(ClvOptions.defaults().withModelMaxAge(Duration.ZERO))
                .build()) {
            for (int i = 0; i < events.size(); i += 500) {
                analytics.recordAll(events.subList(i, Math.min(events.size(), i + 500)));
            }
            AtomicReference<ClvModel> model = new AtomicReference<>();
            double[] ms = time(
                    runs, warmups, () -> model.set(analytics.lifetimeValue().model(CALIBRATION_END)));
            report(out, "lifetimeValue().model(1997-09-30), " + where + ", " + events.size() + " orders", ms);
            out.printf(
                    Locale.ROOT,
                    "  usable %s; BG/NBD %s over %d customers%n",
                    model.get().usable(),
                    model.get().purchases().lastPoint(),
                    model.get().purchases().customers());
        }
    }

    private static double[] time(int runs, int warmups, Runnable task) {
        for (int i = 0; i < warmups; i++) {
            task.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    private static void report(PrintStream out, String what, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        out.printf(
                Locale.ROOT,
                "%-80s median %8.1f ms (runs %s)%n",
                what,
                median,
                Arrays.stream(ms)
                        .mapToObj(v -> String.format(Locale.ROOT, "%.1f", v))
                        .toList());
    }

    private static List<PurchaseSummary> summary(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<PurchaseSummary> out = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(",");
            out.add(new PurchaseSummary(
                    Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), new BigDecimal(f[4])));
        }
        return out;
    }

    /** Each row of the event log as an order of its day (noon UTC), counted at once, of one line of its value. */
    private static List<OrderEvent> events(Path file) throws IOException {
        List<OrderEvent> out = new ArrayList<>();
        int row = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            Instant at = LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE)
                    .atTime(12, 0)
                    .toInstant(ZoneOffset.UTC);
            Order order = new Order(
                    "o-" + row++,
                    Customer.of("c-" + Integer.parseInt(f[1])),
                    at,
                    List.of(LineItem.of("cds", "CDs", "music", 1, f[4])),
                    "US");
            out.add(OrderEvent.delivered(order, at));
        }
        return out;
    }
}
