package io.orderlens.analytics.clv;

/** How a model fit ended. */
public enum FitStatus {
    /** The maximum-likelihood search met its stopping rule: the parameters are the estimate. */
    CONVERGED,
    /** The search ran out of evaluations or found no finite likelihood: the parameters, if any, are not to be used. */
    NOT_CONVERGED,
    /** Fewer customers than the fit needs (see the fit's message); nothing was estimated. */
    TOO_FEW_CUSTOMERS
}
