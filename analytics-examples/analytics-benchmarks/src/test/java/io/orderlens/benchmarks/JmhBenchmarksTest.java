package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs every JMH benchmark once, in this JVM, over a small Online Retail file; checks results exist, never timings. */
class JmhBenchmarksTest {
    @TempDir
    Path dir;

    @Test
    void everyBenchmarkRunsOverASmallFileAndReportsAScore() throws Exception {
        Path input = BenchmarksTest.smallRetailFile(dir, 60);
        Options options = new OptionsBuilder()
                .include(ReplayBenchmark.class.getName() + "\\..*")
                .include(CachedReadBenchmark.class.getName() + "\\..*")
                .param("input", input.toString())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results)
                .extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
                .containsExactlyInAnyOrder(
                        "bareFold",
                        "recordAllBatch100",
                        "recordAllBatch1000",
                        "backfillBatch1000",
                        "asyncSubmitAndFlushBatch1000",
                        "dashboardUncached",
                        "dashboardRedisNearCacheOff",
                        "dashboardRedisNearCacheOn",
                        "customerUncached",
                        "customerRedisNearCacheOff",
                        "customerRedisNearCacheOn");
        assertThat(results)
                .allSatisfy(r -> assertThat(r.getPrimaryResult().getScore())
                        .as(r.getParams().getBenchmark())
                        .isPositive());
    }
}
