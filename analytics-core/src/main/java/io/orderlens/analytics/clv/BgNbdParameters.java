package io.orderlens.analytics.clv;

/**
 * The parameters of the BG/NBD model of Fader, Hardie and Lee, "Counting Your Customers the Easy Way" (Marketing
 * Science 24(2), 2005), with time in weeks: while alive a customer buys at a rate λ ~ Gamma(r, α); after each purchase
 * they drop out with probability p ~ Beta(a, b). The predictions are the paper's equations (10) and (11) and are
 * estimates, computed in double precision. Immutable and thread-safe.
 *
 * @param r     shape of the purchase-rate distribution
 * @param alpha scale of the purchase-rate distribution (weeks)
 * @param a     first shape of the drop-out distribution
 * @param b     second shape of the drop-out distribution
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {
    public BgNbdParameters {
        check("r", r);
        check("alpha", alpha);
        check("a", a);
        check("b", b);
    }

    private static void check(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite positive number, got " + value);
        }
    }

    /** The probability that a customer with history {@code h} is still alive at the end of it (equation 11). */
    public double probabilityAlive(PurchaseSummary h) {
        return 1 / (1 + deadOdds(h));
    }

    /**
     * The expected number of purchases of a customer with history {@code h} in the {@code weeks} after its as-of day
     * (equation 10), or NaN where the series of 2F1 does not apply (a + b + x ≤ 1, or a = 1).
     *
     * @throws IllegalArgumentException if {@code weeks} is negative or not finite
     */
    public double expectedPurchases(PurchaseSummary h, double weeks) {
        if (!(weeks >= 0) || !Double.isFinite(weeks)) {
            throw new IllegalArgumentException("the horizon must be a finite number of weeks ≥ 0, got " + weeks);
        }
        if (weeks == 0) {
            return 0;
        }
        double x = h.repeatPurchases();
        double rx = r + x;
        double c = a + b + x - 1;
        double ageAlpha = alpha + h.age();
        // ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; c; t/(α+T+t)), by Pfaff's transformation 2F1(r+x, a−1; c; −t/(α+T))
        double w = weeks / ageAlpha;
        double scaled;
        if (w <= 0.5) {
            scaled = Hypergeometric.value(rx, a - 1, c, -w);
        } else {
            double z = weeks / (ageAlpha + weeks);
            scaled = Math.exp(Hypergeometric.logValue(rx, b + x, c, z) + rx * Math.log1p(-z));
        }
        return c / (a - 1) * (1 - scaled) / (1 + deadOdds(h));
    }

    /** a/(b+x−1)·((α+T)/(α+t_x))^(r+x) for x &gt; 0, else 0: the odds of having dropped out after the last purchase. */
    private double deadOdds(PurchaseSummary h) {
        long x = h.repeatPurchases();
        if (x == 0) {
            return 0;
        }
        return Math.exp(Math.log(a)
                - Math.log(b + x - 1)
                + (r + x) * (Math.log(alpha + h.age()) - Math.log(alpha + h.recency())));
    }
}
