package io.orderlens.examples;

/**
 * The command line or its inputs are wrong (unknown option, bad value, missing file, malformed input row, a backend
 * this build does not have). The runner prints the message as one line on stderr and exits with status
 * {@value #EXIT_CODE}.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Process exit status for every usage or input error. */
    public static final int EXIT_CODE = 2;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
