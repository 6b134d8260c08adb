package io.orderlens.examples;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.orderlens.examples.retail.RetailCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * Runs the packaged {@code target/analytics-examples.jar} as a user does, in a JVM of its own: the checks that the
 * jar's contents (what the build left out of it) are enough for every documented run.
 */
class ExampleJarIT {
    /**
     * The largest the runnable jar may be. It holds the example and a manifest naming its runtime libraries, which the
     * build copies to {@code target/lib}; neither carries a test server (the in-process MongoDB server and the
     * redis-server binary weigh 15 MB) or the benchmarks.
     */
    static final long MAX_JAR_BYTES = 5_000_000;

    private static final Path JAR = Path.of("target", "analytics-examples.jar").toAbsolutePath();
    private static final Path LIB = Path.of("target", "lib").toAbsolutePath();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        Collections.addAll(command, args);
        Path out = Files.createTempFile("example-out", ".txt");
        Path err = Files.createTempFile("example-err", ".txt");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("the example did not finish: " + command);
            }
            return new Run(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theJarStaysUnderFiveMegabytesAndNeitherItNorItsLibrariesCarryATestServer() throws IOException {
        assertThat(Files.size(JAR)).isLessThanOrEqualTo(MAX_JAR_BYTES);
        try (JarFile zip = new JarFile(JAR.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .contains("io/orderlens/examples/ExampleRunner.class")
                    .noneMatch(n -> n.startsWith("io/orderlens/benchmarks/"));
            String classPath = zip.getManifest().getMainAttributes().getValue("Class-Path");
            List<String> libraries = List.of(classPath.trim().split(" +"));
            assertThat(libraries)
                    .isNotEmpty()
                    .allSatisfy(l -> assertThat(LIB.getParent().resolve(l)).isRegularFile());
        }
        try (var files = Files.list(LIB)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("analytics-core-"))
                    .noneMatch(n -> n.startsWith("mongo-java-server")
                            || n.startsWith("embedded-redis")
                            || n.startsWith("jmh-")
                            || n.startsWith("analytics-benchmarks")
                            || n.startsWith("junit")
                            || n.startsWith("assertj"));
        }
    }

    @Test
    void theDefaultRunPrintsTheDashboardAndHelpAndVersionAnswer() throws Exception {
        Run run = java("--days", "7", "--customers", "60");
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("== Top products by net revenue")
                .contains("== Sales by country")
                .contains("Done in");

        Run help = java("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("usage: java -jar analytics-examples.jar [run] [options]");
        Run version = java("run", "--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("OrderLens examples ");
        Run bad = java("--days", "x");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("error: --days must be a whole number, got 'x'\n");
    }

    @Test
    void onMongoDbAndRedisTheJarExportsAndReportsWhatTheEmbeddedRunDoes() throws Exception {
        Path embedded = dir.resolve("embedded.json");
        Path servers = dir.resolve("servers.json");
        Path report = dir.resolve("servers.html");
        assertThat(java("--days", "7", "--customers", "60", "--export-json", embedded.toString())
                        .status())
                .isZero();

        MongoServer mongo = new MongoServer(new MemoryBackend());
        RedisServer redis = RedisServer.newRedisServer()
                .port(freePort())
                .setting("save \"\"")
                .build();
        try {
            InetSocketAddress address = mongo.bind();
            redis.start();
            Run run = java(
                    "--days",
                    "7",
                    "--customers",
                    "60",
                    "--export-json",
                    servers.toString(),
                    "--report",
                    report.toString(),
                    "--mongo-uri",
                    "mongodb://127.0.0.1:" + address.getPort() + "/example",
                    "--redis-uri",
                    "redis://127.0.0.1:" + redis.ports().get(0));
            assertThat(run.err()).isEmpty();
            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("MongoDB store, Redis cache");
        } finally {
            redis.stop();
            mongo.shutdownNow();
        }
        assertThat(Files.readString(servers)).isEqualTo(Files.readString(embedded));
        assertThat(Files.readString(report)).startsWith("<!DOCTYPE html>").contains("<svg ");
    }

    @Test
    void csvWritesEveryBuiltInReportAndTheRunPrintsAMonthlyTrend() throws Exception {
        Path out = dir.resolve("csv");
        Run run = java("--days", "40", "--customers", "60", "--csv", out.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("== Monthly trend", "net vs prev");
        List<String> files;
        try (var listing = Files.list(out)) {
            files = listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).hasSize(6);
        assertThat(files)
                .allMatch(f -> f.matches("(monthly-revenue|monthly-revenue-by-country|monthly-revenue-by-category"
                        + "|product-performance|customer-list"
                        + "|financial-reconciliation)-\\d{4}-\\d{2}-\\d{2}_\\d{4}-\\d{2}-\\d{2}\\.csv"));
        for (String f : files) {
            assertThat(run.out()).contains("Wrote " + out.resolve(f));
            List<String> lines = Files.readAllLines(out.resolve(f), StandardCharsets.UTF_8);
            assertThat(lines.size()).as(f).isGreaterThan(1);
        }
        String reconciliation = files.stream()
                .filter(f -> f.startsWith("financial-reconciliation"))
                .findFirst()
                .orElseThrow();
        List<String> lines = Files.readAllLines(out.resolve(reconciliation), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("day,orders,gross,refunds,refunded,net,cancellations,ties_out");
        assertThat(lines.get(lines.size() - 2)).startsWith("total,").endsWith(",true");
        assertThat(lines.get(lines.size() - 1)).startsWith("ledger,").endsWith(",true");
    }

    @Test
    void anOnlineRetailReplayWritesItsExport() throws Exception {
        Path csv = Files.writeString(
                dir.resolve("retail.csv"),
                RetailCsv.text(
                        "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
                        "C536379,85123A,HEART,-1,2010-12-01 09:41:00,2.55,17850.0,United Kingdom"));
        Path json = dir.resolve("retail.json");
        Run run = java("--source", "online-retail", "--input", csv.toString(), "--export-json", json.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(Files.readString(json)).contains("\"netRevenue\": 12.75").contains("\"refunds\": 1");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
