package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * (a) Replaying the parsed events through {@link Analytics} with the in-memory store ({@code recordAll} batches,
 * backfill, the async pipeline) versus a {@link BareFold} of the same events, and versus a {@link FullFold} (the bare
 * fold plus the other counters the library keeps), side by side in every run; each ratio is taken within a run, then
 * its median reported.
 */
final class InMemoryReplayBench {
    static final double TARGET_RATIO = 0.5;
    static final int ASYNC_QUEUE = 10_000;

    private InMemoryReplayBench() {}

    /** One way of getting the events into an in-memory {@link Analytics}. */
    private record Variant(String id, String label, Feed feed) {}

    @FunctionalInterface
    private interface Feed {
        /** Builds an instance, feeds it every event, returns it open (the timing covers the whole call). */
        Analytics replay(List<OrderEvent> events);
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("a.recordAll-100", "Analytics in-memory, recordAll batch 100", events -> {
                Analytics a = Replay.analytics(new InMemoryAnalyticsStore());
                Replay.recordAll(a, events, 100);
                return a;
            }),
            new Variant("a.recordAll-1000", "Analytics in-memory, recordAll batch 1000", events -> {
                Analytics a = Replay.analytics(new InMemoryAnalyticsStore());
                Replay.recordAll(a, events, 1_000);
                return a;
            }),
            new Variant("a.backfill-1000", "Analytics in-memory, backfill batch 1000", events -> {
                Analytics a = Replay.analytics(new InMemoryAnalyticsStore());
                Replay.backfill(a, events, 1_000);
                return a;
            }),
            new Variant("a.async-1000", "Analytics in-memory, async submit + flush, batch 1000", events -> {
                Analytics a = Replay.async(new InMemoryAnalyticsStore(), 1_000, ASYNC_QUEUE);
                Replay.submitAll(a, events, Long.MAX_VALUE);
                return a;
            }));

    static void run(Dataset data, BenchOptions opt, ResultTable table, Notes notes, PrintStream progress) {
        int n = data.size();
        Series fold = new Series();
        Series fullFold = new Series();
        Series[] replay = Series.array(VARIANTS.size());
        Series[] ratio = Series.array(VARIANTS.size());
        Series[] fullRatio = Series.array(VARIANTS.size());
        long foldChecksum = 0;
        long[] replayChecksum = new long[VARIANTS.size()];
        int total = opt.warmups() + opt.runs();
        for (int run = 0; run < total; run++) {
            boolean measured = run >= opt.warmups();
            progress.printf("[bench] a: run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
            long t0 = System.nanoTime();
            foldChecksum = BareFold.fold(data.events(), OnlineRetailMapping.ZONE);
            double foldRate = Replay.rate(n, System.nanoTime() - t0);
            Sink.consume(foldChecksum);
            long t2 = System.nanoTime();
            Sink.consume(FullFold.fold(data.events(), OnlineRetailMapping.ZONE));
            double fullFoldRate = Replay.rate(n, System.nanoTime() - t2);
            for (int v = 0; v < VARIANTS.size(); v++) {
                long t1 = System.nanoTime();
                Analytics analytics = VARIANTS.get(v).feed().replay(data.events());
                double rate = Replay.rate(n, System.nanoTime() - t1);
                try (analytics) {
                    Dashboard d = analytics.queries().dashboard(data.firstDay(), data.lastDay());
                    replayChecksum[v] = MoneyUnits.of(d.netRevenue(), "net revenue");
                }
                if (measured) {
                    replay[v].add(rate);
                    ratio[v].add(rate / foldRate);
                    fullRatio[v].add(rate / fullFoldRate);
                }
            }
            if (measured) {
                fold.add(foldRate);
                fullFold.add(fullFoldRate);
            }
        }
        table.add(
                "a.fold",
                String.format(Locale.ROOT, "bare HashMap fold (same aggregate kinds), all %,d events", n),
                fold.sample(),
                Unit.ORDERS_PER_SECOND,
                null);
        table.add(
                "a.fold-full",
                "bare fold plus customer-day, day x category, new-customer and funnel counters",
                fullFold.sample(),
                Unit.ORDERS_PER_SECOND,
                null);
        StringBuilder check = new StringBuilder();
        for (int v = 0; v < VARIANTS.size(); v++) {
            Variant variant = VARIANTS.get(v);
            table.add(variant.id(), variant.label(), replay[v].sample(), Unit.ORDERS_PER_SECOND, null);
            table.add(
                    variant.id().replace("a.", "a.ratio-"),
                    variant.id() + " / a.fold",
                    ratio[v].sample(),
                    Unit.RATIO,
                    Target.atLeast(TARGET_RATIO));
            table.add(
                    variant.id().replace("a.", "a.ratio-full-"),
                    variant.id() + " / a.fold-full",
                    fullRatio[v].sample(),
                    Unit.RATIO,
                    null);
            check.append(
                    replayChecksum[v] == foldChecksum
                            ? ""
                            : " " + variant.id() + " DIFFERS ("
                                    + MoneyUnits.toAmount(replayChecksum[v]).toPlainString() + ")");
        }
        notes.add("a: net revenue of the bare fold "
                + MoneyUnits.toAmount(foldChecksum).toPlainString()
                + (check.length() == 0 ? "; every replay's dashboard shows the same" : ";" + check));
    }
}
