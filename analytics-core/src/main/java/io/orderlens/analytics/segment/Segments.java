package io.orderlens.analytics.segment;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * RFM and rule-based segments over the customers with at least one counted order, computed in core from the store's
 * customer rows (one scan; product and category conditions add keyed reads of the customers' product or category
 * rows) and cached like the other queries: an answer depends on every customer, so any write invalidates it. Reached
 * through {@code Analytics.segments()}; thread-safe.
 *
 * <p><b>As of a day.</b> Every query takes the business-zone day it is computed for. The counters hold today's
 * totals, so the as-of day must not be before the day of any customer's latest counted order: such a day is refused
 * with an {@link InvalidRuleException} naming the customer. The latest counted order is the latest order time that
 * ever counted (a later cancel does not move it back), as in the customer profile.
 *
 * <p>Queries with an RFM field or RFM result score every customer: O(n) memory for n customers (values and scores in
 * arrays) and two sorts per dimension. Other rules are evaluated while scanning, with O(limit + offset) memory for
 * members.
 *
 * <p>Every method throws {@link IllegalStateException} once the {@code Analytics} instance is closed and
 * {@link InvalidRuleException} for a bad argument (as-of day, paging, customer id, or a segment name not in the grid).
 */
public interface Segments {
    /** Largest page of members or RFM scores. */
    int MAX_LIMIT = 1_000;
    /** Largest offset of a page. */
    int MAX_OFFSET = 100_000;

    /** The RFM scoring and grid these queries use ({@link RfmOptions#defaults()} unless replaced). */
    RfmOptions rfmOptions();

    /** The same queries with another RFM scoring or grid. */
    Segments using(RfmOptions options);

    /** Scores, segment sizes, cut points and the R × F grid as of {@code asOf}. */
    RfmSummary rfm(LocalDate asOf);

    /** The RFM score of one customer, or empty if the customer has no counted order. */
    Optional<RfmScore> rfm(String customerId, LocalDate asOf);

    /** A page of every scored customer's RFM score, in customer id order. */
    List<RfmScore> rfmScores(LocalDate asOf, int offset, int limit);

    /** How many customers {@code rule} selects, and their share of all customers. */
    SegmentCount count(Rule rule, LocalDate asOf);

    /**
     * A page of the customers {@code rule} selects, in {@code order} (ties by customer id). Keeps a bounded heap of
     * {@code offset + limit} members, not a sort of every customer.
     */
    List<SegmentMember> members(Rule rule, LocalDate asOf, MemberOrder order, int offset, int limit);

    /** Whether {@code rule} selects {@code customerId}; false for a customer without a counted order. */
    boolean isMember(String customerId, Rule rule, LocalDate asOf);

    /** Customers, orders, net spend and averages of the customers {@code rule} selects. */
    SegmentStatistics statistics(Rule rule, LocalDate asOf);

    /** Count and a sample of up to {@code sampleSize} (1..{@value #MAX_LIMIT}) members, highest spend first. */
    SegmentPreview dryRun(Rule rule, LocalDate asOf, int sampleSize);
}
