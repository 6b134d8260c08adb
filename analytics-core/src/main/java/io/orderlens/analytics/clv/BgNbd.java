package io.orderlens.analytics.clv;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Maximum-likelihood fit of the {@link BgNbdParameters BG/NBD model} to a customer base. The log-likelihood of one
 * customer is the paper's equation (6); the search is {@link NelderMead} over the logarithms of (r, α, a, b) from
 * (1, 1, 1, 1). Customers with the same (x, t_x, T) are folded into one weighted term and the x-dependent log-gamma
 * terms are computed once per distinct x, so a likelihood evaluation costs O(distinct histories). Stateless and
 * thread-safe.
 */
public final class BgNbd {
    /** The fewest customers a fit accepts. */
    public static final int MIN_CUSTOMERS = 10;

    /** A fit whose parameters leave [e^-18, e^18] (about 1e-8 to 1e8) chased a likelihood without a maximum. */
    private static final double LOG_BOUND = 18;

    private static final NelderMead SEARCH = new NelderMead(1e-9, 1e-13, 20_000, 8);

    private BgNbd() {}

    /**
     * Fits the model to {@code customers}. Never throws for the data: too few customers, or a search that does not
     * converge, are reported in the result.
     *
     * @throws IllegalArgumentException if {@code customers} is null or holds null
     */
    public static ModelFit<BgNbdParameters> fit(Collection<PurchaseSummary> customers) {
        if (customers == null) {
            throw new IllegalArgumentException("customers must not be null");
        }
        if (customers.size() < MIN_CUSTOMERS) {
            return ModelFit.tooFew(customers.size(), MIN_CUSTOMERS, "customers");
        }
        Likelihood likelihood = new Likelihood(customers);
        NelderMead.Result result = SEARCH.minimize(v -> -likelihood.at(v), new double[4], 1.0);
        double[] v = result.point();
        BgNbdParameters point = Double.isFinite(result.value())
                ? new BgNbdParameters(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), Math.exp(v[3]))
                : null;
        boolean interior = point != null && Arrays.stream(v).allMatch(c -> Math.abs(c) < LOG_BOUND);
        boolean converged = result.converged() && interior;
        return new ModelFit<>(
                converged ? FitStatus.CONVERGED : FitStatus.NOT_CONVERGED,
                point,
                -result.value(),
                customers.size(),
                result.evaluations(),
                converged
                        ? "converged"
                        : point != null && !interior
                                ? "the likelihood has no maximum with every parameter in [1e-8, 1e8]"
                                : "the likelihood search did not converge in " + result.evaluations() + " evaluations");
    }

    /** The log-likelihood of {@code parameters} over {@code customers} (equation 6, summed). */
    public static double logLikelihood(BgNbdParameters parameters, Collection<PurchaseSummary> customers) {
        return new Likelihood(customers).at(new double[] {
            Math.log(parameters.r()), Math.log(parameters.alpha()), Math.log(parameters.a()), Math.log(parameters.b())
        });
    }

    /** The data folded to distinct histories with weights. */
    private static final class Likelihood {
        private final int[] xIndex;
        private final double[] x;
        private final double[] recency;
        private final double[] age;
        private final double[] weight;
        private final double[] distinctX;

        Likelihood(Collection<PurchaseSummary> customers) {
            // sorted, so that the sum's rounding does not depend on the order a store returned the customers in
            Map<History, Integer> weights = new TreeMap<>(Comparator.comparingLong(History::x)
                    .thenComparingDouble(History::recency)
                    .thenComparingDouble(History::age));
            for (PurchaseSummary c : customers) {
                if (c == null) {
                    throw new IllegalArgumentException("customers must not hold null");
                }
                weights.merge(new History(c.repeatPurchases(), c.recency(), c.age()), 1, Integer::sum);
            }
            int n = weights.size();
            xIndex = new int[n];
            x = new double[n];
            recency = new double[n];
            age = new double[n];
            weight = new double[n];
            Map<Long, Integer> xs = new HashMap<>();
            int i = 0;
            for (Map.Entry<History, Integer> e : weights.entrySet()) {
                History h = e.getKey();
                x[i] = h.x();
                recency[i] = h.recency();
                age[i] = h.age();
                weight[i] = e.getValue();
                xIndex[i] = xs.computeIfAbsent(h.x(), k -> xs.size());
                i++;
            }
            distinctX = new double[xs.size()];
            xs.forEach((value, index) -> distinctX[index] = value);
        }

        /** The log-likelihood at log-parameters {@code v}. */
        double at(double[] v) {
            double r = Math.exp(v[0]);
            double alpha = Math.exp(v[1]);
            double a = Math.exp(v[2]);
            double b = Math.exp(v[3]);
            double constant = -LogGamma.value(r) + r * Math.log(alpha) + LogGamma.value(a + b) - LogGamma.value(b);
            double logA = Math.log(a);
            double[] byX = new double[distinctX.length];
            double[] dropByX = new double[distinctX.length];
            for (int k = 0; k < distinctX.length; k++) {
                double xk = distinctX[k];
                byX[k] = LogGamma.value(r + xk) + LogGamma.value(b + xk) - LogGamma.value(a + b + xk) + constant;
                dropByX[k] = xk > 0 ? logA - Math.log(b + xk - 1) : 0;
            }
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double rx = r + x[i];
                double stay = -rx * Math.log(alpha + age[i]);
                double term;
                if (x[i] > 0) {
                    double drop = dropByX[xIndex[i]] - rx * Math.log(alpha + recency[i]);
                    double max = Math.max(stay, drop);
                    term = max + Math.log(Math.exp(stay - max) + Math.exp(drop - max));
                } else {
                    term = stay;
                }
                sum += weight[i] * (byX[xIndex[i]] + term);
            }
            return sum;
        }
    }

    private record History(long x, double recency, double age) {}
}
