package io.orderlens.examples.retail;

/**
 * A stream of Online Retail rows in file order: an {@link OnlineRetailReader}, or {@link TimedRows} timing one. Not
 * thread-safe.
 */
public interface RowSource {
    /**
     * The next row, or null at the end of the input.
     *
     * @throws RetailFormatException if the row is malformed
     * @throws java.io.UncheckedIOException if reading fails
     */
    RetailRow next();

    /** How far through its input the source is, 0..1. */
    double progress();
}
