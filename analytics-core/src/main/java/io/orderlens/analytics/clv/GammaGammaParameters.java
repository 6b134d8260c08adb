package io.orderlens.analytics.clv;

/**
 * The parameters of the Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 2005, and Fader and Hardie's
 * note "The Gamma-Gamma Model of Monetary Value", 2013): a purchase's value is Gamma(p, ν) with ν ~ Gamma(q, γ) per
 * customer, independent of the purchase process. Estimates in double precision. Immutable and thread-safe.
 *
 * @param p     shape of the value of one purchase
 * @param q     shape of the customer's rate distribution
 * @param gamma scale of the customer's rate distribution (currency units)
 */
public record GammaGammaParameters(double p, double q, double gamma) {
    public GammaGammaParameters {
        check("p", p);
        check("q", q);
        check("gamma", gamma);
    }

    private static void check(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite positive number, got " + value);
        }
    }

    /**
     * The expected value of a purchase of a customer with {@code x} repeat purchases of mean value {@code meanValue}:
     * (p·(γ + x·z̄))/(p·x + q − 1), a weighted mean of the population's pγ/(q−1) and the customer's own mean; NaN when
     * p·x + q ≤ 1 (for x = 0 that is q ≤ 1, a population without a finite mean).
     */
    public double expectedAverageValue(long x, double meanValue) {
        double denominator = p * x + q - 1;
        if (!(denominator > 0)) {
            return Double.NaN;
        }
        return p * (gamma + x * meanValue) / denominator;
    }
}
