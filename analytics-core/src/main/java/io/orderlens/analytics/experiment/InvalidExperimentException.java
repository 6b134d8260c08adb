package io.orderlens.analytics.experiment;

import io.orderlens.analytics.AnalyticsException;

/**
 * An experiment definition, a lifecycle transition or an exposure was rejected. The message names what was wrong,
 * the value received and what was expected; nothing was written.
 */
public class InvalidExperimentException extends AnalyticsException {
    private static final long serialVersionUID = 1L;

    public InvalidExperimentException(String message) {
        super(message);
    }
}
