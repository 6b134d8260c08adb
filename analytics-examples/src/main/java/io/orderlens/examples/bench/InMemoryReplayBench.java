package io.orderlens.examples.bench;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.query.Dashboard;
import io.orderlens.analytics.spi.MoneyUnits;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.PrintStream;

/**
 * (a) Replaying the parsed events through {@link Analytics} with the in-memory store versus a {@link BareFold} of the
 * same events, side by side in every run; the ratio is taken per run, then its median reported.
 */
final class InMemoryReplayBench {
    static final int[] BATCH_SIZES = {100, 1_000};
    static final double TARGET_RATIO = 0.5;

    private InMemoryReplayBench() {}

    static void run(Dataset data, BenchOptions opt, ResultTable table, Notes notes, PrintStream progress) {
        int n = data.size();
        Series fold = new Series();
        Series[] replay = {new Series(), new Series()};
        Series[] ratio = {new Series(), new Series()};
        long foldChecksum = 0;
        Analytics last = null;
        int total = opt.warmups() + opt.runs();
        for (int run = 0; run < total; run++) {
            boolean measured = run >= opt.warmups();
            progress.printf("[bench] a: run %d/%d%s%n", run + 1, total, measured ? "" : " (warm-up)");
            long t0 = System.nanoTime();
            foldChecksum = BareFold.fold(data.events(), OnlineRetailMapping.ZONE);
            double foldRate = Replay.rate(n, System.nanoTime() - t0);
            Sink.consume(foldChecksum);
            for (int b = 0; b < BATCH_SIZES.length; b++) {
                if (last != null) {
                    last.close();
                }
                Analytics analytics = Replay.analytics(new InMemoryAnalyticsStore());
                long t1 = System.nanoTime();
                Replay.recordAll(analytics, data.events(), BATCH_SIZES[b]);
                double rate = Replay.rate(n, System.nanoTime() - t1);
                last = analytics;
                if (measured) {
                    replay[b].add(rate);
                    ratio[b].add(rate / foldRate);
                }
            }
            if (measured) {
                fold.add(foldRate);
            }
        }
        Dashboard d = last.queries().dashboard(data.firstDay(), data.lastDay());
        long libraryNet = MoneyUnits.of(d.netRevenue(), "net revenue");
        notes.add(String.format("a: net revenue of the replay %s, of the bare fold %s: %s", d.netRevenue().toPlainString(),
                MoneyUnits.toAmount(foldChecksum).toPlainString(), libraryNet == foldChecksum ? "equal" : "DIFFERENT"));
        last.close();

        table.add("a.fold", "bare HashMap fold (" + n + " events)", fold.sample(), Unit.ORDERS_PER_SECOND, null);
        for (int b = 0; b < BATCH_SIZES.length; b++) {
            String id = "a.recordAll-" + BATCH_SIZES[b];
            table.add(id, "Analytics in-memory, recordAll batch " + BATCH_SIZES[b], replay[b].sample(),
                    Unit.ORDERS_PER_SECOND, null);
            table.add("a.ratio-" + BATCH_SIZES[b], id + " / a.fold", ratio[b].sample(), Unit.RATIO,
                    Target.atLeast(TARGET_RATIO));
        }
    }
}
