package io.orderlens.analytics.flag;

import io.orderlens.analytics.AnalyticsException;

/** A feature flag definition was rejected. The message names what was wrong and the value received. */
public class InvalidFlagException extends AnalyticsException {
    private static final long serialVersionUID = 1L;

    public InvalidFlagException(String message) {
        super(message);
    }
}
