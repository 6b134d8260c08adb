package io.orderlens.analytics.spi;

import java.util.Arrays;

/**
 * Immutable count of orders per local hour of day (0–23). Signed, so it can carry increments and reversals. Held in
 * 24 {@code int}s while every count fits in one (a customer's histogram then takes about half the heap), else in 24
 * {@code long}s; the two forms behave alike in every method.
 */
public final class HourHistogram {
    private static final int HOURS = 24;

    public static final HourHistogram EMPTY = new HourHistogram(new long[HOURS]);

    /** The counts while every one fits in an {@code int}, else null. */
    private final int[] small;
    /** The counts when one does not fit in an {@code int}, else null. */
    private final long[] large;

    /** Takes {@code counts} (24 of them) without copying it when it is kept. */
    private HourHistogram(long[] counts) {
        int[] ints = new int[HOURS];
        for (int h = 0; h < HOURS; h++) {
            if (counts[h] != (int) counts[h]) {
                this.small = null;
                this.large = counts;
                return;
            }
            ints[h] = (int) counts[h];
        }
        this.small = ints;
        this.large = null;
    }

    /** The histograms of one order: +1 and -1 at each hour (shared; histograms are immutable). */
    private static final HourHistogram[] PLUS_ONE = new HourHistogram[HOURS];

    private static final HourHistogram[] MINUS_ONE = new HourHistogram[HOURS];

    static {
        for (int h = 0; h < HOURS; h++) {
            long[] plus = new long[HOURS];
            plus[h] = 1;
            PLUS_ONE[h] = new HourHistogram(plus);
            long[] minus = new long[HOURS];
            minus[h] = -1;
            MINUS_ONE[h] = new HourHistogram(minus);
        }
    }

    /** A histogram with {@code n} at {@code hour}. */
    public static HourHistogram single(int hour, long n) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0..23, got " + hour);
        }
        if (n == 1) {
            return PLUS_ONE[hour];
        }
        if (n == -1) {
            return MINUS_ONE[hour];
        }
        long[] c = new long[HOURS];
        c[hour] = n;
        return new HourHistogram(c);
    }

    /** From 24 counts (copied). */
    public static HourHistogram of(long[] counts) {
        if (counts.length != HOURS) {
            throw new IllegalArgumentException("need 24 hourly counts, got " + counts.length);
        }
        return new HourHistogram(counts.clone());
    }

    public long get(int hour) {
        return small != null ? small[hour] : large[hour];
    }

    public long[] toArray() {
        if (large != null) {
            return large.clone();
        }
        long[] c = new long[HOURS];
        for (int h = 0; h < HOURS; h++) {
            c[h] = small[h];
        }
        return c;
    }

    public HourHistogram plus(HourHistogram other) {
        if (other == null || other == EMPTY) {
            return this;
        }
        if (this == EMPTY) {
            return other;
        }
        long[] c = new long[HOURS];
        for (int h = 0; h < HOURS; h++) {
            c[h] = get(h) + other.get(h);
        }
        return new HourHistogram(c);
    }

    public HourHistogram negate() {
        long[] c = new long[HOURS];
        for (int h = 0; h < HOURS; h++) {
            c[h] = -get(h);
        }
        return new HourHistogram(c);
    }

    public boolean isZero() {
        for (int h = 0; h < HOURS; h++) {
            if (get(h) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HourHistogram other)) {
            return false;
        }
        for (int h = 0; h < HOURS; h++) {
            if (get(h) != other.get(h)) {
                return false;
            }
        }
        return true;
    }

    /** The hash of {@link #toArray()} by {@link Arrays#hashCode(long[])}, whichever form holds the counts. */
    @Override
    public int hashCode() {
        int hash = 1;
        for (int h = 0; h < HOURS; h++) {
            hash = 31 * hash + Long.hashCode(get(h));
        }
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
