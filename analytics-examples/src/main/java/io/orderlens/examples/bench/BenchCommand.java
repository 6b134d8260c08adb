package io.orderlens.examples.bench;

import java.io.PrintStream;
import java.util.List;

/** The {@code bench} subcommand of the example runner. */
public final class BenchCommand {
    private BenchCommand() {}

    /**
     * Runs the benchmarks selected by {@code args}.
     *
     * @return the process exit status
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        err.println("bench: not available in this build");
        return 2;
    }
}
