package io.orderlens.examples.retail;

import io.orderlens.examples.feed.ReadAhead;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The rows of an {@link OnlineRetailReader} parsed on a thread of its own ({@value #THREAD_NAME}), in batches of
 * {@value #BATCH_ROWS} through a queue of at most {@value #CAPACITY} batches, so that gunzip, decoding and CSV parsing
 * overlap with what the consumer does with the rows. A malformed row or a read failure is rethrown by {@link #next()}
 * on the consumer's thread, after the rows before it. {@link #close()} stops the parsing thread and waits until it has
 * ended; it does not close the reader. Use from one consumer thread; read the times after the rows are consumed.
 */
public final class RowReadAhead implements RowSource, AutoCloseable {
    /** The name of the parsing thread. */
    public static final String THREAD_NAME = "orderlens-csv-parser";
    /** Rows per batch handed over. */
    public static final int BATCH_ROWS = 1_000;
    /** Batches the parsing thread may have ready before it waits for the consumer. */
    public static final int CAPACITY = 8;

    private final ReadAhead<RetailRow> ahead;
    private List<RetailRow> batch = List.of();
    private int index;
    private volatile long waitingNanos;

    private RowReadAhead(ReadAhead<RetailRow> ahead) {
        this.ahead = ahead;
    }

    /** Starts parsing {@code reader}'s rows on a new thread; the reader must not be used by anyone else meanwhile. */
    public static RowReadAhead start(OnlineRetailReader reader) {
        Objects.requireNonNull(reader, "reader");
        return new RowReadAhead(ReadAhead.start(rows(reader), reader::progress, BATCH_ROWS, CAPACITY, THREAD_NAME));
    }

    /**
     * @throws RetailFormatException if the row is malformed (thrown on the parsing thread, rethrown here)
     * @throws java.io.UncheckedIOException if reading fails
     */
    @Override
    public RetailRow next() {
        if (index == batch.size()) {
            long start = System.nanoTime();
            List<RetailRow> next = ahead.next();
            waitingNanos += System.nanoTime() - start;
            if (next == null) {
                return null;
            }
            batch = next;
            index = 0;
        }
        return batch.get(index++);
    }

    /** How far through the file the rows handed over so far reach, 0..1. */
    @Override
    public double progress() {
        return ahead.progress();
    }

    /** Time the parsing thread spent reading the file (gunzip, decoding, CSV, fields), not waiting for room. */
    public Duration parsingTime() {
        return ahead.readingTime();
    }

    /** Time the consumer waited in {@link #next()} for the parsing thread. */
    public Duration waitingTime() {
        return Duration.ofNanos(waitingNanos);
    }

    /** Stops the parsing thread if it still runs and waits until it has ended. Idempotent. */
    @Override
    public void close() {
        ahead.close();
    }

    private static Iterator<RetailRow> rows(OnlineRetailReader reader) {
        return new Iterator<>() {
            private RetailRow next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = reader.next();
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public RetailRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more rows");
                }
                RetailRow row = next;
                next = null;
                return row;
            }
        };
    }
}
