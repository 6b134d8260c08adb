package io.orderlens.analytics.experiment;

/** No experiment with the given key is defined in the store. */
public class UnknownExperimentException extends InvalidExperimentException {
    private static final long serialVersionUID = 1L;

    public UnknownExperimentException(String key) {
        super("no experiment is defined with key '" + key + "'");
    }
}
