package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PeriodBenchTest {
    @Test
    void printsTheFunnelUpkeepRatioAndBothSeriesTimesForBothStores() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PeriodBench.run(1, 3, 30, 300, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out)
                .containsPattern("funnel upkeep, in memory, [0-9,]+ events, .* ratio on/off [0-9.]+ \\(")
                .containsPattern("funnel upkeep, in-process MongoDB, [0-9,]+ events, .* ratio on/off [0-9.]+ \\(")
                .containsPattern("series, in memory, 8,036 orders over 2015..2025: 10-year monthly \\(120 buckets\\)"
                        + " [0-9.]+ \\([0-9.]+\\.\\.[0-9.]+\\) ms")
                .containsPattern("series, in-process MongoDB, 8,036 orders .* 1-year weekly \\(53 buckets\\) [0-9.]+ ");
    }
}
