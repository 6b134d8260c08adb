package io.orderlens.examples;

import java.nio.file.InvalidPathException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Turns picocli's parse errors into the runner's one-line messages. Stateless. */
final class CommandLineErrors {
    private CommandLineErrors() {}

    /** The one-line message for {@code e}, naming the option or argument and what was expected. */
    static String message(CommandLine.ParameterException e) {
        if (e.getCause() instanceof UsageException usage) {
            return usage.getMessage();
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                int eq = arg.indexOf('=');
                return "unknown option '" + (eq > 0 ? arg.substring(0, eq) : arg) + "' (see --help)";
            }
            return "unexpected argument '" + arg + "' (see --help)";
        }
        if (e instanceof CommandLine.MissingParameterException missing
                && !missing.getMissing().isEmpty()) {
            return name(missing.getMissing().get(0)) + " needs a value (see --help)";
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten) {
            return name(overwritten.getOverwritten()) + " is given more than once";
        }
        ArgSpec spec = e.getArgSpec();
        if (spec != null && e.getValue() != null) {
            if (e.getCause() instanceof InvalidPathException) {
                return name(spec) + ": not a valid path: '" + e.getValue() + "'";
            }
            if (List.of(long.class, int.class, Long.class, Integer.class).contains(spec.type())) {
                return name(spec) + " must be a whole number, got '" + e.getValue() + "'";
            }
        }
        return e.getMessage();
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }
}
