package io.orderlens.analytics.clv;

import java.util.Optional;

/**
 * The outcome of one maximum-likelihood fit. Only a {@link FitStatus#CONVERGED} fit has {@link #parameters()};
 * a fit that did not converge keeps its last point in {@link #lastPoint()} for diagnosis. Immutable.
 *
 * @param status        how the fit ended
 * @param lastPoint     the best point the search reached (null when nothing was estimated)
 * @param logLikelihood the log-likelihood at {@code lastPoint} (NaN when nothing was estimated)
 * @param customers     the customers the fit used
 * @param evaluations   likelihood evaluations spent
 * @param message       what happened, in words
 * @param <P>           the parameter type
 */
public record ModelFit<P>(
        FitStatus status, P lastPoint, double logLikelihood, long customers, int evaluations, String message) {
    public ModelFit {
        if (status == null || message == null) {
            throw new IllegalArgumentException("status and message must not be null");
        }
        if (status == FitStatus.CONVERGED && lastPoint == null) {
            throw new IllegalArgumentException("a converged fit has parameters");
        }
    }

    /** The estimated parameters, present only when the fit converged. */
    public Optional<P> parameters() {
        return status == FitStatus.CONVERGED ? Optional.of(lastPoint) : Optional.empty();
    }

    /** Whether the fit converged. */
    public boolean converged() {
        return status == FitStatus.CONVERGED;
    }

    static <P> ModelFit<P> tooFew(long customers, long needed, String what) {
        return new ModelFit<>(
                FitStatus.TOO_FEW_CUSTOMERS,
                null,
                Double.NaN,
                customers,
                0,
                "needs at least " + needed + " " + what + ", got " + customers);
    }
}
