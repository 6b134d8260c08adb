package io.orderlens.analytics.report;

import io.orderlens.analytics.AnalyticsException;

/**
 * A report could not be produced or written: a row source or column failed, a cell had the wrong type, or the output
 * could not be written (then the cause is the {@link java.io.IOException}).
 */
public class ReportException extends AnalyticsException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
