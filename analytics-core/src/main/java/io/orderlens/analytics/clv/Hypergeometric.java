package io.orderlens.analytics.clv;

/**
 * The Gauss hypergeometric function 2F1(p, q; c; z) by its power series Σ (p)ₖ(q)ₖ / ((c)ₖ k!) zᵏ, for c > 0 and
 * |z| < 1 (Apache Commons Numbers has no 2F1). Stateless and thread-safe.
 *
 * <p>Convergence bound: for k ≥ K the ratio of consecutive terms is |z|·|p+k|/(c+k)·|q+k|/(k+1) (or the same with p
 * and q swapped), and each factor is monotone in k, so B = |z|·max(1, (|p|+K)/(c+K))·max(1, (|q|+K)/(K+1)) bounds
 * every later ratio. Once B &lt; 1 the sum of all remaining terms is at most |term K|·B/(1−B); the series stops when
 * that is below {@value #RELATIVE_TOLERANCE} of the partial sum. Terms are rescaled as they grow, so the logarithm of
 * a value beyond the range of a double is still exact.
 */
final class Hypergeometric {
    static final double RELATIVE_TOLERANCE = 1e-15;
    static final int MAX_TERMS = 2_000_000;
    private static final double BIG = 1e200;
    private static final double LOG_BIG = Math.log(BIG);

    private Hypergeometric() {}

    /** 2F1(p, q; c; z), or NaN if c ≤ 0, |z| ≥ 1 or the series does not reach its tolerance in {@link #MAX_TERMS}. */
    static double value(double p, double q, double c, double z) {
        double[] scaled = sum(p, q, c, z);
        return scaled == null ? Double.NaN : scaled[0] * Math.exp(scaled[1]);
    }

    /** ln 2F1(p, q; c; z) for a positive value, else NaN (also where {@link #value} is NaN). */
    static double logValue(double p, double q, double c, double z) {
        double[] scaled = sum(p, q, c, z);
        return scaled == null || !(scaled[0] > 0) ? Double.NaN : Math.log(scaled[0]) + scaled[1];
    }

    /** {sum, log scale} with value = sum·exp(scale), or null where the series does not apply or converge. */
    private static double[] sum(double p, double q, double c, double z) {
        if (!(c > 0) || !(Math.abs(z) < 1) || !Double.isFinite(p) || !Double.isFinite(q) || !Double.isFinite(c)) {
            return null;
        }
        double sum = 1;
        double term = 1;
        double scale = 0;
        double az = Math.abs(z);
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (p + k) * (q + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (term == 0) {
                return new double[] {sum, scale};
            }
            if (Math.abs(sum) > BIG || Math.abs(term) > BIG) {
                sum /= BIG;
                term /= BIG;
                scale += LOG_BIG;
            }
            int next = k + 1;
            double bound =
                    az * Math.min(factor(p, c, next) * factor(q, 1, next), factor(q, c, next) * factor(p, 1, next));
            if (bound < 1 && Math.abs(term) * bound / (1 - bound) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
                return new double[] {sum, scale};
            }
        }
        return null;
    }

    /** max(1, (|a|+K)/(offset+K)): at least |a+k|/(offset+k) for every k ≥ K (offset &gt; 0). */
    private static double factor(double a, double offset, int from) {
        return Math.max(1, (Math.abs(a) + from) / (offset + from));
    }
}
