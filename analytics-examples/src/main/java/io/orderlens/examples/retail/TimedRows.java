package io.orderlens.examples.retail;

import java.time.Duration;
import java.util.Objects;

/**
 * The rows of an {@link OnlineRetailReader} read in batches of {@value #BATCH_ROWS} on the caller's thread, with the
 * time spent reading them (gunzip, decoding and CSV parsing) measured per batch, so that a consumer that groups and
 * maps the rows on the same thread can tell the two apart at the cost of two clock reads per batch. A malformed row or
 * a read failure is thrown by {@link #next()} after the rows before it. Memory holds one batch. Not thread-safe.
 */
public final class TimedRows implements RowSource {
    /**
     * Rows read at once. Large enough that the Online Retail file takes fewer than 100 refills: the JIT compiler then
     * treats the refill as a rare call and compiles the parsing loop once, on its own, instead of again inside every
     * method that takes rows from here.
     */
    public static final int BATCH_ROWS = 10_000;

    private final OnlineRetailReader reader;
    private final RetailRow[] batch = new RetailRow[BATCH_ROWS];
    private int size;
    private int index;
    private boolean ended;
    private RuntimeException failure;
    private double progress;
    private long readingNanos;

    /** Reads {@code reader}'s rows; the reader must not be used by anyone else meanwhile. */
    public TimedRows(OnlineRetailReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * @throws RetailFormatException if the row is malformed
     * @throws java.io.UncheckedIOException if reading fails
     */
    @Override
    public RetailRow next() {
        if (index == size) {
            if (failure != null) {
                RuntimeException e = failure;
                failure = null;
                ended = true;
                throw e;
            }
            if (ended) {
                return null;
            }
            fill();
            if (index == size) {
                return next();
            }
        }
        RetailRow row = batch[index];
        batch[index++] = null;
        return row;
    }

    private void fill() {
        index = 0;
        size = 0;
        long start = System.nanoTime();
        try {
            while (size < BATCH_ROWS) {
                RetailRow row = reader.next();
                if (row == null) {
                    ended = true;
                    break;
                }
                batch[size++] = row;
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            readingNanos += System.nanoTime() - start;
            progress = reader.progress();
        }
    }

    /** How far through the file the rows read so far reach, 0..1. */
    @Override
    public double progress() {
        return progress;
    }

    /** Time spent reading the rows so far: gunzip, decoding, CSV parsing and field conversion. */
    public Duration readingTime() {
        return Duration.ofNanos(readingNanos);
    }
}
