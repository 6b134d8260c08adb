package io.orderlens.analytics.spi;

import java.util.Arrays;

/** Immutable count of orders per local hour of day (0–23). Signed, so it can carry increments and reversals. */
public final class HourHistogram {
    public static final HourHistogram EMPTY = new HourHistogram(new long[24]);

    private final long[] counts;

    private HourHistogram(long[] counts) {
        this.counts = counts;
    }

    /** A histogram with {@code n} at {@code hour}. */
    public static HourHistogram single(int hour, long n) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0..23, got " + hour);
        }
        long[] c = new long[24];
        c[hour] = n;
        return new HourHistogram(c);
    }

    /** From 24 counts (copied). */
    public static HourHistogram of(long[] counts) {
        if (counts.length != 24) {
            throw new IllegalArgumentException("need 24 hourly counts, got " + counts.length);
        }
        return new HourHistogram(counts.clone());
    }

    public long get(int hour) {
        return counts[hour];
    }

    public long[] toArray() {
        return counts.clone();
    }

    public HourHistogram plus(HourHistogram other) {
        if (other == null || other == EMPTY) {
            return this;
        }
        if (this == EMPTY) {
            return other;
        }
        return new HourHistogram(SignedCounts.plus(counts, other.counts));
    }

    public HourHistogram negate() {
        return new HourHistogram(SignedCounts.negate(counts));
    }

    public boolean isZero() {
        return SignedCounts.isZero(counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HourHistogram h && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.toString(counts);
    }
}
