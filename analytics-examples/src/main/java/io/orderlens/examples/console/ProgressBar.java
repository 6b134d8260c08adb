package io.orderlens.examples.console;

import io.orderlens.examples.feed.EventFeeder;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * A text progress bar. On a terminal it redraws one line in place at most ten times a second; otherwise (output
 * redirected to a file or a CI log) it prints a line at every quarter so the log stays short. Not thread-safe.
 */
public final class ProgressBar implements EventFeeder.Progress {
    private static final int WIDTH = 40;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final String label;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long lastDraw = Long.MIN_VALUE;
    private int lastQuarter = -1;
    private boolean finished;

    /**
     * @param interactive true to redraw in place (a terminal), false for one line per quarter
     */
    public ProgressBar(PrintStream out, String label, boolean interactive) {
        this.out = Objects.requireNonNull(out, "out");
        this.label = Objects.requireNonNull(label, "label");
        this.interactive = interactive;
    }

    @Override
    public void update(double fraction, long events) {
        if (finished) {
            return;
        }
        double f = Math.max(0, Math.min(1, fraction));
        boolean done = f >= 1.0;
        if (interactive) {
            long now = System.nanoTime();
            if (!done && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            out.print('\r' + render(f, events));
            if (done) {
                out.println();
            }
        } else {
            int quarter = (int) Math.floor(f * 4);
            if (quarter == lastQuarter) {
                return;
            }
            lastQuarter = quarter;
            out.println(render(f, events));
        }
        out.flush();
        finished = done;
    }

    /** The bar as one line, e.g. {@code replaying [#########.......]  56%  12,345 events  1.2 s}. */
    String render(double fraction, long events) {
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format(
                Locale.ROOT,
                "%s [%s%s] %3d%%  %,d events  %.1f s",
                label,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                Math.round(fraction * 100),
                events,
                seconds);
    }
}
