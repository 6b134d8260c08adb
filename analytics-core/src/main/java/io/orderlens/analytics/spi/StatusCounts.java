package io.orderlens.analytics.spi;

import io.orderlens.analytics.model.OrderStatus;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** Immutable, signed count of orders per {@link OrderStatus}. */
public final class StatusCounts {
    private static final OrderStatus[] STATUSES = OrderStatus.values();
    public static final StatusCounts EMPTY = new StatusCounts(new long[STATUSES.length]);

    private final long[] counts;

    private StatusCounts(long[] counts) {
        this.counts = counts;
    }

    /** +1 and -1 of each status, and through each status (shared; counts are immutable). */
    private static final StatusCounts[] SINGLE_PLUS = new StatusCounts[STATUSES.length];

    private static final StatusCounts[] SINGLE_MINUS = new StatusCounts[STATUSES.length];
    private static final StatusCounts[] THROUGH_PLUS = new StatusCounts[STATUSES.length];
    private static final StatusCounts[] THROUGH_MINUS = new StatusCounts[STATUSES.length];

    static {
        for (OrderStatus s : STATUSES) {
            SINGLE_PLUS[s.ordinal()] = counting(s, s, 1);
            SINGLE_MINUS[s.ordinal()] = counting(s, s, -1);
            THROUGH_PLUS[s.ordinal()] = counting(STATUSES[0], s, 1);
            THROUGH_MINUS[s.ordinal()] = counting(STATUSES[0], s, -1);
        }
    }

    private static StatusCounts counting(OrderStatus from, OrderStatus to, long n) {
        long[] c = new long[STATUSES.length];
        for (int i = from.ordinal(); i <= to.ordinal(); i++) {
            c[i] = n;
        }
        return new StatusCounts(c);
    }

    public static StatusCounts single(OrderStatus status, long n) {
        if (n == 1) {
            return SINGLE_PLUS[status.ordinal()];
        }
        if (n == -1) {
            return SINGLE_MINUS[status.ordinal()];
        }
        long[] c = new long[STATUSES.length];
        c[status.ordinal()] = n;
        return new StatusCounts(c);
    }

    /** {@code n} for every status from PLACED up to and including {@code last}, in declaration order. */
    public static StatusCounts through(OrderStatus last, long n) {
        if (n == 1) {
            return THROUGH_PLUS[last.ordinal()];
        }
        if (n == -1) {
            return THROUGH_MINUS[last.ordinal()];
        }
        long[] c = new long[STATUSES.length];
        for (int i = 0; i <= last.ordinal(); i++) {
            c[i] = n;
        }
        return new StatusCounts(c);
    }

    public static StatusCounts of(Map<OrderStatus, Long> counts) {
        long[] c = new long[STATUSES.length];
        counts.forEach((s, n) -> c[s.ordinal()] = n);
        return new StatusCounts(c);
    }

    public long get(OrderStatus status) {
        return counts[status.ordinal()];
    }

    /** Every status with a non-zero count, in lifecycle order. */
    public Map<OrderStatus, Long> asMap() {
        Map<OrderStatus, Long> m = new EnumMap<>(OrderStatus.class);
        for (OrderStatus s : STATUSES) {
            if (counts[s.ordinal()] != 0) {
                m.put(s, counts[s.ordinal()]);
            }
        }
        return m;
    }

    public StatusCounts plus(StatusCounts other) {
        if (other == null || other == EMPTY) {
            return this;
        }
        if (this == EMPTY) {
            return other;
        }
        return new StatusCounts(SignedCounts.plus(counts, other.counts));
    }

    public StatusCounts negate() {
        return new StatusCounts(SignedCounts.negate(counts));
    }

    public boolean isZero() {
        return SignedCounts.isZero(counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusCounts s && Arrays.equals(counts, s.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
