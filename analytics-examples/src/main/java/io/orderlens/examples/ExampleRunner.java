package io.orderlens.examples;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.Experiments;
import io.orderlens.analytics.experiment.ExposureEvent;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.examples.bench.BenchCommand;
import io.orderlens.examples.console.ConsoleDashboard;
import io.orderlens.examples.console.ExperimentTable;
import io.orderlens.examples.console.Fmt;
import io.orderlens.examples.console.ProgressBar;
import io.orderlens.examples.export.AnalyticsExport;
import io.orderlens.examples.feed.EventFeeder;
import io.orderlens.examples.feed.EventSource;
import io.orderlens.examples.feed.ReplayClock;
import io.orderlens.examples.generate.FoodDeliveryDataset;
import io.orderlens.examples.report.HtmlReport;
import io.orderlens.examples.report.ReportData;
import io.orderlens.examples.retail.MappingStats;
import io.orderlens.examples.retail.OnlineRetailMapping;
import io.orderlens.examples.retail.OnlineRetailReader;
import io.orderlens.examples.retail.RetailFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The runnable example: feeds a data set through OrderLens and prints a dashboard, optionally writing a JSON export
 * and an HTML report. See {@link RunnerOptions#USAGE} or {@code --help}.
 */
public final class ExampleRunner {
    /** How long the runner waits for the async pipeline to apply what was fed. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private final PrintStream out;
    private final boolean interactive;

    private ExampleRunner(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, System.console() != null);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the example as {@code main} does, without exiting the JVM.
     *
     * @param interactive true when {@code out} is a terminal (the progress bar redraws in place)
     * @return the process exit status: 0 done, {@value UsageException#EXIT_CODE} for a usage or input error (one
     *         line on {@code err}), 1 for an unexpected failure
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean interactive) {
        List<String> list = Arrays.asList(args);
        if (!list.isEmpty() && list.get(0).equals("bench")) {
            return BenchCommand.run(list.subList(1, list.size()), out, err);
        }
        try {
            RunnerOptions options = RunnerOptions.parse(list);
            if (options.help()) {
                out.println(RunnerOptions.USAGE);
                return 0;
            }
            new ExampleRunner(out, interactive).run(options);
            return 0;
        } catch (UsageException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return UsageException.EXIT_CODE;
        } catch (RuntimeException e) {
            out.flush();
            err.println("unexpected failure: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private void run(RunnerOptions options) {
        long start = System.nanoTime();
        try (Backends backends = Backends.open(options)) {
            AnalyticsStore store = backends.store();
            AnalyticsCache cache = backends.cache();
            switch (options.source()) {
                case GENERATED -> generated(options, store, cache);
                case ONLINE_RETAIL -> onlineRetail(options, store, cache);
                default -> throw new IllegalStateException(options.source().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.printf(Locale.ROOT, "%nDone in %.1f s.%n", (System.nanoTime() - start) / 1e9);
    }

    private void generated(RunnerOptions options, AnalyticsStore store, AnalyticsCache cache) {
        FoodDeliveryDataset.Spec spec = new FoodDeliveryDataset.Spec(options.seed(),
                FoodDeliveryDataset.Spec.defaults(options.seed()).start(), options.days(), options.customers());
        FoodDeliveryDataset dataset = new FoodDeliveryDataset(spec);
        ZoneId zone = FoodDeliveryDataset.ZONE;
        ReplayClock clock = new ReplayClock(spec.start().atStartOfDay(zone).toInstant());
        out.printf(Locale.ROOT, "OrderLens example: generated food-delivery data, seed %d, %s customers, %d days "
                        + "from %s, business zone %s, %s%n", spec.seed(), Fmt.count(spec.customers()), spec.days(),
                spec.start(), zone, Backends.describe(options));
        try (Analytics analytics = analytics(store, cache, zone, clock, options)) {
            startExperiment(analytics, dataset);
            EventFeeder.Summary summary =
                    feed(analytics, clock.track(dataset.events()), options, "generating + recording");
            clock.advanceTo(spec.end());
            finish(options, analytics, store, spec.start(), spec.lastDay(), summary);
        }
    }

    /**
     * Defines the data set's experiment, starts it and records every customer's exposure (in batches), before any
     * order: orders placed after a customer's exposure are attributed to its variation as they count.
     */
    private void startExperiment(Analytics analytics, FoodDeliveryDataset dataset) {
        Experiments experiments = analytics.experiments();
        Experiment e = dataset.experiment();
        experiments.define(e);
        experiments.transition(e.key(), ExperimentStatus.RUNNING);
        List<ExposureEvent> exposures = dataset.exposures();
        for (int i = 0; i < exposures.size(); i += EXPOSURE_BATCH) {
            experiments.recordExposures(exposures.subList(i, Math.min(exposures.size(), i + EXPOSURE_BATCH)));
        }
        out.printf(Locale.ROOT, "Experiment %s: %s customers exposed from %s (50/50, GrowthBook hashing)%n", e.key(),
                Fmt.count(exposures.size()), e.start());
    }

    private static final int EXPOSURE_BATCH = 1_000;

    private void onlineRetail(RunnerOptions options, AnalyticsStore store, AnalyticsCache cache) throws IOException {
        Path input = options.input();
        ZoneId zone = OnlineRetailMapping.ZONE;
        ReplayClock clock = new ReplayClock(Instant.EPOCH);
        out.printf(Locale.ROOT, "OrderLens example: replaying the UCI Online Retail data set from %s, business zone "
                + "%s, %s%n", input, zone, Backends.describe(options));
        OnlineRetailReader reader;
        try {
            reader = OnlineRetailReader.open(input);
        } catch (NoSuchFileException e) {
            throw new UsageException("--input: no such file: " + input);
        } catch (RetailFormatException e) {
            throw new UsageException("--input " + input + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("--input: cannot read " + input + ": " + e.getMessage());
        }
        try (reader; Analytics analytics = analytics(store, cache, zone, clock, options)) {
            OnlineRetailMapping.Source source = OnlineRetailMapping.events(reader);
            EventFeeder.Summary summary;
            try {
                summary = feed(analytics, clock.track(source), options, "replaying");
            } catch (RetailFormatException e) {
                throw new UsageException("--input " + input + ": " + e.getMessage());
            } catch (UncheckedIOException e) {
                throw new UsageException("--input: cannot read " + input + ": " + e.getCause().getMessage());
            }
            MappingStats stats = source.stats();
            out.printf(Locale.ROOT, "Mapping: %s rows read; %s skipped without CustomerID; %s skipped as invalid "
                            + "(negative price %s, quantity <= 0 in an order %s, quantity >= 0 in a cancellation %s);"
                            + " %s rows became %s orders and %s refunds (%s duplicate rows added to a line)%n",
                    Fmt.count(stats.rowsRead()), Fmt.count(stats.rowsWithoutCustomer()),
                    Fmt.count(stats.rowsInvalid()), Fmt.count(stats.rowsNegativePrice()),
                    Fmt.count(stats.rowsNonPositiveQuantityInOrder()),
                    Fmt.count(stats.rowsNonNegativeQuantityInCancellation()), Fmt.count(stats.rowsMapped()),
                    Fmt.count(stats.orders()), Fmt.count(stats.refunds()), Fmt.count(stats.mergedRows()));
            if (clock.earliestTracked() == null) {
                throw new UsageException("--input " + input + ": no row with a CustomerID; nothing to show");
            }
            LocalDate from = clock.earliestTracked().atZone(zone).toLocalDate();
            LocalDate to = clock.latestTracked().atZone(zone).toLocalDate();
            finish(options, analytics, store, from, to, summary);
        }
    }

    /** Largest batch the async pipeline takes; bigger {@code --batch-size} values are capped to it. */
    static final int MAX_ASYNC_BATCH = 10_000;

    private static Analytics analytics(AnalyticsStore store, AnalyticsCache cache, ZoneId zone, ReplayClock clock,
            RunnerOptions options) {
        return Analytics.builder().store(store).cache(cache).zone(zone).clock(clock)
                .async(AsyncOptions.builder().maxBatchEvents(Math.min(options.batchSize(), MAX_ASYNC_BATCH)).build())
                .build();
    }

    /**
     * Feeds the events. This is the one place that drives the library's write side: switching to a library-side
     * backfill changes this method only.
     */
    private EventFeeder.Summary feed(Analytics analytics, EventSource source, RunnerOptions options, String label) {
        ProgressBar bar = new ProgressBar(out, label, interactive);
        EventFeeder.Summary s;
        try {
            s = new EventFeeder(analytics, Math.min(options.batchSize(), MAX_ASYNC_BATCH))
                    .feedAsync(source, bar, DRAIN_TIMEOUT);
        } catch (InvalidEventException e) {
            throw new UsageException("the library rejected an event: " + e.getMessage(), e);
        }
        out.printf(Locale.ROOT, "Recorded %s events in %s batches of up to %d in %.2f s (%s events/s): %s applied, "
                        + "%s duplicates ignored, %s held, %s ignored after a cancel%n",
                Fmt.count(s.events()), Fmt.count(s.batches()), Math.min(options.batchSize(), MAX_ASYNC_BATCH), s.elapsed().toNanos() / 1e9,
                Fmt.count(s.eventsPerSecond()), Fmt.count(s.count(RecordOutcome.APPLIED)),
                Fmt.count(s.count(RecordOutcome.DUPLICATE)), Fmt.count(s.count(RecordOutcome.HELD)),
                Fmt.count(s.count(RecordOutcome.IGNORED)));
        return s;
    }

    private void finish(RunnerOptions options, Analytics analytics, AnalyticsStore store, LocalDate from,
            LocalDate to, EventFeeder.Summary summary) {
        new ConsoleDashboard(analytics.queries(), analytics.zone(), out).print(from, to, Optional.empty());
        for (Experiment e : analytics.experiments().all()) {
            new ExperimentTable(out).print(analytics.experiments().results(e.key()));
        }
        if (options.exportJson() == null && options.report() == null) {
            return;
        }
        out.println();
        Delta snapshot = store.snapshot();
        AnalyticsExport export = AnalyticsExport.of(snapshot);
        if (options.exportJson() != null) {
            write("--export-json", options.exportJson(), () -> export.writeJson(options.exportJson()));
            out.printf(Locale.ROOT, "Wrote %s: %s orders, %s refunds, net revenue %s, %s customers, %s products%n",
                    options.exportJson(), Fmt.count(export.totals().orders()), Fmt.count(export.totals().refunds()),
                    Fmt.money(export.totals().netRevenue()), Fmt.count(export.totals().customers()),
                    Fmt.count(export.totals().products()));
        }
        if (options.report() != null) {
            ReportData data = ReportData.collect(analytics, snapshot, export, from, to);
            write("--report", options.report(), () -> HtmlReport.write(options.report(), data));
            out.printf(Locale.ROOT, "Wrote %s (open it in a browser; it needs no network)%n", options.report());
        }
    }

    private interface FileWrite {
        void run() throws IOException;
    }

    private static void write(String option, Path file, FileWrite body) {
        try {
            body.run();
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException(option + ": cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
