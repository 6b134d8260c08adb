package io.orderlens.analytics.segment;

import io.orderlens.analytics.AnalyticsException;

/**
 * A rule, an RFM grid or a segment query's argument was rejected. The message names the bad field, operator or value
 * and what was expected; nothing was read or written.
 */
public class InvalidRuleException extends AnalyticsException {
    private static final long serialVersionUID = 1L;

    public InvalidRuleException(String message) {
        super(message);
    }
}
