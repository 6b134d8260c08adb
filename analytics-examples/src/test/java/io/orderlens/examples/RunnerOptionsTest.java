package io.orderlens.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunnerOptionsTest {
    @TempDir
    Path dir;

    /** Parses {@code args} as the runner's {@code run} command does, without running anything. */
    private static RunnerOptions parse(String... args) {
        RunCommand command = new RunCommand();
        try {
            return command.options(new CommandLine(command).parseArgs(args));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(CommandLineErrors.message(e), e);
        }
    }

    private static void rejects(String message, String... args) {
        assertThatThrownBy(() -> parse(args)).isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void noArgumentsMeansTheGeneratedDataSetInMemory() {
        RunnerOptions o = parse();
        assertThat(o.source()).isEqualTo(RunnerOptions.Source.GENERATED);
        assertThat(o.seed()).isEqualTo(RunnerOptions.DEFAULT_SEED);
        assertThat(o.days()).isEqualTo(90);
        assertThat(o.batchSize()).isEqualTo(RunnerOptions.DEFAULT_BATCH_SIZE);
        assertThat(o.mongoUri()).isNull();
        assertThat(o.redisUri()).isNull();
    }

    @Test
    void valuesMayFollowAsTheNextArgumentOrAfterAnEqualsSign() throws IOException {
        Path input = Files.writeString(dir.resolve("in.csv"), "x");
        RunnerOptions o = parse(
                "--source",
                "online-retail",
                "--input=" + input,
                "--batch-size",
                "50",
                "--export-json=" + dir.resolve("out.json"),
                "--report",
                dir.resolve("r.html").toString());
        assertThat(o.source()).isEqualTo(RunnerOptions.Source.ONLINE_RETAIL);
        assertThat(o.input()).isEqualTo(input);
        assertThat(o.batchSize()).isEqualTo(50);
        assertThat(o.exportJson()).isEqualTo(dir.resolve("out.json"));
        assertThat(o.report()).isEqualTo(dir.resolve("r.html"));
    }

    @Test
    void helpWinsOverEverythingElse() {
        for (String[] args :
                List.of(new String[] {"--source", "online-retail", "--help"}, new String[] {"-h"}, new String[] {
                    "run", "--days", "0", "--help"
                })) {
            RunnerHarness.Run r = RunnerHarness.run(args);
            assertThat(r.status()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out())
                    .startsWith("usage: java -jar analytics-examples.jar [run] [options]")
                    .contains("--batch-size=N")
                    .contains("--redis-uri=URI")
                    .contains("Exit status:");
        }
    }

    @Test
    void versionNamesTheBuildAndTheJvm() {
        RunnerHarness.Run r = RunnerHarness.run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .startsWith("OrderLens examples 0.")
                .doesNotContain("${")
                .contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void runIsTheDefaultCommandAndMayBeNamed() {
        assertThat(RunnerHarness.run("run", "--days", "0").err())
                .isEqualTo(RunnerHarness.run("--days", "0").err())
                .isEqualTo("error: --days must be 1..3650, got 0\n");
        assertThat(RunnerHarness.run("run", "run").err()).isEqualTo("error: unexpected argument 'run' (see --help)\n");
    }

    @Test
    void unknownOptionsAndStrayArgumentsAreRejected() {
        rejects("unknown option '--colour' (see --help)", "--colour", "red");
        rejects("unknown option '--expor-json' (see --help)", "--expor-json=x.json");
        rejects("unexpected argument 'report.html' (see --help)", "report.html");
    }

    @Test
    void optionsNeedTheirValueOnce() {
        rejects("--seed needs a value (see --help)", "--seed");
        rejects("--report needs a value (see --help)", "--report", "--seed", "1");
        rejects("--seed is given more than once", "--seed", "1", "--seed", "2");
        rejects("--export-json needs a file name", "--export-json=");
        rejects("--input needs a file name", "--source", "online-retail", "--input", " ");
    }

    @Test
    void numbersMustBeWholeAndInRange() {
        rejects("--seed must be a whole number, got 'abc'", "--seed", "abc");
        rejects("--days must be 1..3650, got 0", "--days", "0");
        rejects("--batch-size must be 1..100000, got 100001", "--batch-size", "100001");
        rejects("--customers must be a whole number, got '1.5'", "--customers", "1.5");
        rejects("--days must be 1..3650, got 99999999999", "--days", "99999999999");
        assertThat(parse("--seed", "-7").seed()).isEqualTo(-7);
    }

    @Test
    void sourceAndInputMustFitTogether() throws IOException {
        rejects("--source must be generated or online-retail, got 'csv'", "--source", "csv");
        rejects(
                "--source online-retail needs --input PATH (the online_retail.csv.gz file)",
                "--source",
                "online-retail");
        rejects(
                "--input: no such file: " + dir.resolve("missing.csv.gz"),
                "--source",
                "online-retail",
                "--input",
                dir.resolve("missing.csv.gz").toString());
        rejects("--input: not a readable file: " + dir, "--source", "online-retail", "--input", dir.toString());
        Path input = Files.writeString(dir.resolve("in.csv"), "x");
        rejects("--input applies to --source online-retail only", "--input", input.toString());
        rejects(
                "--seed applies to --source generated only",
                "--source",
                "online-retail",
                "--input",
                input.toString(),
                "--seed",
                "3");
    }

    @Test
    void outputFilesNeedAnExistingDirectory() {
        Path nowhere = dir.resolve("no/such/dir/out.json");
        rejects("--export-json: directory does not exist: " + nowhere.getParent(), "--export-json", nowhere.toString());
        rejects("--report: " + dir + " is a directory; give a file name", "--report", dir.toString());
        rejects(
                "--export-json and --report name the same file: " + dir.resolve("x"),
                "--export-json",
                dir.resolve("x").toString(),
                "--report",
                dir.resolve("x").toString());
    }

    @Test
    void theCsvDirectoryMayBeNewButNotAFileNorUnderAMissingDirectory() throws IOException {
        assertThat(parse("--csv", dir.resolve("new").toString()).csvDir()).isEqualTo(dir.resolve("new"));
        assertThat(parse("--csv", dir.toString()).csvDir()).isEqualTo(dir);
        assertThat(parse().csvDir()).isNull();
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        rejects("--csv: " + file + " is a file; give a directory", "--csv", file.toString());
        Path nowhere = dir.resolve("no/such/out");
        rejects("--csv: directory does not exist: " + nowhere.getParent(), "--csv", nowhere.toString());
        rejects("--csv needs a file name", "--csv", " ");
    }

    @Test
    void wellFormedServerUrisAreAccepted() {
        for (String uri : List.of(
                "mongodb://localhost",
                "mongodb://localhost:27017/orderlens",
                "mongodb://user:p%40ss@a.example.com:27017,b.example.com:27018/db?replicaSet=rs0",
                "mongodb://[::1]:27017",
                "mongodb+srv://cluster0.example.net/orderlens?retryWrites=true")) {
            assertThat(ServerUris.checkMongoUri(uri)).isEqualTo(uri);
        }
        for (String uri : List.of(
                "redis://localhost",
                "redis://localhost:6379/2",
                "rediss://:secret@cache:6380",
                "redis://user:pw@10.0.0.5:6379")) {
            assertThat(ServerUris.checkRedisUri(uri)).isEqualTo(uri);
        }
    }

    @Test
    void malformedServerUrisAreRejectedWithWhatWasExpected() {
        rejects(
                "--mongo-uri must look like mongodb://host[:port][/database] or mongodb+srv://host[/database], "
                        + "got 'localhost:27017'",
                "--mongo-uri",
                "localhost:27017");
        rejects(
                "--mongo-uri must look like mongodb://host[:port][/database] or mongodb+srv://host[/database], "
                        + "got 'mongodb:///db'",
                "--mongo-uri",
                "mongodb:///db");
        rejects(
                "--mongo-uri: port must be 1..65535, got '70000' in 'mongodb://h:70000'",
                "--mongo-uri",
                "mongodb://h:70000");
        rejects("--mongo-uri: port must be 1..65535, got 'x' in 'mongodb://h:x'", "--mongo-uri", "mongodb://h:x");
        rejects("--mongo-uri: bad host 'a b' in 'mongodb://a b'", "--mongo-uri", "mongodb://a b");
        rejects(
                "--mongo-uri: a mongodb+srv:// URI names one host without a port, got 'mongodb+srv://h:1'",
                "--mongo-uri",
                "mongodb+srv://h:1");
        rejects(
                "--redis-uri must look like redis://host[:port][/db] or rediss://host[:port][/db], "
                        + "got 'http://localhost:6379'",
                "--redis-uri",
                "http://localhost:6379");
        rejects(
                "--redis-uri must look like redis://host[:port][/db] or rediss://host[:port][/db], " + "got 'redis://'",
                "--redis-uri",
                "redis://");
        rejects(
                "--redis-uri: the path must be a database number, got 'redis://h/cache'",
                "--redis-uri",
                "redis://h/cache");
        rejects("--redis-uri: port must be 1..65535, got 'redis://h:99999'", "--redis-uri", "redis://h:99999");
    }
}
