package io.orderlens.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void outsideATerminalItPrintsOneLinePerQuarterAndTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "feeding", false);
        for (int i = 0; i <= 100; i++) {
            bar.update(i / 100.0, i * 10L);
        }
        bar.update(1.0, 1000);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("feeding [........................................]   0%  0 events");
        assertThat(lines[2]).startsWith("feeding [####################....................]  50%  500 events");
        assertThat(lines[4]).startsWith("feeding [########################################] 100%  1,000 events");
    }

    @Test
    void onATerminalItRedrawsOneLineInPlaceAndEndsItWhenDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "x", true);
        bar.update(0.1, 1);
        bar.update(1.0, 3);
        bar.update(1.0, 3); // after the end: nothing more
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .startsWith("\rx [####....")
                .contains("\rx [########################################] 100%  3 events")
                .endsWith("\n");
        assertThat(out.chars().filter(c -> c == '\r').count()).isEqualTo(2);
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }
}
