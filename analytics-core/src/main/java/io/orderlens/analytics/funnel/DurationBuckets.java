package io.orderlens.analytics.funnel;

import java.time.Duration;
import java.util.Objects;

/**
 * The buckets of the stage-time histograms, on whole seconds: one bucket per second below 16 s, then eight buckets
 * per doubling (16–18 s, 18–20 s, …, 30–32 s, 32–36 s, …), up to 2<sup>25</sup> s (about 388 days). A bucket is at
 * most 1/8 as wide as its lower bound, so a percentile read from the histograms is at most 12.5 % above the true
 * duration (at most 1 s below 16 s). Durations are cut to whole seconds; a negative duration (a status reported
 * with a time before the one it follows) counts as 0 s, and durations of 2<sup>25</sup> s or more count in the last
 * bucket. Stateless; thread-safe.
 */
public final class DurationBuckets {
    /** How many buckets there are: indexes {@code 0 .. COUNT - 1}. */
    public static final int COUNT = 16 + (25 - 4) * 8;

    private DurationBuckets() {}

    /** The bucket of {@code d}. */
    public static int index(Duration d) {
        Objects.requireNonNull(d, "d");
        return index(d.isNegative() ? 0 : d.getSeconds());
    }

    /** The bucket of a duration of {@code seconds} whole seconds (negative: 0). */
    public static int index(long seconds) {
        if (seconds < 16) {
            return (int) Math.max(0, seconds);
        }
        int e = 63 - Long.numberOfLeadingZeros(seconds);
        if (e >= 25) {
            return COUNT - 1;
        }
        int sub = (int) ((seconds >> (e - 3)) & 7);
        return 16 + (e - 4) * 8 + sub;
    }

    /** The smallest duration of bucket {@code index}. */
    public static Duration lowerBound(int index) {
        return Duration.ofSeconds(lowerSeconds(check(index)));
    }

    /** The end of bucket {@code index}, exclusive: the value a percentile in this bucket is reported as. */
    public static Duration upperBound(int index) {
        check(index);
        if (index < 16) {
            return Duration.ofSeconds(index + 1);
        }
        int e = 4 + (index - 16) / 8;
        return Duration.ofSeconds(lowerSeconds(index) + (1L << (e - 3)));
    }

    private static long lowerSeconds(int index) {
        if (index < 16) {
            return index;
        }
        int e = 4 + (index - 16) / 8;
        int sub = (index - 16) % 8;
        return (8L + sub) << (e - 3);
    }

    private static int check(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("bucket index must be 0.." + (COUNT - 1) + ", got " + index);
        }
        return index;
    }
}
