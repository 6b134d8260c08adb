package io.orderlens.examples;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.InvalidEventException;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.cohort.AcquisitionFunnel;
import io.orderlens.analytics.cohort.CohortPeriod;
import io.orderlens.analytics.cohort.CohortTable;
import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.Experiments;
import io.orderlens.analytics.experiment.ExposureEvent;
import io.orderlens.analytics.funnel.LifecycleFunnel;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.period.Granularity;
import io.orderlens.analytics.period.PeriodSeries;
import io.orderlens.analytics.report.Report;
import io.orderlens.analytics.report.ReportException;
import io.orderlens.analytics.report.ReportRange;
import io.orderlens.analytics.segment.RfmSummary;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.examples.console.CohortConsole;
import io.orderlens.examples.console.ConsoleDashboard;
import io.orderlens.examples.console.ExperimentTable;
import io.orderlens.examples.console.Fmt;
import io.orderlens.examples.console.LifecycleFunnelTable;
import io.orderlens.examples.console.LifetimeValueTable;
import io.orderlens.examples.console.MonthlyTrendTable;
import io.orderlens.examples.console.ProgressBar;
import io.orderlens.examples.console.RfmSegmentTable;
import io.orderlens.examples.export.AnalyticsExport;
import io.orderlens.examples.feed.EventFeeder;
import io.orderlens.examples.feed.EventSource;
import io.orderlens.examples.feed.FedKeys;
import io.orderlens.examples.feed.ReadAhead;
import io.orderlens.examples.feed.ReplayClock;
import io.orderlens.examples.generate.FoodDeliveryDataset;
import io.orderlens.examples.report.HtmlReport;
import io.orderlens.examples.report.ReportData;
import io.orderlens.examples.retail.MappingStats;
import io.orderlens.examples.retail.OnlineRetailMapping;
import io.orderlens.examples.retail.OnlineRetailReader;
import io.orderlens.examples.retail.RetailFormatException;
import io.orderlens.examples.retail.TimedRows;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The runnable example: feeds a data set through OrderLens and prints a dashboard, optionally writing a JSON export
 * and an HTML report. Its command line is {@link RunCommand}; {@code --help} lists the options.
 */
public final class ExampleRunner {
    /** Customers in the lifetime-value table. */
    private static final int TOP_LIFETIME_VALUES = 10;

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
        RunCommand run = new RunCommand();
        CommandLine cli = new CommandLine(new Root()).addSubcommand(new CommandLine(run));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setParameterExceptionHandler((e, ignored) -> usageError(CommandLineErrors.message(e), out, err));
        cli.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            try {
                new ExampleRunner(out, interactive).run(run.options(parsed.subcommand()));
                return 0;
            } catch (UsageException e) {
                return usageError(e.getMessage(), out, err);
            } catch (RuntimeException e) {
                out.flush();
                err.println("unexpected failure: " + e);
                e.printStackTrace(err);
                return 1;
            }
        });
        return cli.execute(withCommand(args));
    }

    /** The command line's root: it only holds the {@code run} command, the default when none is named. */
    @Command(name = "java -jar analytics-examples.jar")
    private static final class Root {}

    /** {@code args} with {@code run} in front unless they name it already. */
    private static String[] withCommand(String[] args) {
        if (args.length > 0 && args[0].equals("run")) {
            return args;
        }
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static int usageError(String message, PrintStream out, PrintStream err) {
        out.flush();
        err.println("error: " + message);
        return UsageException.EXIT_CODE;
    }

    private void run(RunnerOptions options) {
        long start = System.nanoTime();
        try {
            switch (options.source()) {
                case GENERATED -> {
                    try (Backends backends = Backends.open(options)) {
                        generated(options, backends.store(), backends.cache());
                    }
                }
                // opens the backends itself, once reading the input has started
                case ONLINE_RETAIL -> onlineRetail(options);
                default -> throw new IllegalStateException(options.source().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.printf(Locale.ROOT, "%nDone in %.1f s.%n", (System.nanoTime() - start) / 1e9);
    }

    private void generated(RunnerOptions options, AnalyticsStore store, AnalyticsCache cache) {
        FoodDeliveryDataset.Spec spec = new FoodDeliveryDataset.Spec(
                options.seed(),
                FoodDeliveryDataset.Spec.defaults(options.seed()).start(),
                options.days(),
                options.customers());
        FoodDeliveryDataset dataset = new FoodDeliveryDataset(spec);
        ZoneId zone = FoodDeliveryDataset.ZONE;
        ReplayClock clock = new ReplayClock(spec.start().atStartOfDay(zone).toInstant());
        out.printf(
                Locale.ROOT,
                "OrderLens example: generated food-delivery data, seed %d, %s customers, %d days "
                        + "from %s, business zone %s, %s%n",
                spec.seed(),
                Fmt.count(spec.customers()),
                spec.days(),
                spec.start(),
                zone,
                Backends.describe(options));
        FedKeys keys = new FedKeys();
        try (Analytics analytics = analytics(store, cache, zone, clock)) {
            startExperiment(analytics, dataset);
            feed(
                    analytics,
                    ReadAhead.start(
                            track(keys, clock.track(dataset.events()), options),
                            batchSize(options),
                            EventFeeder.READ_AHEAD_BATCHES),
                    options,
                    "generating + recording");
            clock.advanceTo(spec.end());
            finish(options, analytics, keys, spec.start(), spec.lastDay());
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
        out.printf(
                Locale.ROOT,
                "Experiment %s: %s customers exposed from %s (50/50, GrowthBook hashing)%n",
                e.key(),
                Fmt.count(exposures.size()),
                e.start());
    }

    private static final int EXPOSURE_BATCH = 1_000;

    private void onlineRetail(RunnerOptions options) throws IOException {
        Path input = options.input();
        ZoneId zone = OnlineRetailMapping.ZONE;
        ReplayClock clock = new ReplayClock(Instant.EPOCH);
        out.printf(
                Locale.ROOT,
                "OrderLens example: replaying the UCI Online Retail data set from %s, business zone " + "%s, %s%n",
                input,
                zone,
                Backends.describe(options));
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
        FedKeys keys = new FedKeys();
        TimedRows rows = new TimedRows(reader);
        OnlineRetailMapping.Source source = OnlineRetailMapping.events(rows);
        // reading starts while the store, the cache and the library are set up
        try (reader;
                ReadAhead<OrderEvent> ahead = ReadAhead.start(
                        track(keys, clock.track(source), options), batchSize(options), EventFeeder.READ_AHEAD_BATCHES);
                Backends backends = Backends.open(options);
                Analytics analytics = analytics(backends.store(), backends.cache(), zone, clock)) {
            EventFeeder.Summary fed;
            try {
                fed = feed(analytics, ahead, options, "replaying");
            } catch (RetailFormatException e) {
                throw new UsageException("--input " + input + ": " + e.getMessage());
            } catch (UncheckedIOException e) {
                throw new UsageException(
                        "--input: cannot read " + input + ": " + e.getCause().getMessage());
            }
            MappingStats stats = source.stats();
            out.printf(
                    Locale.ROOT,
                    "Mapping: %s rows read; %s skipped without CustomerID; %s skipped as invalid "
                            + "(negative price %s, quantity <= 0 in an order %s, quantity >= 0 in a cancellation %s);"
                            + " %s rows became %s orders and %s refunds (%s duplicate rows added to a line)%n",
                    Fmt.count(stats.rowsRead()),
                    Fmt.count(stats.rowsWithoutCustomer()),
                    Fmt.count(stats.rowsInvalid()),
                    Fmt.count(stats.rowsNegativePrice()),
                    Fmt.count(stats.rowsNonPositiveQuantityInOrder()),
                    Fmt.count(stats.rowsNonNegativeQuantityInCancellation()),
                    Fmt.count(stats.rowsMapped()),
                    Fmt.count(stats.orders()),
                    Fmt.count(stats.refunds()),
                    Fmt.count(stats.mergedRows()));
            Duration parsing = rows.readingTime();
            Duration mapping = fed.reading().minus(parsing);
            out.printf(
                    Locale.ROOT,
                    "Parse time: parsing the CSV (gunzip and decoding included) took %.2f s (%s rows/s) and grouping"
                            + " and mapping the rows %.2f s (%s events/s), both on the reading thread%n",
                    parsing.toNanos() / 1e9,
                    Fmt.count(Math.round(stats.rowsRead() * 1e9 / Math.max(1, parsing.toNanos()))),
                    mapping.toNanos() / 1e9,
                    Fmt.count(Math.round(fed.events() * 1e9 / Math.max(1, mapping.toNanos()))));
            if (clock.earliestTracked() == null) {
                throw new UsageException("--input " + input + ": no row with a CustomerID; nothing to show");
            }
            LocalDate from = clock.earliestTracked().atZone(zone).toLocalDate();
            LocalDate to = clock.latestTracked().atZone(zone).toLocalDate();
            finish(options, analytics, keys, from, to);
        }
    }

    /**
     * {@code source}, noting its keys in {@code keys} when the run writes an export or a report (the only readers of
     * them); as it is otherwise.
     */
    private static EventSource track(FedKeys keys, EventSource source, RunnerOptions options) {
        return options.exportJson() != null || options.report() != null ? keys.track(source) : source;
    }

    /** Largest batch the runner records at once; bigger {@code --batch-size} values are capped to it. */
    static final int MAX_BATCH = 10_000;

    private static int batchSize(RunnerOptions options) {
        return Math.min(options.batchSize(), MAX_BATCH);
    }

    private static Analytics analytics(AnalyticsStore store, AnalyticsCache cache, ZoneId zone, ReplayClock clock) {
        return Analytics.builder()
                .store(store)
                .cache(cache)
                .zone(zone)
                .clock(clock)
                .build();
    }

    /**
     * Feeds the events: a reading thread, started by the caller, reads (and for Online Retail groups and maps) the
     * input into batches while this thread records them; the thread has ended when this returns or throws. This is
     * the one place that drives the library's write side: switching to a library-side backfill changes this method
     * only.
     */
    private EventFeeder.Summary feed(
            Analytics analytics, ReadAhead<OrderEvent> ahead, RunnerOptions options, String label) {
        ProgressBar bar = new ProgressBar(out, label, interactive);
        int batchSize = batchSize(options);
        EventFeeder.Summary s;
        try {
            s = new EventFeeder(analytics, batchSize).feed(ahead, bar);
        } catch (InvalidEventException e) {
            throw new UsageException("the library rejected an event: " + e.getMessage(), e);
        }
        out.printf(
                Locale.ROOT,
                "Recorded %s events in %s batches of up to %d in %.2f s (%s events/s): %s applied, "
                        + "%s duplicates ignored, %s held, %s ignored after a cancel%n",
                Fmt.count(s.events()),
                Fmt.count(s.batches()),
                batchSize,
                s.elapsed().toNanos() / 1e9,
                Fmt.count(s.eventsPerSecond()),
                Fmt.count(s.count(RecordOutcome.APPLIED)),
                Fmt.count(s.count(RecordOutcome.DUPLICATE)),
                Fmt.count(s.count(RecordOutcome.HELD)),
                Fmt.count(s.count(RecordOutcome.IGNORED)));
        out.printf(
                Locale.ROOT,
                "Reading the input took %.2f s on a thread of its own (%s events/s); the library took %.2f s"
                        + " on this one (%s events/s) and waited %.2f s for input%n",
                s.reading().toNanos() / 1e9,
                Fmt.count(s.readingEventsPerSecond()),
                s.recording().toNanos() / 1e9,
                Fmt.count(s.recordingEventsPerSecond()),
                s.waitingForInput().toNanos() / 1e9);
        return s;
    }

    /** The figures of the sections after the dashboard that come from whole-period scans, computed together. */
    private record PeriodFigures(PeriodSeries months, LifecycleFunnel lifecycle) {}

    /** The customer-level figures: RFM segments, cohort retention and the acquisition funnel. */
    private record CustomerFigures(RfmSummary rfm, CohortTable cohorts, AcquisitionFunnel funnel) {}

    private void finish(RunnerOptions options, Analytics analytics, FedKeys keys, LocalDate from, LocalDate to) {
        // The sections read the library concurrently: the lifetime-value fit (the slowest), the period figures and the
        // customer figures each on a thread of their own while this one prints the dashboard; everything is printed
        // here, in the same order and with the same figures as computing each section in place.
        CohortTable cohorts;
        AcquisitionFunnel funnel;
        try (Background<LifetimeValueTable.Figures> lifetimeValues = Background.start(
                        "orderlens-lifetime-value",
                        () -> LifetimeValueTable.Figures.of(analytics.lifetimeValue(), to, TOP_LIFETIME_VALUES));
                Background<CustomerFigures> customers = Background.start(
                        "orderlens-customer-figures",
                        () -> new CustomerFigures(
                                analytics.segments().rfm(to),
                                analytics.cohorts().retention(CohortPeriod.MONTH, from, to),
                                analytics.cohorts().acquisitionFunnel(CohortPeriod.MONTH, from, to)));
                Background<PeriodFigures> periods = Background.start(
                        "orderlens-period-figures",
                        () -> new PeriodFigures(
                                analytics.periods().series(Granularity.MONTH, from, to),
                                analytics.funnels().lifecycle(from, to)))) {
            new ConsoleDashboard(analytics.queries(), analytics.zone(), out).print(from, to, Optional.empty());
            PeriodFigures p = periods.result();
            new MonthlyTrendTable(out).print(p.months());
            new LifecycleFunnelTable(out).print(p.lifecycle());
            for (Experiment e : analytics.experiments().all()) {
                new ExperimentTable(out).print(analytics.experiments().results(e.key()));
            }
            CustomerFigures c = customers.result();
            new RfmSegmentTable(out).print(c.rfm());
            cohorts = c.cohorts();
            funnel = c.funnel();
            new LifetimeValueTable(out).print(lifetimeValues.result());
        }
        new CohortConsole(out).print(cohorts, funnel);
        if (options.exportJson() == null && options.report() == null && options.csvDir() == null) {
            return;
        }
        out.println();
        if (options.csvDir() != null) {
            writeCsv(options.csvDir(), analytics, ReportRange.of(from, to));
        }
        if (options.exportJson() == null && options.report() == null) {
            return;
        }
        AnalyticsExport export = AnalyticsExport.of(analytics.queries(), analytics.zone(), keys)
                .withCohorts(cohorts)
                .withRfm(AnalyticsExport.rfm(analytics.segments(), to));
        if (options.exportJson() != null) {
            write("--export-json", options.exportJson(), () -> export.writeJson(options.exportJson()));
            out.printf(
                    Locale.ROOT,
                    "Wrote %s: %s orders, %s refunds, net revenue %s, %s customers, %s products%n",
                    options.exportJson(),
                    Fmt.count(export.totals().orders()),
                    Fmt.count(export.totals().refunds()),
                    Fmt.money(export.totals().netRevenue()),
                    Fmt.count(export.totals().customers()),
                    Fmt.count(export.totals().products()));
        }
        if (options.report() != null) {
            ReportData data = ReportData.collect(analytics, export, from, to).withCohorts(cohorts);
            write("--report", options.report(), () -> HtmlReport.write(options.report(), data));
            out.printf(Locale.ROOT, "Wrote %s (open it in a browser; it needs no network)%n", options.report());
        }
    }

    /** Writes every built-in report of {@code range} into {@code dir} as {@code <report>-<from>_<to>.csv}. */
    private void writeCsv(Path dir, Analytics analytics, ReportRange range) {
        write("--csv", dir, () -> Files.createDirectories(dir));
        for (Report<?> report : analytics.reports().builtIns()) {
            Path file = dir.resolve(report.name() + "-" + range.label() + ".csv");
            long[] rows = {0};
            write("--csv", file, () -> {
                try (OutputStream os = Files.newOutputStream(file)) {
                    rows[0] = report.writeCsv(range, os);
                } catch (ReportException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw e;
                }
            });
            out.printf(Locale.ROOT, "Wrote %s (%s rows)%n", file, Fmt.count(rows[0]));
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
