package io.orderlens.analytics.experiment;

/**
 * Deterministic assignment arithmetic, identical to GrowthBook's SDKs (spec version 5), so a host that also runs
 * GrowthBook puts every customer in the same variation. Stateless and thread-safe; nothing here allocates except
 * {@link #bucketRanges} and {@link #equalWeights}, which a definition calls once.
 *
 * <p>Ranges are {@code double[n][2]} arrays of half-open intervals {@code [start, end)} in {@code [0, 1)}.
 */
public final class Bucketing {
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private Bucketing() {}

    /**
     * The hash of {@code value} under {@code seed} in {@code [0, 1)}: version 1 is {@code fnv32a(value + seed) %
     * 1000 / 1000}, version 2 is {@code fnv32a(decimal(fnv32a(seed + value))) % 10000 / 10000}. Returns
     * {@link Double#NaN} for any other version (GrowthBook's {@code null}).
     */
    public static double hash(String seed, String value, int version) {
        if (version == 1) {
            long h = fnv32a(value, seed);
            return (h % 1000) / 1000.0;
        }
        if (version == 2) {
            long inner = fnv32a(seed, value);
            long h = fnv32aOfDecimal(inner);
            return (h % 10000) / 10000.0;
        }
        return Double.NaN;
    }

    /**
     * One bucket range per variation: variation {@code i} holds {@code [cum_i, cum_i + coverage * w_i)} where
     * {@code cum_i} is the sum of the weights before it. Coverage is clamped to {@code [0, 1]}; weights fall back to
     * equal weights when {@code weights} is null, has the wrong length or sums outside {@code [0.99, 1.01]}.
     */
    public static double[][] bucketRanges(int numVariations, double coverage, double[] weights) {
        double c = coverage < 0 ? 0 : Math.min(coverage, 1);
        double[] w = weights;
        if (w == null || w.length != numVariations || !sumsToOne(w)) {
            w = equalWeights(numVariations);
        }
        double[][] ranges = new double[w.length][];
        double cumulative = 0;
        for (int i = 0; i < w.length; i++) {
            double start = cumulative;
            cumulative += w[i];
            ranges[i] = new double[] {start, start + c * w[i]};
        }
        return ranges;
    }

    /** The index of the range holding {@code n} ({@code start <= n < end}), or -1 when none does. */
    public static int chooseVariation(double n, double[][] ranges) {
        for (int i = 0; i < ranges.length; i++) {
            if (n >= ranges[i][0] && n < ranges[i][1]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether {@code hashValue} falls in the namespace slice {@code [start, end)}, hashed with version 1 under the
     * seed {@code "__" + namespace}.
     */
    public static boolean inNamespace(String hashValue, String namespace, double start, double end) {
        double n = hash("__" + namespace, hashValue, 1);
        return n >= start && n < end;
    }

    /** {@code n} weights of {@code 1/n}; empty for {@code n <= 0}. */
    public static double[] equalWeights(int numVariations) {
        if (numVariations <= 0) {
            return new double[0];
        }
        double[] w = new double[numVariations];
        java.util.Arrays.fill(w, 1.0 / numVariations);
        return w;
    }

    static boolean sumsToOne(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        return total >= 0.99 && total <= 1.01;
    }

    /** 32-bit FNV-1a over the UTF-16 code units of {@code a + b}, as an unsigned value. */
    private static long fnv32a(String a, String b) {
        int h = FNV_OFFSET;
        for (int i = 0; i < a.length(); i++) {
            h ^= a.charAt(i);
            h *= FNV_PRIME;
        }
        for (int i = 0; i < b.length(); i++) {
            h ^= b.charAt(i);
            h *= FNV_PRIME;
        }
        return h & 0xffffffffL;
    }

    /** 32-bit FNV-1a over the decimal digits of a non-negative {@code value}, without building the string. */
    private static long fnv32aOfDecimal(long value) {
        long divisor = 1;
        while (divisor * 10 <= value) {
            divisor *= 10;
        }
        int h = FNV_OFFSET;
        for (long d = divisor; d > 0; d /= 10) {
            h ^= '0' + (int) ((value / d) % 10);
            h *= FNV_PRIME;
        }
        return h & 0xffffffffL;
    }
}
