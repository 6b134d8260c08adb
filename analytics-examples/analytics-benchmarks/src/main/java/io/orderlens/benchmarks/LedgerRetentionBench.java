package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.BeyondRetentionException;
import io.orderlens.analytics.CompactionReport;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Sizes;
import io.orderlens.analytics.mongo.MongoAnalyticsStore;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.examples.feed.EventSource;
import io.orderlens.examples.generate.FoodDeliveryDataset;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * Ledger size and heap figures, printed as measured (no assertion): the generated food-delivery data set replayed
 * through the in-memory store for {@code days} simulated days, once keeping the whole ledger and once compacting
 * with a 90-day retention every simulated week; the ledger's entries and encoded bytes (the UTF-8 size bound
 * {@code Sizes.of}) at the end of each year, and the heap used after a full GC. Then, on the in-process MongoDB
 * server, the ledger's real BSON bytes per entry and the compaction throughput next to the order path's, medians of
 * three runs, per second of wall time and per CPU second of the JVM's Java threads. Run: {@code java -Xmx4g -cp analytics-benchmarks.jar io.orderlens.benchmarks.LedgerRetentionBench
 * [customers] [days] [mongoCustomers] [mongoDays]} (defaults 40,000, 1,095, 2,000, 90).
 */
public final class LedgerRetentionBench {
    private static final ZoneId ZONE = FoodDeliveryDataset.ZONE;
    private static final Duration RETENTION = Duration.ofDays(90);
    private static final LocalDate START = LocalDate.of(2023, 1, 2);
    private static final int BATCH = 500;

    private LedgerRetentionBench() {}

    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 40_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 1_095;
        int mongoCustomers = args.length > 2 ? Integer.parseInt(args[2].replace("_", "")) : 2_000;
        int mongoDays = args.length > 3 ? Integer.parseInt(args[3]) : 90;
        PrintStream out = System.out;
        out.printf(
                Locale.ROOT,
                "jvm: %s %s, %d cores, max heap %d MiB; args %s%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                Arrays.toString(args));
        FoodDeliveryDataset.Spec spec = new FoodDeliveryDataset.Spec(7, START, days, customers);
        long emptyHeap = usedHeap();
        Run kept = replay(spec, null, out);
        long keptHeap = usedHeap() - emptyHeap;
        report(out, "whole ledger kept", kept, keptHeap);
        long keptEntries = kept.entries;
        long keptBytes = kept.bytes;
        kept = null;
        long emptyAgain = usedHeap();
        Run retained = replay(spec, RETENTION, out);
        long retainedHeap = usedHeap() - emptyAgain;
        report(out, "90-day retention", retained, retainedHeap);
        out.printf(
                Locale.ROOT,
                "ledger after %d days with 90-day retention: %.1f%% of the entries, %.1f%% of the bytes of the whole"
                        + " ledger; heap %.1f%%%n",
                days,
                100.0 * retained.entries / keptEntries,
                100.0 * retained.bytes / keptBytes,
                100.0 * retainedHeap / keptHeap);
        retained = null;
        mongo(out, new FoodDeliveryDataset.Spec(11, START, mongoDays, mongoCustomers));
    }

    /** What one replay left: ledger entries and bytes, orders, and the same of the never-compacted ledger. */
    private static final class Run {
        AnalyticsStore store;
        long orders;
        long events;
        long refused;
        long entries;
        long bytes;
        long compacted;
        long compactionNanos;
        final List<String> years = new ArrayList<>();
    }

    private static Run replay(FoodDeliveryDataset.Spec spec, Duration retention, PrintStream out) {
        Run run = new Run();
        SettableClock clock = new SettableClock(spec.start().atStartOfDay(ZONE).toInstant());
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        run.store = store;
        Analytics analytics =
                Analytics.builder().store(store).zone(ZONE).clock(clock).build();
        EventSource events = new FoodDeliveryDataset(spec).events();
        List<OrderEvent> batch = new ArrayList<>(BATCH);
        Instant nextCompaction = clock.instant().plus(Duration.ofDays(7));
        Instant nextYear = clock.instant().plus(Duration.ofDays(365));
        while (events.hasNext()) {
            OrderEvent e = events.next();
            batch.add(e);
            if (e.order() != null) {
                run.orders++;
            }
            if (batch.size() == BATCH || !events.hasNext()) {
                clock.set(max(clock.instant(), e.at()));
                record(analytics, batch, run);
                batch.clear();
                if (retention != null && !clock.instant().isBefore(nextCompaction)) {
                    long t = System.nanoTime();
                    CompactionReport r = analytics.compact(clock.instant().minus(retention));
                    run.compactionNanos += System.nanoTime() - t;
                    run.compacted += r.compacted();
                    nextCompaction = clock.instant().plus(Duration.ofDays(7));
                }
                if (!clock.instant().isBefore(nextYear) || !events.hasNext()) {
                    long[] size = ledgerSize(store);
                    run.years.add(String.format(
                            Locale.ROOT,
                            "%s: %,d orders, ledger %,d entries, %,d bytes",
                            clock.instant().atZone(ZONE).toLocalDate(),
                            run.orders,
                            size[0],
                            size[1]));
                    nextYear = nextYear.plus(Duration.ofDays(365));
                }
            }
        }
        long[] size = ledgerSize(store);
        run.entries = size[0];
        run.bytes = size[1];
        analytics.close();
        out.printf(Locale.ROOT, "replayed %,d events (%,d orders)%n", run.events, run.orders);
        return run;
    }

    private static void record(Analytics analytics, List<OrderEvent> batch, Run run) {
        run.events += batch.size();
        try {
            analytics.recordAll(batch);
        } catch (InvalidEventException e) {
            for (OrderEvent one : batch) {
                try {
                    analytics.record(one);
                } catch (BeyondRetentionException refused) {
                    run.refused++;
                } catch (InvalidEventException other) {
                    run.refused++;
                }
            }
        }
    }

    /** Entries and encoded bytes ({@link Sizes#of(LedgerEntry)}) of the ledger. */
    private static long[] ledgerSize(AnalyticsStore store) {
        long[] size = new long[2];
        store.forEachLedgerEntry(e -> {
            size[0]++;
            size[1] += Sizes.of(e);
        });
        return size;
    }

    private static void report(PrintStream out, String label, Run run, long heap) {
        out.printf(Locale.ROOT, "%n%s:%n", label);
        run.years.forEach(y -> out.println("  " + y));
        out.printf(
                Locale.ROOT,
                "  %,d events, %,d refused; ledger %,d entries, %,d bytes (%.0f bytes per entry)%n",
                run.events,
                run.refused,
                run.entries,
                run.bytes,
                run.entries == 0 ? 0.0 : (double) run.bytes / run.entries);
        if (run.compacted > 0) {
            out.printf(
                    Locale.ROOT,
                    "  compacted %,d entries in %.1f s (%,.0f entries/s, in memory)%n",
                    run.compacted,
                    run.compactionNanos / 1e9,
                    run.compacted / (run.compactionNanos / 1e9));
        }
        out.printf(
                Locale.ROOT,
                "  heap used after GC: %,d MiB = %,.0f bytes per order%n",
                heap >> 20,
                (double) heap / run.orders);
    }

    /** The real BSON size of the ledger on MongoDB, and compaction throughput versus the order path. */
    private static void mongo(PrintStream out, FoodDeliveryDataset.Spec spec) {
        List<OrderEvent> events = new ArrayList<>();
        EventSource source = new FoodDeliveryDataset(spec).events();
        source.forEachRemaining(events::add);
        long orders = events.stream().filter(e -> e.order() != null).count();
        Instant end = spec.end();
        List<Double> orderPath = new ArrayList<>();
        List<Double> compaction = new ArrayList<>();
        List<Double> orderPathCpu = new ArrayList<>();
        List<Double> compactionCpu = new ArrayList<>();
        double bytesPerEntry = 0;
        double baselineBytesPerEntry = 0;
        DocumentCodec codec = new DocumentCodec();
        try (InProcessMongo mongo = new InProcessMongo()) {
            for (int run = 0; run < 3; run++) {
                var db = mongo.database("bench_retention_" + run);
                MongoAnalyticsStore store = MongoAnalyticsStore.create(db);
                SettableClock clock =
                        new SettableClock(spec.start().atStartOfDay(ZONE).toInstant());
                try (Analytics analytics =
                        Analytics.builder().store(store).zone(ZONE).clock(clock).build()) {
                    long t = System.nanoTime();
                    long cpu = javaThreadsCpuNanos();
                    for (int i = 0; i < events.size(); i += BATCH) {
                        List<OrderEvent> batch = events.subList(i, Math.min(events.size(), i + BATCH));
                        clock.set(
                                max(clock.instant(), batch.get(batch.size() - 1).at()));
                        analytics.recordAll(batch);
                    }
                    orderPath.add(events.size() / ((System.nanoTime() - t) / 1e9));
                    orderPathCpu.add(events.size() / ((javaThreadsCpuNanos() - cpu) / 1e9));
                    long[] bytes = {0, 0};
                    db.getCollection(store.collectionName("ledger")).find().forEach((Document d) -> {
                        bytes[0]++;
                        bytes[1] +=
                                new RawBsonDocument(d, codec).getByteBuffer().remaining();
                    });
                    bytesPerEntry = (double) bytes[1] / bytes[0];
                    clock.set(end.plus(Duration.ofDays(1)));
                    t = System.nanoTime();
                    cpu = javaThreadsCpuNanos();
                    CompactionReport r = analytics.compact(end);
                    double seconds = (System.nanoTime() - t) / 1e9;
                    compaction.add(r.compacted() / seconds);
                    compactionCpu.add(r.compacted() / ((javaThreadsCpuNanos() - cpu) / 1e9));
                    long[] baseline = {0, 0};
                    db.getCollection(store.collectionName("baseline")).find().forEach((Document d) -> {
                        baseline[0]++;
                        baseline[1] +=
                                new RawBsonDocument(d, codec).getByteBuffer().remaining();
                    });
                    baselineBytesPerEntry = (double) baseline[1] / r.compacted();
                    out.printf(
                            Locale.ROOT,
                            "mongo run %d: %,d events in, %,d ledger documents (%,d BSON bytes), compacted %,d in %.1f s"
                                    + " in %,d batches; baseline %,d documents (%,d BSON bytes)%n",
                            run + 1,
                            events.size(),
                            bytes[0],
                            bytes[1],
                            r.compacted(),
                            seconds,
                            r.batches(),
                            baseline[0],
                            baseline[1]);
                }
            }
        }
        out.printf(
                Locale.ROOT,
                "%nin-process MongoDB (%,d orders, %,d events): ledger %.0f BSON bytes per entry, baseline %.0f BSON"
                        + " bytes per compacted entry; order path %,.0f events/s, compaction %,.0f entries/s (medians"
                        + " of 3)%n",
                orders,
                events.size(),
                bytesPerEntry,
                baselineBytesPerEntry,
                median(orderPath),
                median(compaction));
        out.printf(
                Locale.ROOT,
                "per CPU second of the JVM's Java threads (client and in-process server, without JIT and GC): order path"
                        + " %,.0f events, compaction %,.0f entries: %.2f (medians of 3)%n",
                median(orderPathCpu),
                median(compactionCpu),
                median(compactionCpu) / median(orderPathCpu));
    }

    /**
     * CPU time of every live Java thread: the client and the in-process server's workers, not the JIT compiler or
     * the garbage collector. On a shared machine it varies less than wall time with the load of other processes.
     */
    private static long javaThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos > 0) {
                sum += nanos;
            }
        }
        return sum;
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static Instant max(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A clock the replay moves forward with the events. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            this.now = instant;
        }

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
            return now;
        }
    }
}
