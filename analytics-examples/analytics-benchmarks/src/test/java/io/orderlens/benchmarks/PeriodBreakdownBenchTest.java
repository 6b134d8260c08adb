package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PeriodBreakdownBenchTest {
    @Test
    void printsBothBreakdownTimesWithTheRowsTheyReadForBothStores() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PeriodBreakdownBench.run(1, 50, 1, 3, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        // 4,018 days of 2015..2025, one order a day with lines of two of the three categories
        assertThat(out)
                .contains("4,018 orders over 2015..2025 (50 customers, 3 categories)")
                .containsPattern("breakdowns, in memory: 10-year monthly by category \\(8,036 day x category rows"
                        + " stored\\) [0-9.]+ \\([0-9.]+\\.\\.[0-9.]+\\) ms; 10-year monthly new and returning"
                        + " \\(4,018 customer x day rows scanned\\) [0-9.]+ ")
                .containsPattern("breakdowns, in-process MongoDB: .*\\(8,036 day x category rows stored\\)");
    }
}
