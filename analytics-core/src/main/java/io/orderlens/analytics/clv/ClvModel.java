package io.orderlens.analytics.clv;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The two models fitted over the customer base as of a day. A fit that did not converge, or had too few customers,
 * says so in its {@link ModelFit#status()}; predictions are then absent, nothing throws. Immutable.
 *
 * @param asOf      the last business day whose orders the fit saw (the end of the calibration period)
 * @param purchases the BG/NBD fit over every customer with a counted order up to {@code asOf}
 * @param spend     the Gamma-Gamma fit over those with repeat purchases of positive mean value
 * @param fittedAt  when the fit ran (the instance's clock)
 * @param millis    how long the fit took, reading the store included
 */
public record ClvModel(
        LocalDate asOf,
        ModelFit<BgNbdParameters> purchases,
        ModelFit<GammaGammaParameters> spend,
        Instant fittedAt,
        long millis) {

    /** Whether both fits converged, so that customer predictions exist. */
    public boolean usable() {
        return purchases.converged() && spend.converged();
    }
}
