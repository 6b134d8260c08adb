package io.orderlens.analytics.clv;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Maximum-likelihood fit of the {@link GammaGammaParameters Gamma-Gamma model} to the customers with at least one
 * repeat purchase and a positive mean repeat value (the others carry no information on spend per purchase and are
 * left out). The log-likelihood of one customer with x repeat purchases of mean z̄ is ln Γ(px+q) − ln Γ(px) − ln Γ(q)
 * + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄); the search is {@link NelderMead} over the logarithms of
 * (p, q, γ) from (1, 1, 1). Stateless and thread-safe.
 */
public final class GammaGamma {
    /** The fewest customers with repeat purchases a fit accepts. */
    public static final int MIN_CUSTOMERS = 10;

    /** A fit whose parameters leave [e^-18, e^18] (about 1e-8 to 1e8) chased a likelihood without a maximum. */
    private static final double LOG_BOUND = 18;

    private static final NelderMead SEARCH = new NelderMead(1e-9, 1e-13, 20_000, 8);

    private GammaGamma() {}

    /**
     * Fits the model to the customers of {@code customers} with x &gt; 0 and z̄ &gt; 0. Never throws for the data: too
     * few such customers, or a search that does not converge, are reported in the result.
     *
     * @throws IllegalArgumentException if {@code customers} is null or holds null
     */
    public static ModelFit<GammaGammaParameters> fit(Collection<PurchaseSummary> customers) {
        if (customers == null) {
            throw new IllegalArgumentException("customers must not be null");
        }
        Likelihood likelihood = new Likelihood(customers);
        if (likelihood.customers < MIN_CUSTOMERS) {
            return ModelFit.tooFew(likelihood.customers, MIN_CUSTOMERS, "customers with repeat purchases");
        }
        NelderMead.Result result = SEARCH.minimize(v -> -likelihood.at(v), new double[3], 1.0);
        double[] v = result.point();
        GammaGammaParameters point = Double.isFinite(result.value())
                ? new GammaGammaParameters(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]))
                : null;
        boolean interior = point != null && Arrays.stream(v).allMatch(c -> Math.abs(c) < LOG_BOUND);
        boolean converged = result.converged() && interior;
        return new ModelFit<>(
                converged ? FitStatus.CONVERGED : FitStatus.NOT_CONVERGED,
                point,
                -result.value(),
                likelihood.customers,
                result.evaluations(),
                converged
                        ? "converged"
                        : point != null && !interior
                                ? "the likelihood has no maximum with every parameter in [1e-8, 1e8]"
                                : "the likelihood search did not converge in " + result.evaluations() + " evaluations");
    }

    private static final class Likelihood {
        private final long customers;
        private final int[] xIndex;
        private final double[] mean;
        private final double[] weight;
        private final double[] distinctX;

        Likelihood(Collection<PurchaseSummary> all) {
            // sorted, so that the sum's rounding does not depend on the order a store returned the customers in
            Map<Spend, Integer> weights =
                    new TreeMap<>(Comparator.comparingLong(Spend::x).thenComparingDouble(Spend::mean));
            long used = 0;
            for (PurchaseSummary c : all) {
                if (c == null) {
                    throw new IllegalArgumentException("customers must not hold null");
                }
                double m = c.meanRepeatValue().doubleValue();
                if (c.repeatPurchases() > 0 && m > 0) {
                    weights.merge(new Spend(c.repeatPurchases(), m), 1, Integer::sum);
                    used++;
                }
            }
            customers = used;
            int n = weights.size();
            xIndex = new int[n];
            mean = new double[n];
            weight = new double[n];
            Map<Long, Integer> xs = new HashMap<>();
            int i = 0;
            for (Map.Entry<Spend, Integer> e : weights.entrySet()) {
                mean[i] = e.getKey().mean();
                weight[i] = e.getValue();
                xIndex[i] = xs.computeIfAbsent(e.getKey().x(), k -> xs.size());
                i++;
            }
            distinctX = new double[xs.size()];
            xs.forEach((value, index) -> distinctX[index] = value);
        }

        double at(double[] v) {
            double p = Math.exp(v[0]);
            double q = Math.exp(v[1]);
            double gamma = Math.exp(v[2]);
            double constant = -LogGamma.value(q) + q * Math.log(gamma);
            double[] byX = new double[distinctX.length];
            for (int k = 0; k < distinctX.length; k++) {
                double px = p * distinctX[k];
                byX[k] = LogGamma.value(px + q) - LogGamma.value(px) + px * Math.log(distinctX[k]) + constant;
            }
            double sum = 0;
            for (int i = 0; i < mean.length; i++) {
                double x = distinctX[xIndex[i]];
                double px = p * x;
                sum += weight[i]
                        * (byX[xIndex[i]] + (px - 1) * Math.log(mean[i]) - (px + q) * Math.log(gamma + x * mean[i]));
            }
            return sum;
        }
    }

    private record Spend(long x, double mean) {}
}
