package io.orderlens.analytics.clv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One customer's lifetime value as of a business day. Money is exact where it is counted ({@code netSpend}) and
 * rounded to 1/10,000 where it is estimated. Immutable.
 *
 * @param customerId       the customer
 * @param asOf             the last business day counted
 * @param history          the customer's (x, t_x, T) in weeks and mean repeat-purchase value, from their purchase
 *                         days up to {@code asOf}
 * @param orders           counted orders placed up to {@code asOf}
 * @param netSpend         historic value: the net value of the customer's purchase days up to {@code asOf}: those
 *                         orders net of their refunds, and refunds not linked to an order that fell on a purchase
 *                         day
 * @param historicEstimate the simple estimate: average order value × orders per 30-day month since the first purchase
 *                         day (at least one month) × the expected lifetime in months of {@link ClvOptions}
 * @param modelStatus      {@link FitStatus#CONVERGED} when both fits converged; else the status of the one that did not
 * @param predicted        the model's predictions, null when {@code modelStatus} is not CONVERGED (see
 *                         {@link #prediction()})
 */
public record CustomerValue(
        String customerId,
        LocalDate asOf,
        PurchaseSummary history,
        long orders,
        BigDecimal netSpend,
        BigDecimal historicEstimate,
        FitStatus modelStatus,
        Prediction predicted) {

    /** The model's predictions, if the model as of {@link #asOf()} is usable. */
    public Optional<Prediction> prediction() {
        return Optional.ofNullable(predicted);
    }

    /**
     * What the models predict for the customer over the horizon of {@link ClvOptions}.
     *
     * @param probabilityAlive     P(alive) at the as-of day (BG/NBD)
     * @param expectedPurchases    expected purchase days over the horizon (BG/NBD)
     * @param expectedAverageValue expected value of one purchase day (Gamma-Gamma; the population mean for a customer
     *                             without repeat purchases)
     * @param value                predicted lifetime value over the horizon: the expected purchases of each month ×
     *                             the expected average value, discounted per month
     */
    public record Prediction(
            double probabilityAlive, double expectedPurchases, BigDecimal expectedAverageValue, BigDecimal value) {}
}
