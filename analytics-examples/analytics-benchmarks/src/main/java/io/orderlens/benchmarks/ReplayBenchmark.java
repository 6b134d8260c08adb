package io.orderlens.benchmarks;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.examples.retail.OnlineRetailMapping;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH: the time to replay the Online Retail events into a fresh in-memory {@link Analytics} (each way the library
 * takes a stream of events) and into a bare {@code HashMap} fold of the same increments. One operation is one whole
 * replay of {@code limit} events, building the instance included; divide the event count by the score for events per
 * second. The side-by-side ratios of the README's table come from {@link Benchmarks}, which runs the fold and the
 * replay in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class ReplayBenchmark {
    /** The Online Retail file; empty for the default locations of {@link BenchOptions}. */
    @Param("")
    public String input;

    /** Events (invoices) of the file to replay, from its start. */
    @Param("2147483647")
    public int limit;

    private Dataset data;

    @Setup(Level.Trial)
    public void load() throws IOException {
        data = Dataset.load(input.isEmpty() ? BenchOptions.defaultInput() : Path.of(input), limit);
    }

    @Benchmark
    public long bareFold() {
        return BareFold.fold(data.events(), OnlineRetailMapping.ZONE);
    }

    @Benchmark
    public void recordAllBatch100(Blackhole bh) {
        try (Analytics a = Replay.analytics(new InMemoryAnalyticsStore())) {
            Replay.recordAll(a, data.events(), 100);
            bh.consume(a);
        }
    }

    @Benchmark
    public void recordAllBatch1000(Blackhole bh) {
        try (Analytics a = Replay.analytics(new InMemoryAnalyticsStore())) {
            Replay.recordAll(a, data.events(), 1_000);
            bh.consume(a);
        }
    }

    @Benchmark
    public long backfillBatch1000() {
        try (Analytics a = Replay.analytics(new InMemoryAnalyticsStore())) {
            return Replay.backfill(a, data.events(), 1_000);
        }
    }

    @Benchmark
    public int asyncSubmitAndFlushBatch1000() {
        try (Analytics a = Replay.async(new InMemoryAnalyticsStore(), 1_000, InMemoryReplayBench.ASYNC_QUEUE)) {
            return Replay.submitAll(a, data.events(), Long.MAX_VALUE);
        }
    }
}
