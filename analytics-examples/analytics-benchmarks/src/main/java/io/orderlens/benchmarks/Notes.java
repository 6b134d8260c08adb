package io.orderlens.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Remarks printed under the table: checks, data sizes, what a row's prefix means. Not thread-safe. */
final class Notes {
    private final List<String> lines = new ArrayList<>();

    void add(String line) {
        lines.add(line);
    }

    void print(PrintStream out) {
        for (String line : lines) {
            out.println("  - " + line);
        }
    }
}
