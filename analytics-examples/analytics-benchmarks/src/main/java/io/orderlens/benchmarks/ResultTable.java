package io.orderlens.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The single table the benchmark prints: one row per figure (median, min and max over the measured runs) or one
 * {@code skipped: <reason>} row per measurement that could not run. Not thread-safe.
 */
final class ResultTable {
    private static final String[] HEADER = {"id", "measurement", "median", "min", "max", "unit", "runs", "target"};

    private final List<String[]> rows = new ArrayList<>();

    /** Adds a measured row; {@code target} may be empty. */
    void add(String id, String label, Sample sample, Unit unit, Target target) {
        String verdict = target == null ? "" : target.describe(sample.median());
        rows.add(new String[] {
            id,
            label,
            unit.format(sample.median()),
            unit.format(sample.min()),
            unit.format(sample.max()),
            unit.label(),
            Integer.toString(sample.size()),
            verdict
        });
    }

    /** Adds a row for a measurement that did not run, saying why. */
    void skip(String id, String label, String reason) {
        rows.add(new String[] {id, label, "skipped: " + reason, "", "", "", "", ""});
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintStream out) {
        int[] width = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            width[c] = HEADER[c].length();
        }
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (!isSkipped(row) || c < 2) {
                    width[c] = Math.max(width[c], row[c].length());
                }
            }
        }
        printRow(out, HEADER, width);
        StringBuilder rule = new StringBuilder("|");
        for (int c = 0; c < width.length; c++) {
            rule.append('-').append("-".repeat(width[c])).append("-|");
        }
        out.println(rule);
        for (String[] row : rows) {
            if (isSkipped(row)) {
                out.println(
                        "| " + pad(row[0], width[0], false) + " | " + pad(row[1], width[1], false) + " | " + row[2]);
            } else {
                printRow(out, row, width);
            }
        }
    }

    private static boolean isSkipped(String[] row) {
        return row[2].startsWith("skipped: ");
    }

    private static void printRow(PrintStream out, String[] row, int[] width) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < row.length; c++) {
            boolean right = c >= 2 && c <= 4 || c == 6;
            line.append(' ').append(pad(row[c], width[c], right)).append(" |");
        }
        out.println(line);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
