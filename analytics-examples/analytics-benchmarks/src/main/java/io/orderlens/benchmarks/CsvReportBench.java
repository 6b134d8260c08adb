package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.report.Column;
import io.orderlens.analytics.report.Report;
import io.orderlens.analytics.report.ReportRange;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CSV report writing, printed as measured (no assertion): rows per second of {@code Report.writeCsv} into a
 * discarding stream, for synthetic rows (text with formula starters and quotes, integers, decimals, instants) and for
 * the built-in customer list over an in-memory store; and the heap retained after a full GC at 10 %, 50 % and 100 %
 * of the rows of a separate run, which stays flat when the writer holds no rows. Run:
 * {@code java -Xmx512m -cp analytics-benchmarks.jar io.orderlens.benchmarks.CsvReportBench [rows] [runs]}
 * (default 1,000,000 rows, 3 runs; the median is printed).
 */
public final class CsvReportBench {
    private static final ReportRange RANGE = ReportRange.day(LocalDate.of(2026, 11, 30));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private CsvReportBench() {}

    record Row(long i, String customer, long orders, BigDecimal spent, Instant last, String note) {}

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        run(rows, runs, System.out);
    }

    static void run(long rows, int runs, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "jvm: %s %s, %d cores, max heap %d MiB%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Report<Row> synthetic = synthetic(rows, null);
        synthetic.writeCsv(RANGE, OutputStream.nullOutputStream()); // warm-up
        double[] rates = new double[runs];
        long bytes = 0;
        for (int r = 0; r < runs; r++) {
            CountingStream sink = new CountingStream();
            long t = System.nanoTime();
            long n = synthetic.writeCsv(RANGE, sink);
            rates[r] = n / ((System.nanoTime() - t) / 1e9);
            bytes = sink.bytes;
        }
        out.printf(
                Locale.ROOT,
                "synthetic rows (6 columns)          %,12.0f rows/s  (median of %d; %,d rows, %,d bytes each run)%n",
                median(rates),
                runs,
                rows,
                bytes);
        List<String> heap = new ArrayList<>();
        synthetic(rows, heap).writeCsv(RANGE, OutputStream.nullOutputStream());
        out.printf(Locale.ROOT, "heap after full GC while writing      %s%n", String.join(", ", heap));

        int customers = (int) Math.min(rows, 1_000_000);
        try (Analytics analytics = Analytics.builder()
                .zone(ZoneId.of("UTC"))
                .countingPolicy(CountingPolicy.AT_PLACED)
                .build()) {
            List<OrderEvent> batch = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                batch.add(OrderEvent.placed(new Order(
                        "o-" + c,
                        Customer.of("c-" + c),
                        T0.plusSeconds(c),
                        List.of(LineItem.of("p-" + (c % 500), "Product " + (c % 500), "cat", 1 + c % 3, "12.5")),
                        "GB")));
                if (batch.size() == 10_000) {
                    analytics.recordAll(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                analytics.recordAll(batch);
            }
            Report<?> list = analytics.reports().customerList();
            list.writeCsv(RANGE, OutputStream.nullOutputStream());
            for (int r = 0; r < runs; r++) {
                long t = System.nanoTime();
                long n = list.writeCsv(RANGE, OutputStream.nullOutputStream());
                rates[r] = n / ((System.nanoTime() - t) / 1e9);
            }
            out.printf(
                    Locale.ROOT,
                    "built-in customer-list, in memory   %,12.0f rows/s  (median of %d; %,d customers, 9 columns)%n",
                    median(rates),
                    runs,
                    customers);
        }
    }

    /** Rows made on the fly; with {@code heap} given, records the retained heap at 10 %, 50 % and 100 %. */
    private static Report<Row> synthetic(long rows, List<String> heap) {
        String[] notes = {"plain", "=1+1", "say \"hi\"", "a,b", "naïve 日本", "-5", "@x"};
        return Report.<Row>builder("synthetic")
                .column(Column.integer("i", Row::i))
                .column(Column.text("customer", Row::customer))
                .column(Column.integer("orders", Row::orders))
                .column(Column.decimal("spent", Row::spent))
                .column(Column.instant("last_order_at", Row::last))
                .column(Column.text("note", Row::note))
                .rows((range, row) -> {
                    for (long i = 0; i < rows; i++) {
                        row.accept(new Row(
                                i,
                                "customer-" + i,
                                i % 17,
                                BigDecimal.valueOf(i * 37 % 1_000_000, 2),
                                T0.plusSeconds(i),
                                notes[(int) (i % notes.length)]));
                        if (heap != null && (i + 1 == rows / 10 || i + 1 == rows / 2 || i + 1 == rows)) {
                            heap.add(String.format(Locale.ROOT, "%,d rows: %.1f MiB", i + 1, retainedMiB()));
                        }
                    }
                })
                .build();
    }

    private static double retainedMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
