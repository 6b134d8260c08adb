package io.orderlens.examples;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line of the example runner: {@code [run] [options]}, {@code run} being the only command and the default.
 * {@link #parse} turns the arguments into a {@link Request}, every problem a {@link UsageException} with a one-line
 * message. Stateless.
 *
 * <p>Rules: each option is a long name ({@code --seed}) followed by its value as the next argument or after an equals
 * sign ({@code --seed=7}); an argument that is itself an option name is never taken as a value; each option may be
 * given once; {@code -h}/{@code --help} and {@code -V}/{@code --version} win over everything else, help first.
 * Problems are reported in argument order, the first one only.
 */
final class RunCommand {
    /** The usage text's first line. */
    static final String SYNOPSIS = "usage: java -jar analytics-examples.jar [run] [options]";

    private static final List<String> HELP = List.of("-h", "--help");
    private static final List<String> VERSION = List.of("-V", "--version");

    /** The options that take a value, in the order of the usage text. */
    private enum Opt {
        SOURCE(
                "--source",
                "generated|online-retail",
                "where events come from (default: generated, a seeded food-delivery data set of 90 days)"),
        INPUT("--input", "PATH", "the Online Retail CSV, plain or gzip (with --source online-retail)"),
        SEED("--seed", "N", "seed of the generated data set (default: " + RunnerOptions.DEFAULT_SEED + ")"),
        DAYS("--days", "N", "days of the generated data set, 1..3650 (default: " + RunnerOptions.DEFAULT_DAYS + ")"),
        CUSTOMERS(
                "--customers",
                "N",
                "customers of the generated data set, 1..1000000 (default: " + RunnerOptions.DEFAULT_CUSTOMERS + ")"),
        BATCH_SIZE(
                "--batch-size",
                "N",
                "events per batch, 1..100000 (default: " + RunnerOptions.DEFAULT_BATCH_SIZE
                        + "; the async pipeline caps it at 10000)"),
        EXPORT_JSON("--export-json", "FILE", "write every total, product, customer, day and country as JSON"),
        REPORT("--report", "FILE.html", "write a self-contained HTML report with charts"),
        CSV(
                "--csv",
                "DIR",
                "write every built-in report as CSV into DIR (created if its parent exists), named"
                        + " <report>-<from>_<to>.csv"),
        MONGO_URI("--mongo-uri", "URI", "use MongoDB (mongodb://host[:port][/db]) instead of memory"),
        REDIS_URI("--redis-uri", "URI", "put a Redis read cache (redis://host[:port][/db]) in front");

        final String name;
        final String label;
        final String description;

        Opt(String name, String label, String description) {
            this.name = name;
            this.label = label;
            this.description = description;
        }

        static Opt named(String name) {
            for (Opt o : values()) {
                if (o.name.equals(name)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** What the command line asks for: the usage text, the version, or a run with checked options. */
    sealed interface Request permits Help, Version, Run {}

    record Help() implements Request {}

    record Version() implements Request {}

    record Run(RunnerOptions options) implements Request {}

    private RunCommand() {}

    /**
     * Reads {@code args} (with or without {@code run} in front).
     *
     * @throws UsageException if an option is unknown, repeated or lacks its value, a value is malformed or out of
     *                        range, or the options do not fit together (an Online Retail run needs a readable
     *                        {@code --input}, output files an existing directory)
     */
    static Request parse(String... args) {
        List<String> all = List.of(args);
        List<String> rest = !all.isEmpty() && all.get(0).equals("run") ? all.subList(1, all.size()) : all;
        if (anyOf(rest, HELP)) {
            return new Help();
        }
        if (anyOf(rest, VERSION)) {
            return new Version();
        }
        Map<Opt, String> given = new EnumMap<>(Opt.class);
        Values v = new Values();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("-")) {
                throw new UsageException("unexpected argument '" + arg + "' (see --help)");
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            Opt opt = Opt.named(name);
            if (opt == null) {
                throw new UsageException("unknown option '" + name + "' (see --help)");
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < rest.size() && !isOption(rest.get(i + 1))) {
                value = rest.get(++i);
            } else {
                throw new UsageException(name + " needs a value (see --help)");
            }
            if (given.putIfAbsent(opt, value) != null) {
                throw new UsageException(name + " is given more than once");
            }
            v.set(opt, value);
        }
        return new Run(v.check(given.keySet()));
    }

    /** The usage text, ending with a line break. */
    static String usage() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append(SYNOPSIS).append(nl).append(nl);
        sb.append("Feeds order events through OrderLens and prints a dashboard.")
                .append(nl)
                .append(nl);
        for (Opt o : Opt.values()) {
            row(sb, "      " + o.name + "=" + o.label, o.description);
        }
        row(sb, "  -h, --help", "Show this help message and exit.");
        row(sb, "  -V, --version", "Print version information and exit.");
        sb.append(nl)
                .append("Exit status: 0 done, 2 bad option or input (one line on stderr), 1 unexpected failure.")
                .append(nl);
        return sb.toString();
    }

    /** Width of the usage text. */
    private static final int WIDTH = 110;
    /** Where descriptions start. */
    private static final int DESCRIPTION_COLUMN = 27;

    /** One option of the usage text: its name, then its description wrapped at {@link #WIDTH}. */
    private static void row(StringBuilder sb, String left, String description) {
        String indent = " ".repeat(DESCRIPTION_COLUMN);
        String first;
        if (left.length() < DESCRIPTION_COLUMN - 1) {
            first = left + " ".repeat(DESCRIPTION_COLUMN - left.length());
        } else {
            sb.append(left).append(System.lineSeparator());
            first = indent;
        }
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : description.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                sb.append(line).append(System.lineSeparator());
                line = new StringBuilder(indent).append("  ");
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        sb.append(line).append(System.lineSeparator());
    }

    private static boolean anyOf(List<String> args, List<String> names) {
        for (String arg : args) {
            if (names.contains(arg)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code arg} names an option (alone or with {@code =value}), so that it is not taken as a value. */
    private static boolean isOption(String arg) {
        int eq = arg.indexOf('=');
        String name = eq > 0 ? arg.substring(0, eq) : arg;
        return Opt.named(name) != null || HELP.contains(arg) || VERSION.contains(arg);
    }

    /** The converted values, with their defaults. */
    private static final class Values {
        RunnerOptions.Source source = RunnerOptions.Source.GENERATED;
        Path input;
        long seed = RunnerOptions.DEFAULT_SEED;
        long days = RunnerOptions.DEFAULT_DAYS;
        long customers = RunnerOptions.DEFAULT_CUSTOMERS;
        long batchSize = RunnerOptions.DEFAULT_BATCH_SIZE;
        Path exportJson;
        Path report;
        Path csv;
        String mongoUri;
        String redisUri;

        void set(Opt opt, String value) {
            switch (opt) {
                case SOURCE -> source = source(value);
                case INPUT -> input = path(opt, value);
                case SEED -> seed = number(opt, value);
                case DAYS -> days = number(opt, value);
                case CUSTOMERS -> customers = number(opt, value);
                case BATCH_SIZE -> batchSize = number(opt, value);
                case EXPORT_JSON -> exportJson = path(opt, value);
                case REPORT -> report = path(opt, value);
                case CSV -> csv = path(opt, value);
                case MONGO_URI -> mongoUri = ServerUris.checkMongoUri(value);
                case REDIS_URI -> redisUri = ServerUris.checkRedisUri(value);
                default -> throw new IllegalStateException(opt.name);
            }
        }

        /** The options, checked as a whole; {@code given} says which were on the command line. */
        RunnerOptions check(Set<Opt> given) {
            int days = (int) range("--days", this.days, 1, 3650);
            int customers = (int) range("--customers", this.customers, 1, 1_000_000);
            int batchSize = (int) range("--batch-size", this.batchSize, 1, 100_000);
            named("--input", input);
            named("--export-json", exportJson);
            named("--report", report);
            named("--csv", csv);
            if (source == RunnerOptions.Source.ONLINE_RETAIL) {
                if (input == null) {
                    throw new UsageException(
                            "--source online-retail needs --input PATH (the online_retail.csv.gz file)");
                }
                if (!Files.exists(input)) {
                    throw new UsageException("--input: no such file: " + input);
                }
                if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
                    throw new UsageException("--input: not a readable file: " + input);
                }
                for (Opt generatorOnly : List.of(Opt.SEED, Opt.DAYS, Opt.CUSTOMERS)) {
                    if (given.contains(generatorOnly)) {
                        throw new UsageException(generatorOnly.name + " applies to --source generated only");
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
    }

    /** {@code generated} or {@code online-retail}, in any case. */
    private static RunnerOptions.Source source(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "generated" -> RunnerOptions.Source.GENERATED;
            case "online-retail" -> RunnerOptions.Source.ONLINE_RETAIL;
            default -> throw new UsageException("--source must be generated or online-retail, got '" + value + "'");
        };
    }

    private static Path path(Opt opt, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(opt.name + ": not a valid path: '" + value + "'", e);
        }
    }

    private static long number(Opt opt, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(opt.name + " must be a whole number, got '" + value + "'", e);
        }
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
}
