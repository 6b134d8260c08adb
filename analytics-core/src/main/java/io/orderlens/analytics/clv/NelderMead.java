package io.orderlens.analytics.clv;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * A derivative-free minimiser (Nelder and Mead's simplex, standard coefficients 1, 2, ½, ½) with restarts: the
 * maximum-likelihood fits need only this, and neither Apache Commons Numbers nor Commons Statistics offers an
 * optimiser. A non-finite objective value counts as +∞. Stateless and thread-safe.
 *
 * <p>One run stops when every vertex is within {@code xTolerance} of the best (in each coordinate) and their objective
 * values within {@code fTolerance}·(1+|best|); the search then restarts from the best point with a fresh simplex
 * until a restart no longer moves it. It reports convergence only if that happened within the evaluation budget.
 */
final class NelderMead {
    private final double xTolerance;
    private final double fTolerance;
    private final int maxEvaluations;
    private final int maxRestarts;

    NelderMead(double xTolerance, double fTolerance, int maxEvaluations, int maxRestarts) {
        this.xTolerance = xTolerance;
        this.fTolerance = fTolerance;
        this.maxEvaluations = maxEvaluations;
        this.maxRestarts = maxRestarts;
    }

    /** The best point found, its value, the evaluations used and whether the stopping rule was met. */
    record Result(double[] point, double value, int evaluations, boolean converged) {}

    Result minimize(ToDoubleFunction<double[]> objective, double[] start, double step) {
        int[] evaluations = {0};
        ToDoubleFunction<double[]> f = x -> {
            evaluations[0]++;
            double v = objective.applyAsDouble(Arrays.copyOf(x, start.length));
            return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
        };
        double[] best = start.clone();
        double bestValue = f.applyAsDouble(best);
        for (int restart = 0; restart <= maxRestarts; restart++) {
            double[][] simplex = run(f, best, step, evaluations);
            double[] found = Arrays.copyOf(simplex[0], start.length);
            double foundValue = simplex[0][start.length];
            if (evaluations[0] >= maxEvaluations) {
                return foundValue <= bestValue
                        ? new Result(found, foundValue, evaluations[0], false)
                        : new Result(best, bestValue, evaluations[0], false);
            }
            boolean moved = foundValue < bestValue - fTolerance * (1 + Math.abs(bestValue)) || farApart(found, best);
            if (foundValue <= bestValue) {
                best = found;
                bestValue = foundValue;
            }
            if (!moved && restart > 0) {
                return new Result(best, bestValue, evaluations[0], Double.isFinite(bestValue));
            }
        }
        return new Result(best, bestValue, evaluations[0], false);
    }

    private boolean farApart(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > xTolerance) {
                return true;
            }
        }
        return false;
    }

    /**
     * One simplex run from {@code start}; rows are vertices with their value in the last column, best first. It ends
     * when the stopping rule is met or the evaluation budget is spent.
     */
    private double[][] run(ToDoubleFunction<double[]> f, double[] start, double step, int[] evaluations) {
        int n = start.length;
        double[][] s = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            double[] v = Arrays.copyOf(start, n + 1);
            if (i > 0) {
                v[i - 1] += step;
            }
            v[n] = f.applyAsDouble(v);
            s[i] = v;
        }
        double[] centroid = new double[n];
        while (evaluations[0] < maxEvaluations) {
            Arrays.sort(s, (u, v) -> Double.compare(u[n], v[n]));
            if (converged(s, n)) {
                return s;
            }
            Arrays.fill(centroid, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += s[i][j] / n;
                }
            }
            double[] worst = s[n];
            double[] reflected = towards(centroid, worst, -1, f);
            if (reflected[n] < s[0][n]) {
                double[] expanded = towards(centroid, worst, -2, f);
                s[n] = expanded[n] < reflected[n] ? expanded : reflected;
            } else if (reflected[n] < s[n - 1][n]) {
                s[n] = reflected;
            } else {
                boolean outside = reflected[n] < worst[n];
                double[] contracted = towards(centroid, outside ? reflected : worst, 0.5, f);
                if (contracted[n] < (outside ? reflected[n] : worst[n])) {
                    s[n] = contracted;
                } else {
                    for (int i = 1; i <= n; i++) {
                        for (int j = 0; j < n; j++) {
                            s[i][j] = s[0][j] + 0.5 * (s[i][j] - s[0][j]);
                        }
                        s[i][n] = f.applyAsDouble(s[i]);
                    }
                }
            }
        }
        Arrays.sort(s, (u, v) -> Double.compare(u[n], v[n]));
        return s;
    }

    /** centroid + t·(point − centroid), evaluated. */
    private static double[] towards(double[] centroid, double[] point, double t, ToDoubleFunction<double[]> f) {
        int n = centroid.length;
        double[] v = new double[n + 1];
        for (int j = 0; j < n; j++) {
            v[j] = centroid[j] + t * (point[j] - centroid[j]);
        }
        v[n] = f.applyAsDouble(v);
        return v;
    }

    private boolean converged(double[][] s, int n) {
        double best = s[0][n];
        if (!Double.isFinite(best)) {
            return false;
        }
        for (int i = 1; i <= n; i++) {
            if (Math.abs(s[i][n] - best) > fTolerance * (1 + Math.abs(best))) {
                return false;
            }
            for (int j = 0; j < n; j++) {
                if (Math.abs(s[i][j] - s[0][j]) > xTolerance) {
                    return false;
                }
            }
        }
        return true;
    }
}
