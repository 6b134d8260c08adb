package io.orderlens.examples;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The example runner's command line, parsed and checked. Options take their value as the next argument or after
 * {@code =}. Every problem is a {@link UsageException} with a one-line message.
 *
 * @param source     where events come from
 * @param input      the Online Retail file ({@code --source online-retail})
 * @param seed       seed of the generated data set
 * @param days       days of the generated data set
 * @param customers  customers of the generated data set
 * @param batchSize  events per batch fed to the library
 * @param exportJson where to write the JSON export, or null
 * @param report     where to write the HTML report, or null
 * @param mongoUri   a MongoDB connection string, or null for the in-memory store
 * @param redisUri   a Redis URI, or null for no cache
 * @param help       {@code --help} was given
 */
public record RunnerOptions(
        Source source,
        Path input,
        long seed,
        int days,
        int customers,
        int batchSize,
        Path exportJson,
        Path report,
        String mongoUri,
        String redisUri,
        boolean help) {

    /** Where the events of a run come from. */
    public enum Source {
        /** The seeded food-delivery data set. */
        GENERATED,
        /** A replay of the UCI Online Retail file. */
        ONLINE_RETAIL
    }

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_BATCH_SIZE = 500;

    public static final String USAGE = String.join("\n",
            "usage: java -jar analytics-examples.jar [options]",
            "",
            "Feeds order events through OrderLens and prints a dashboard.",
            "",
            "  --source generated|online-retail  where events come from (default: generated, a seeded",
            "                                    food-delivery data set of 90 days)",
            "  --input PATH                      the Online Retail CSV, plain or gzip (with --source online-retail)",
            "  --seed N                          seed of the generated data set (default " + DEFAULT_SEED + ")",
            "  --days N                          days of the generated data set, 1..3650 (default 90)",
            "  --customers N                     customers of the generated data set (default 800)",
            "  --batch-size N                    events per batch, 1..100000 (default " + DEFAULT_BATCH_SIZE + ")",
            "  --export-json FILE                write every total, product, customer, day and country as JSON",
            "  --report FILE.html                write a self-contained HTML report with charts",
            "  --mongo-uri URI                   use MongoDB (mongodb://host[:port][/db]) instead of memory",
            "  --redis-uri URI                   put a Redis read cache (redis://host[:port][/db]) in front",
            "  -h, --help                        show this help",
            "",
            "Exit status: 0 done, 2 bad option or input (one line on stderr), 1 unexpected failure.");

    private static final Set<String> WITH_VALUE = Set.of("--source", "--input", "--seed", "--days", "--customers",
            "--batch-size", "--export-json", "--report", "--mongo-uri", "--redis-uri");

    /**
     * Parses and checks {@code args}: values in range, the input file present, output directories present, URIs
     * well-formed.
     *
     * @throws UsageException naming the option and what was expected
     */
    public static RunnerOptions parse(List<String> args) {
        Source source = Source.GENERATED;
        Path input = null;
        long seed = DEFAULT_SEED;
        int days = 90;
        int customers = 800;
        int batchSize = DEFAULT_BATCH_SIZE;
        Path exportJson = null;
        Path report = null;
        String mongoUri = null;
        String redisUri = null;
        boolean help = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("-h") || name.equals("--help")) {
                help = true;
                continue;
            }
            if (!WITH_VALUE.contains(name)) {
                throw new UsageException(arg.startsWith("-") ? "unknown option '" + name + "' (see --help)"
                        : "unexpected argument '" + arg + "' (see --help)");
            }
            if (!seen.add(name)) {
                throw new UsageException(name + " is given more than once");
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException(name + " needs a value (see --help)");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--source" -> source = switch (value.toLowerCase(Locale.ROOT)) {
                    case "generated" -> Source.GENERATED;
                    case "online-retail" -> Source.ONLINE_RETAIL;
                    default -> throw new UsageException(
                            "--source must be generated or online-retail, got '" + value + "'");
                };
                case "--input" -> input = path(name, value);
                case "--seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--days" -> days = (int) number(name, value, 1, 3650);
                case "--customers" -> customers = (int) number(name, value, 1, 1_000_000);
                case "--batch-size" -> batchSize = (int) number(name, value, 1, 100_000);
                case "--export-json" -> exportJson = path(name, value);
                case "--report" -> report = path(name, value);
                case "--mongo-uri" -> mongoUri = checkMongoUri(value);
                case "--redis-uri" -> redisUri = checkRedisUri(value);
                default -> throw new IllegalStateException(name);
            }
        }
        if (help) {
            return new RunnerOptions(source, input, seed, days, customers, batchSize, exportJson, report, mongoUri,
                    redisUri, true);
        }
        if (source == Source.ONLINE_RETAIL) {
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
                if (seen.contains(generatorOnly)) {
                    throw new UsageException(generatorOnly + " applies to --source generated only");
                }
            }
        } else if (input != null) {
            throw new UsageException("--input applies to --source online-retail only");
        }
        writable("--export-json", exportJson);
        writable("--report", report);
        if (exportJson != null && exportJson.toAbsolutePath().normalize()
                .equals(report == null ? null : report.toAbsolutePath().normalize())) {
            throw new UsageException("--export-json and --report name the same file: " + exportJson);
        }
        return new RunnerOptions(source, input, seed, days, customers, batchSize, exportJson, report, mongoUri,
                redisUri, false);
    }

    private static Path path(String option, String value) {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a file name");
        }
        try {
            return Paths.get(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException(option + ": not a valid path: '" + value + "'");
        }
    }

    private static long number(String option, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, got '" + value + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(option + " must be " + min + ".." + max + ", got " + n);
        }
        return n;
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

    /**
     * Checks the shape of a MongoDB connection string: {@code mongodb://[user:pass@]host[:port][,host[:port]…][/db]
     * [?options]} or {@code mongodb+srv://[user:pass@]host[/db][?options]}.
     */
    static String checkMongoUri(String uri) {
        String expected = "--mongo-uri must look like mongodb://host[:port][/database] or mongodb+srv://host"
                + "[/database], got '" + uri + "'";
        boolean srv = uri.startsWith("mongodb+srv://");
        if (!srv && !uri.startsWith("mongodb://")) {
            throw new UsageException(expected);
        }
        String rest = uri.substring(srv ? "mongodb+srv://".length() : "mongodb://".length());
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int at = rest.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String authority = rest.substring(0, end);
        int userinfo = authority.lastIndexOf('@');
        String hosts = userinfo >= 0 ? authority.substring(userinfo + 1) : authority;
        if (hosts.isEmpty()) {
            throw new UsageException(expected);
        }
        String[] list = hosts.split(",", -1);
        if (srv && (list.length != 1 || list[0].contains(":"))) {
            throw new UsageException("--mongo-uri: a mongodb+srv:// URI names one host without a port, got '"
                    + uri + "'");
        }
        for (String host : list) {
            checkHostPort("--mongo-uri", host, uri);
        }
        return uri;
    }

    /** Checks the shape of a Redis URI: {@code redis://[[user]:pass@]host[:port][/db]} or {@code rediss://…}. */
    static String checkRedisUri(String uri) {
        String expected = "--redis-uri must look like redis://host[:port][/db] or rediss://host[:port][/db], got '"
                + uri + "'";
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw new UsageException(expected);
        }
        if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme())) {
            throw new UsageException(expected);
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new UsageException(expected);
        }
        if (u.getPort() == 0 || u.getPort() > 65_535) {
            throw new UsageException("--redis-uri: port must be 1..65535, got '" + uri + "'");
        }
        String path = u.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            if (!db.chars().allMatch(Character::isDigit) || db.length() > 5) {
                throw new UsageException("--redis-uri: the path must be a database number, got '" + uri + "'");
            }
        }
        return uri;
    }

    private static void checkHostPort(String option, String hostPort, String uri) {
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) { // IPv6 literal
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new UsageException(option + ": unclosed IPv6 address in '" + uri + "'");
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new UsageException(option + ": bad host '" + hostPort + "' in '" + uri + "'");
                }
                port = after.substring(1);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                port = hostPort.substring(colon + 1);
            }
        }
        if (host.isEmpty() || !host.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-._[]:%".indexOf(c) >= 0)) {
            throw new UsageException(option + ": bad host '" + hostPort + "' in '" + uri + "'");
        }
        if (port != null) {
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new UsageException(option + ": port must be 1..65535, got '" + port + "' in '" + uri + "'");
            }
            if (p < 1 || p > 65_535) {
                throw new UsageException(option + ": port must be 1..65535, got '" + port + "' in '" + uri + "'");
            }
        }
    }
}
