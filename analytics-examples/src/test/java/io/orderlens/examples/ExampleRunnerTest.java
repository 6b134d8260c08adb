package io.orderlens.examples;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.orderlens.examples.RunnerHarness.Run;
import io.orderlens.examples.export.ExactJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

class ExampleRunnerTest {
    @TempDir
    Path dir;

    private static Run run(String... args) {
        return RunnerHarness.run(args);
    }

    private static void failsWithOneLine(Run r, String line) {
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(line);
    }

    @Test
    void theDefaultRunGeneratesFeedsAndPrintsEveryDashboardSection() {
        Run r = run("--days", "14", "--customers", "120");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("generating + recording [########################################] 100%")
                .contains("duplicates ignored")
                .contains("== Totals 2025-03-03 .. 2025-03-16 (Europe/London)")
                .contains("== Top products by net revenue")
                .contains("== Top customers by net spend")
                .contains("preferred time of day")
                .contains("favourite items:")
                .contains("== Daily sales, last 14 days")
                .contains("== Sales by country")
                .contains("United Kingdom")
                .contains("Done in");
    }

    @Test
    void theGeneratedRunReportsWhyItsLifetimeValueModelsAreNotUsable() {
        // the generated customers never stop ordering: the BG/NBD likelihood rises without bound as drop-out vanishes
        Run r = run("--days", "60", "--customers", "300");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("== Top customers by predicted lifetime value, next 12 months (as of 2025-05-01)")
                .contains("models not usable: purchases NOT_CONVERGED (the likelihood has no maximum with every"
                        + " parameter in [1e-8, 1e8]")
                .containsPattern("spend CONVERGED \\(converged\\)");
    }

    @Test
    void theGeneratedRunShowsTheExperimentTableAndItsSampleRatioCheck() {
        Run r = run("--days", "30", "--customers", "200");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("Experiment free-delivery-over-20: ")
                .contains("== Experiment free-delivery-over-20 (RUNNING)")
                .containsPattern("control +[0-9]+ +[0-9]+ +[0-9.]+%")
                .containsPattern("banner vs control, conversion: [-+][0-9.]+ pp \\[[-+][0-9.]+, [-+][0-9.]+\\]")
                .contains("banner vs control, revenue/customer: ")
                .contains("sample ratio: chi-square ");
    }

    @Test
    void theSameSeedGivesTheSameExportAndAnotherSeedAnotherOne() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        assertThat(run("--days", "10", "--customers", "100", "--seed", "7", "--export-json", a.toString())
                        .status())
                .isZero();
        assertThat(run(
                                "--days",
                                "10",
                                "--customers",
                                "100",
                                "--seed",
                                "7",
                                "--batch-size",
                                "13",
                                "--export-json",
                                b.toString())
                        .status())
                .isZero();
        assertThat(run("--days", "10", "--customers", "100", "--seed", "8", "--export-json", c.toString())
                        .status())
                .isZero();
        assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
        assertThat(Files.readString(c)).isNotEqualTo(Files.readString(a));
        assertThat(ExactJson.MAPPER.readTree(a.toFile()).at("/totals/orders").asLong())
                .isPositive();
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .startsWith("usage: java -jar analytics-examples.jar")
                .contains("--mongo-uri");
    }

    @Test
    void anUnknownOptionIsOneLineOnStderrAndStatusTwo() {
        Run r = run("--fast");
        failsWithOneLine(r, "error: unknown option '--fast' (see --help)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingInputFileIsReportedBeforeAnyWork() {
        Path missing = dir.resolve("online_retail.csv.gz");
        failsWithOneLine(
                run("--source", "online-retail", "--input", missing.toString()),
                "error: --input: no such file: " + missing);
    }

    @Test
    void aMalformedRowNamesTheFileTheLineAndTheReason() throws IOException {
        Path file = Files.writeString(
                dir.resolve("bad.csv"),
                String.join(
                        "\n",
                        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
                        "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
                        "536365,71053,LANTERN,6,2010-12-01 08:26:00,3,39,17850.0,United Kingdom",
                        ""));
        Run r = run("--source", "online-retail", "--input", file.toString());
        failsWithOneLine(r, "error: --input " + file + ": line 3: expected 8 fields, got 9");
    }

    @Test
    void aWrongHeaderIsReportedAsLineOne() throws IOException {
        Path file = Files.writeString(dir.resolve("other.csv"), "a,b,c\n1,2,3\n");
        Run r = run("--source", "online-retail", "--input", file.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("error: --input " + file + ": line 1: expected the header InvoiceNo,");
    }

    @Test
    void aFileWithoutAnyCustomerRowSaysThereIsNothingToShow() throws IOException {
        Path file = Files.writeString(
                dir.resolve("anon.csv"),
                String.join(
                        "\n",
                        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
                        "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,,United Kingdom",
                        ""));
        failsWithOneLine(
                run("--source", "online-retail", "--input", file.toString()),
                "error: --input " + file + ": no row with a CustomerID; nothing to show");
    }

    @Test
    void aBadUriIsRejected() {
        failsWithOneLine(
                run("--redis-uri", "localhost:6379"),
                "error: --redis-uri must look like "
                        + "redis://host[:port][/db] or rediss://host[:port][/db], got 'localhost:6379'");
    }

    @Test
    void theSameRunOnMongoDbAndRedisExportsExactlyWhatTheEmbeddedRunExports() throws IOException {
        Path embedded = dir.resolve("embedded.json");
        Path servers = dir.resolve("servers.json");
        String[] common = {"--days", "7", "--customers", "60", "--seed", "11"};
        assertThat(run(concat(common, "--export-json", embedded.toString())).status())
                .isZero();

        MongoServer mongo = new MongoServer(new MemoryBackend());
        RedisServer redis = RedisServer.newRedisServer()
                .port(freePort())
                .setting("save \"\"")
                .build();
        try {
            InetSocketAddress address = mongo.bind();
            redis.start();
            Run r = run(concat(
                    common,
                    "--export-json",
                    servers.toString(),
                    "--mongo-uri",
                    "mongodb://127.0.0.1:" + address.getPort() + "/example",
                    "--redis-uri",
                    "redis://127.0.0.1:" + redis.ports().get(0)));
            assertThat(r.err()).isEmpty();
            assertThat(r.status()).isZero();
            assertThat(r.out()).contains("MongoDB store, Redis cache");
        } finally {
            redis.stop();
            mongo.shutdownNow();
        }
        assertThat(Files.readString(servers)).isEqualTo(Files.readString(embedded));
    }

    @Test
    void anUnreachableMongoDbIsOneClearLine() {
        Run r = run("--days", "2", "--customers", "5", "--mongo-uri", "mongodb://127.0.0.1:" + freePort() + "/x");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("error: --mongo-uri: cannot use MongoDB at mongodb://127.0.0.1:");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anUnwritableExportIsAUsageError() {
        Path target = dir.resolve("gone").resolve("out.json");
        failsWithOneLine(
                run("--days", "2", "--customers", "5", "--export-json", target.toString()),
                "error: --export-json: directory does not exist: " + target.getParent());
    }
}
