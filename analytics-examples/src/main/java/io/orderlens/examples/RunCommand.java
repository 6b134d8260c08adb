package io.orderlens.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code run} command of the example runner: its options, typed and checked. {@link #options} turns what picocli
 * parsed into a {@link RunnerOptions}; every problem is a {@link UsageException} with a one-line message. An instance
 * holds one parse; not thread-safe.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = RunnerVersion.class,
        synopsisHeading = "",
        customSynopsis = "usage: java -jar analytics-examples.jar [run] [options]%n",
        description = {"Feeds order events through OrderLens and prints a dashboard.", ""},
        usageHelpWidth = 110,
        optionListHeading = "",
        sortOptions = false,
        footer = {"", "Exit status: 0 done, 2 bad option or input (one line on stderr), 1 unexpected failure."})
final class RunCommand {

    @Option(
            names = "--source",
            paramLabel = "generated|online-retail",
            converter = SourceConverter.class,
            description = "where events come from (default: generated, a seeded food-delivery data set of 90 days)")
    RunnerOptions.Source source = RunnerOptions.Source.GENERATED;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description = "the Online Retail CSV, plain or gzip (with --source online-retail)")
    Path input;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "seed of the generated data set (default: ${DEFAULT-VALUE})")
    long seed = RunnerOptions.DEFAULT_SEED;

    @Option(
            names = "--days",
            paramLabel = "N",
            description = "days of the generated data set, 1..3650 (default: ${DEFAULT-VALUE})")
    long days = RunnerOptions.DEFAULT_DAYS;

    @Option(
            names = "--customers",
            paramLabel = "N",
            description = "customers of the generated data set, 1..1000000 (default: ${DEFAULT-VALUE})")
    long customers = RunnerOptions.DEFAULT_CUSTOMERS;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description =
                    "events per batch, 1..100000 (default: ${DEFAULT-VALUE}; the async pipeline caps it at " + "10000)")
    long batchSize = RunnerOptions.DEFAULT_BATCH_SIZE;

    @Option(
            names = "--export-json",
            paramLabel = "FILE",
            description = "write every total, product, customer, day and country as JSON")
    Path exportJson;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description = "write a self-contained HTML report with charts")
    Path report;

    @Option(
            names = "--csv",
            paramLabel = "DIR",
            description = "write every built-in report as CSV into DIR (created if its parent exists), "
                    + "named <report>-<from>_<to>.csv")
    Path csv;

    @Option(
            names = "--mongo-uri",
            paramLabel = "URI",
            converter = MongoUriConverter.class,
            description = "use MongoDB (mongodb://host[:port][/db]) instead of memory")
    String mongoUri;

    @Option(
            names = "--redis-uri",
            paramLabel = "URI",
            converter = RedisUriConverter.class,
            description = "put a Redis read cache (redis://host[:port][/db]) in front")
    String redisUri;

    /**
     * The checked options of a parse of this command.
     *
     * @param parsed what picocli matched, to tell a default from a value given on the command line
     * @throws UsageException if a value is out of range or the options do not fit together
     */
    RunnerOptions options(ParseResult parsed) {
        int days = (int) range("--days", this.days, 1, 3650);
        int customers = (int) range("--customers", this.customers, 1, 1_000_000);
        int batchSize = (int) range("--batch-size", this.batchSize, 1, 100_000);
        named("--input", input);
        named("--export-json", exportJson);
        named("--report", report);
        named("--csv", csv);
        if (source == RunnerOptions.Source.ONLINE_RETAIL) {
            if (input == null) {
                throw new UsageException("--source online-retail needs --input PATH (the online_retail.csv.gz file)");
            }
            if (!Files.exists(input)) {
                throw new UsageException("--input: no such file: " + input);
            }
            if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
                throw new UsageException("--input: not a readable file: " + input);
            }
            for (String generatorOnly : List.of("--seed", "--days", "--customers")) {
                if (parsed.hasMatchedOption(generatorOnly)) {
                    throw new UsageException(generatorOnly + " applies to --source generated only");
                }
            }
        } else if (input != null) {
            throw new UsageException("--input applies to --source online-retail only");
        }
        writable("--export-json", exportJson);
        writable("--report", report);
        directory("--csv", csv);
        if (exportJson != null
                && report != null
                && exportJson
                        .toAbsolutePath()
                        .normalize()
                        .equals(report.toAbsolutePath().normalize())) {
            throw new UsageException("--export-json and --report name the same file: " + exportJson);
        }
        return new RunnerOptions(
                source, input, seed, days, customers, batchSize, exportJson, report, mongoUri, redisUri, csv);
    }

    private static long range(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new UsageException(option + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    private static void named(String option, Path file) {
        if (file != null && file.toString().isBlank()) {
            throw new UsageException(option + " needs a file name");
        }
    }

    private static void writable(String option, Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(option + ": " + file + " is a directory; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException(option + ": directory does not exist: " + parent);
        }
    }

    /** A directory to write into: an existing directory, or a new one whose parent exists. */
    private static void directory(String option, Path dir) {
        if (dir == null) {
            return;
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(option + ": " + dir + " is a file; give a directory");
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (!Files.exists(dir) && parent != null && !Files.isDirectory(parent)) {
            throw new UsageException(option + ": directory does not exist: " + parent);
        }
    }

    /** {@code generated} or {@code online-retail}, in any case. */
    static final class SourceConverter implements ITypeConverter<RunnerOptions.Source> {
        @Override
        public RunnerOptions.Source convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "generated" -> RunnerOptions.Source.GENERATED;
                case "online-retail" -> RunnerOptions.Source.ONLINE_RETAIL;
                default -> throw new UsageException("--source must be generated or online-retail, got '" + value + "'");
            };
        }
    }

    static final class MongoUriConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return ServerUris.checkMongoUri(value);
        }
    }

    static final class RedisUriConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return ServerUris.checkRedisUri(value);
        }
    }
}
