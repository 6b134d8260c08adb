package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The experiment benchmark runs end to end and prints every figure (values are not asserted: they are timings). */
class ExperimentBenchTest {
    @Test
    void printsEveryFigure() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExperimentBench.run(2_000, 2_000, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out)
                .containsPattern("bucketing \\(Assignment.bucket\\) +p50 +[0-9.]+ ns/call")
                .containsPattern("flag evaluation .* bytes allocated/call")
                .containsPattern("assign \\(Experiments.assign, customer seen before\\) +p50")
                .containsPattern(
                        "flag evaluation \\(Analytics.flags\\(\\).value, counted\\) +p50 .* bytes allocated/call")
                .containsPattern("flag statistics in the store +1,000,000 evaluations") // 10 passes over 100,000 ids
                .containsPattern("recording exposures, in memory +[0-9,]+ exposures/s \\(2,000 customers")
                .containsPattern("results, in memory +[0-9.]+ ms")
                .containsPattern("results, in memory +[0-9.]+ ms \\(median of 5; 1,000 exposed customers")
                .containsPattern("attributed orders, in-process MongoDB +[0-9,]+ events/s \\(2,000 delivered orders")
                .containsPattern("results, in-process MongoDB +[0-9.]+ ms \\(median of 5; 2,000 exposed customers, "
                        + "2,000 of them with an attributed order; a fold of their 2,000 rows")
                .containsPattern("recording exposures, in-process MongoDB +[0-9,]+ exposures/s")
                .containsPattern("order path for comparison, in-process MongoDB +[0-9,]+ events/s");
    }
}
