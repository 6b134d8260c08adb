package io.orderlens.analytics.internal;

import io.orderlens.analytics.segment.RfmScoring;
import io.orderlens.analytics.spi.CustomerCounters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * RFM values and scores of every customer with a counted order, as of one day, in customer id order: the one place
 * RFM is computed. Scores are computed per dimension from a "goodness" key (recency: fewer days is better; frequency
 * and monetary: more is better). Immutable after construction; O(n) memory.
 */
final class RfmTable {
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);

    /** The customers, sorted by id. */
    final CustomerCounters[] customers;

    final long[] recencyDays;
    final byte[] recency;
    final byte[] frequency;
    final byte[] monetary;
    /** The four type-7 cut points (THRESHOLDS), as decimals of days, orders and money; empty for RANK. */
    final List<BigDecimal> recencyCuts;

    final List<BigDecimal> frequencyCuts;
    final List<BigDecimal> monetaryCuts;

    /** @param customers sorted by id; {@code recencyDays} in the same order */
    private RfmTable(CustomerCounters[] customers, long[] recencyDays, RfmScoring scoring) {
        this.customers = customers;
        this.recencyDays = recencyDays;
        int n = customers.length;
        long[] negDays = new long[n];
        long[] orders = new long[n];
        long[] spent = new long[n];
        for (int i = 0; i < n; i++) {
            negDays[i] = -recencyDays[i];
            orders[i] = customers[i].orders();
            spent[i] = customers[i].spent();
        }
        if (scoring == RfmScoring.RANK) {
            this.recency = ntile(negDays);
            this.frequency = ntile(orders);
            this.monetary = ntile(spent);
            this.recencyCuts = List.of();
            this.frequencyCuts = List.of();
            this.monetaryCuts = List.of();
        } else {
            long[] rCuts = cutsTimesFive(recencyDays);
            long[] fCuts = cutsTimesFive(orders);
            long[] mCuts = cutsTimesFive(spent);
            this.recency = new byte[n];
            this.frequency = new byte[n];
            this.monetary = new byte[n];
            for (int i = 0; i < n; i++) {
                recency[i] = (byte) (5 - atOrAbove(recencyDays[i], rCuts));
                frequency[i] = (byte) (1 + above(orders[i], fCuts));
                monetary[i] = (byte) (1 + above(spent[i], mCuts));
            }
            this.recencyCuts = decimals(rCuts, 0);
            this.frequencyCuts = decimals(fCuts, 0);
            this.monetaryCuts = decimals(mCuts, 4);
        }
    }

    /**
     * Scores {@code rows} (customers with at least one counted order) whose latest order days, as epoch days, are
     * given by {@code lastDay}, as of epoch day {@code asOfDay}.
     */
    static RfmTable of(
            List<CustomerCounters> rows, ToLongFunction<CustomerCounters> lastDay, long asOfDay, RfmScoring scoring) {
        CustomerCounters[] sorted = rows.toArray(new CustomerCounters[0]);
        Arrays.sort(sorted, Comparator.comparing(CustomerCounters::customerId));
        long[] days = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            days[i] = asOfDay - lastDay.applyAsLong(sorted[i]);
        }
        return new RfmTable(sorted, days, scoring);
    }

    int size() {
        return customers.length;
    }

    /** Index of {@code customerId}, or a negative number if it is not scored. */
    int indexOf(String customerId) {
        int lo = 0;
        int hi = customers.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = customers[mid].customerId().compareTo(customerId);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * SQL {@code NTILE(5)} over the rows ordered by {@code key} ascending, ties by index (customer id) ascending:
     * the first {@code n mod 5} groups hold one row more.
     */
    static byte[] ntile(long[] key) {
        int n = key.length;
        long[] distinct = key.clone();
        Arrays.sort(distinct);
        int d = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || distinct[i] != distinct[d - 1]) {
                distinct[d++] = distinct[i];
            }
        }
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            long rank = Arrays.binarySearch(distinct, 0, d, key[i]);
            packed[i] = (rank << 32) | i;
        }
        Arrays.sort(packed);
        byte[] score = new byte[n];
        for (int p = 0; p < n; p++) {
            score[(int) packed[p]] = (byte) bucket(p, n);
        }
        return score;
    }

    /** 1-based NTILE(5) group of 0-based position {@code p} among {@code n} rows. */
    static int bucket(long p, long n) {
        long q = n / 5;
        long r = n % 5;
        long big = (q + 1) * r;
        return p < big ? (int) (p / (q + 1)) + 1 : (int) (r + (p - big) / q) + 1;
    }

    /**
     * Five times the type-7 quantiles at 0.2, 0.4, 0.6, 0.8: with sorted values x and h = (n - 1)k/5, the quantile
     * is x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]); times five it is an exact integer.
     */
    static long[] cutsTimesFive(long[] values) {
        int n = values.length;
        if (n == 0) {
            return new long[0];
        }
        long[] x = values.clone();
        Arrays.sort(x);
        long[] cuts = new long[4];
        for (int k = 1; k <= 4; k++) {
            long t = (long) (n - 1) * k;
            int lo = (int) (t / 5);
            long frac = t % 5;
            long base = Math.multiplyExact(x[lo], 5);
            cuts[k - 1] = frac == 0 ? base : Math.addExact(base, Math.multiplyExact(frac, x[lo + 1] - x[lo]));
        }
        return cuts;
    }

    /** How many cuts {@code value} is strictly above. */
    private static int above(long value, long[] cutsTimesFive) {
        long v = Math.multiplyExact(value, 5);
        int count = 0;
        for (long c : cutsTimesFive) {
            if (v > c) {
                count++;
            }
        }
        return count;
    }

    /** How many cuts {@code value} is at or above. */
    private static int atOrAbove(long value, long[] cutsTimesFive) {
        long v = Math.multiplyExact(value, 5);
        int count = 0;
        for (long c : cutsTimesFive) {
            if (v >= c) {
                count++;
            }
        }
        return count;
    }

    private static List<BigDecimal> decimals(long[] cutsTimesFive, int scale) {
        List<BigDecimal> out = new ArrayList<>(cutsTimesFive.length);
        for (long c : cutsTimesFive) {
            BigDecimal v = BigDecimal.valueOf(c, scale).divide(FIVE).stripTrailingZeros();
            out.add(v.scale() < 0 ? v.setScale(0) : v);
        }
        return List.copyOf(out);
    }
}
