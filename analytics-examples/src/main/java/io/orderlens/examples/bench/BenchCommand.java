package io.orderlens.examples.bench;

import java.io.PrintStream;
import java.util.List;

/** The {@code bench} subcommand of the example runner: {@link Benchmarks} with the runner's streams. */
public final class BenchCommand {
    private BenchCommand() {}

    /**
     * Runs the benchmarks selected by {@code args}: the report goes to {@code out}, progress to {@code err}.
     *
     * @return the process exit status: 0 done, 2 for bad arguments or an unreadable input file
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return Benchmarks.run(args.toArray(new String[0]), out, err);
    }
}
