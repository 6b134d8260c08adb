package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The one-Redis versus three-master benchmark runs end to end and prints every figure (values are not asserted:
 * they are timings), except the share of commands, which the hash tag of the generation counters fixes.
 */
class RedisClusterBenchTest {
    @Test
    void printsEveryFigureAndShowsEveryWarmReadOnTheMasterOfTheCounters() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RedisClusterBench.run(1, Duration.ofMillis(200), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out)
                .containsPattern("1 Redis: warm customer read, 1 thread, p50 +[0-9.]+ us")
                .containsPattern("3-master cluster: warm customer reads, 4 threads +[0-9,]+ reads/s")
                .containsPattern("3-master cluster: invalidations \\(2 scopes\\), 4 threads +[0-9,]+ invalidations/s")
                .containsPattern("warm-read p50, cluster / single +[0-9.]+ x")
                .containsPattern("warm reads/s from 4 threads, cluster / single +[0-9.]+ x")
                .containsPattern("3-master cluster: Redis commands of the read phase per node +100% / 0% / 0%");
    }

    @Test
    void rejectsANonPositiveRunCountOrPhase() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RedisClusterBench.run(0, Duration.ofSeconds(1), sink))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs");
        assertThatThrownBy(() -> RedisClusterBench.run(1, Duration.ZERO, sink))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
    }
}
