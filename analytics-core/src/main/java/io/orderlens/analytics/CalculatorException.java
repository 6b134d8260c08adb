package io.orderlens.analytics;

/**
 * A host-supplied calculator threw or returned an invalid value. The engine contains it: the affected derived field
 * falls back to the preset and the failure is reported to listeners and logged; this type carries the details.
 */
public class CalculatorException extends AnalyticsException {
    private static final long serialVersionUID = 1L;

    public CalculatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
