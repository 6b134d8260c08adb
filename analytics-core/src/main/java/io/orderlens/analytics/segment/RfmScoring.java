package io.orderlens.analytics.segment;

/**
 * How recency, frequency and monetary values become scores 1–5 (5 best) over all customers with at least one counted
 * order. Recency is better when smaller; frequency and monetary when larger.
 */
public enum RfmScoring {
    /**
     * Rank-based, as SQL {@code NTILE(5)}: customers are ordered from worst to best value, ties broken by customer id
     * ascending ({@code NTILE(5) OVER (ORDER BY recency_days DESC, customer_id)} for recency,
     * {@code NTILE(5) OVER (ORDER BY orders, customer_id)} and {@code ... ORDER BY net_spend, customer_id} for the
     * others), and cut into five groups of sizes differing by at most one, the larger groups first. Customers with
     * equal values can get different scores; the groups have equal sizes.
     */
    RANK,
    /**
     * Value-based: the four cut points are the type-7 sample quantiles (Hyndman and Fan; R's default, NumPy's
     * {@code linear}) at 0.2, 0.4, 0.6 and 0.8 of the values; a customer's score counts the cut points its value is
     * better than, so a value equal to a cut point gets the lower score and equal values always share a score.
     */
    THRESHOLDS
}
