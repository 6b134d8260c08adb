package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cohort upkeep benchmark runs end to end and prints every figure (values are not asserted: they are timings). */
class CohortBenchTest {
    @TempDir
    Path dir;

    @Test
    void printsTheRatesWithAndWithoutUpkeepAndTheQueryTimes() throws IOException {
        Dataset data = Dataset.load(BenchmarksTest.smallRetailFile(dir, 60), Integer.MAX_VALUE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CohortBench.run(data, 1, 40, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out)
                .containsPattern("in memory, [0-9,]+ events, recordAll batch 1,000: upkeep on [0-9,]+ \\(")
                .containsPattern("ratio on/off [0-9.]+ \\([0-9.]+\\.\\.[0-9.]+\\) \\(target >= 0.9\\)")
                .containsPattern("in memory, cohort queries after a replay with upkeep: monthly retention [0-9.]+")
                .containsPattern("in-process MongoDB, 40 events, recordAll batch 1,000: upkeep on [0-9,]+")
                .containsPattern("in-process MongoDB, cohort queries .* acquisition funnel [0-9.]+");
    }
}
