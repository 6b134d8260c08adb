package io.orderlens.examples.retail;

/**
 * The Online Retail input cannot be read as the format says: a malformed CSV record, a missing or wrong header, a
 * field that does not parse, or rows that contradict each other. The message starts with the line number.
 */
public final class RetailFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final String reason;

    public RetailFormatException(long line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based line of the input the problem was found on (the header is line 1). */
    public long line() {
        return line;
    }

    /** What is wrong, without the line number. */
    public String reason() {
        return reason;
    }
}
