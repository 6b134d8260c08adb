package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.examples.feed.EventSource;
import io.orderlens.examples.generate.FoodDeliveryDataset;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Heap of the in-memory store, printed as measured (no assertion): the generated food-delivery data set for
 * {@code customers} customers replayed into a fresh store once per number of simulated days, the whole ledger kept;
 * after each replay the heap used after a full GC (minus the heap before it), the orders, and the customers with a
 * row. Two or more day counts with the same customers give a linear model through each two consecutive runs: heap =
 * bytes per order × orders + bytes per customer × customers with a row. Run: {@code java -Xmx6g -cp analytics-benchmarks.jar io.orderlens.benchmarks.HeapBench
 * [customers] [days,days,...]} (defaults 1,000,000 and 7,14).
 */
public final class HeapBench {
    private static final ZoneId ZONE = FoodDeliveryDataset.ZONE;
    private static final LocalDate START = LocalDate.of(2023, 1, 2);
    private static final int BATCH = 500;

    private HeapBench() {}

    /** One replay: orders recorded, customers with a row, heap the store holds. */
    private record Run(int days, long orders, long customers, long heap) {}

    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int[] days = args.length > 1
                ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {7, 14};
        PrintStream out = System.out;
        out.printf(
                Locale.ROOT,
                "jvm: %s %s, %d cores, max heap %d MiB; args %s%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                Arrays.toString(args));
        List<Run> runs = new ArrayList<>();
        for (int d : days) {
            Run run = replay(new FoodDeliveryDataset.Spec(7, START, d, customers));
            runs.add(run);
            out.printf(
                    Locale.ROOT,
                    "%,d customers, %d days: %,d orders, %,d customers with a row; heap after a full GC %,d bytes"
                            + " (%,d MiB), %,.0f bytes per order%n",
                    customers,
                    run.days(),
                    run.orders(),
                    run.customers(),
                    run.heap(),
                    run.heap() >> 20,
                    (double) run.heap() / run.orders());
        }
        for (int i = 1; i < runs.size(); i++) {
            Run a = runs.get(i - 1);
            Run b = runs.get(i);
            // heap = perOrder * orders + perCustomer * customers, through both runs (Cramer's rule)
            double det = (double) a.orders() * b.customers() - (double) b.orders() * a.customers();
            double perOrder = ((double) a.heap() * b.customers() - (double) b.heap() * a.customers()) / det;
            double perCustomer = ((double) a.orders() * b.heap() - (double) b.orders() * a.heap()) / det;
            out.printf(
                    Locale.ROOT,
                    "%d and %d days: heap = %,.0f bytes per order + %,.0f bytes per customer with a row%n",
                    a.days(),
                    b.days(),
                    perOrder,
                    perCustomer);
        }
    }

    /**
     * Replays {@code spec} into a fresh store and measures it. The replay runs in its own method, so that nothing of
     * the data set generator is reachable any more when the heap is measured.
     */
    private static Run replay(FoodDeliveryDataset.Spec spec) {
        long empty = usedHeap();
        long[] orders = {0};
        InMemoryAnalyticsStore store = record(spec, orders);
        long heap = usedHeap() - empty;
        long[] customers = {0};
        store.scan(Aggregate.CUSTOMERS, Scan.all(), row -> customers[0]++);
        return new Run(spec.days(), orders[0], customers[0], heap);
    }

    private static InMemoryAnalyticsStore record(FoodDeliveryDataset.Spec spec, long[] orders) {
        Instant[] now = {spec.start().atStartOfDay(ZONE).toInstant()};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        try (Analytics analytics =
                Analytics.builder().store(store).zone(ZONE).clock(clock).build()) {
            EventSource events = new FoodDeliveryDataset(spec).events();
            List<OrderEvent> batch = new ArrayList<>(BATCH);
            while (events.hasNext()) {
                OrderEvent e = events.next();
                batch.add(e);
                if (e.order() != null) {
                    orders[0]++;
                }
                if (batch.size() == BATCH || !events.hasNext()) {
                    if (e.at() != null && e.at().isAfter(now[0])) {
                        now[0] = e.at();
                    }
                    analytics.recordAll(batch);
                    batch.clear();
                }
            }
        }
        return store;
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
