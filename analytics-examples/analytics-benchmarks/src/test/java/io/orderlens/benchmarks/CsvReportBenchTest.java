package io.orderlens.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CSV report benchmark runs end to end and prints every figure (values are not asserted: they are timings). */
class CsvReportBenchTest {
    @Test
    void printsEveryFigure() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvReportBench.run(2_000, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out)
                .containsPattern("synthetic rows \\(6 columns\\) +[0-9,]+ rows/s +\\(median of 1; 2,000 rows")
                .containsPattern("heap after full GC while writing +200 rows: [0-9.]+ MiB, 1,000 rows: [0-9.]+ MiB, "
                        + "2,000 rows: [0-9.]+ MiB")
                .containsPattern("built-in customer-list, in memory +[0-9,]+ rows/s +\\(median of 1; 2,000 customers");
    }
}
