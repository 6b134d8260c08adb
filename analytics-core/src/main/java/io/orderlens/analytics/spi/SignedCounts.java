package io.orderlens.analytics.spi;

/**
 * The arithmetic {@link HourHistogram} and {@link StatusCounts} share: fixed-length vectors of signed counts that
 * add, negate and compare element-wise. Each method returns a new array and never changes its arguments.
 */
final class SignedCounts {
    private SignedCounts() {}

    static long[] plus(long[] a, long[] b) {
        long[] c = new long[a.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = a[i] + b[i];
        }
        return c;
    }

    static long[] negate(long[] a) {
        long[] c = new long[a.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = -a[i];
        }
        return c;
    }

    static boolean isZero(long[] a) {
        for (long v : a) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
