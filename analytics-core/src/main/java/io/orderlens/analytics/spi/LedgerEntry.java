package io.orderlens.analytics.spi;

import io.orderlens.analytics.experiment.Experiment;
import io.orderlens.analytics.experiment.ExperimentStatus;
import io.orderlens.analytics.experiment.Exposure;
import io.orderlens.analytics.experiment.ResultsSnapshot;
import io.orderlens.analytics.flag.FeatureFlag;
import io.orderlens.analytics.flag.FlagDayTally;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The ledger's record of one order (key {@code o:<orderId>}), of one standalone refund (key {@code r:<refundId>}), of
 * one experiment's definition (key {@code e:<experimentKey>}), of the retention horizon (key {@link #HORIZON}) or of one customer's exposure to one experiment (key
 * {@link Exposure#ledgerKey}) or of one feature flag's definition (key {@code f:<flagKey>}) or of one feature flag's
 * statistics of one day (key {@link FlagDayTally#ledgerKey}) or of one customer's first order day (key
 * {@code c:<customerId>}, {@link #ofCustomer}); registries (keys {@code e:} and {@code f:}) list the defined
 * experiments and flags.
 * The ledger is the idempotency gate and the source of truth for verify and rebuild: the aggregates always equal the
 * sum of {@code contribution(entry)} over all entries, except the days' new customers, which are the number of
 * customers per {@link CustomerCounters#firstOrderDay()} of that sum. Immutable.
 *
 * @param version       1 when first written, +1 per change; stores apply a change only if the stored version is
 *                      still the one the change was computed from (compare-and-set)
 * @param order         the order body; null until it is seen (and for standalone refunds)
 * @param orderDay      business-zone date of {@code order.placedAt()}, fixed when the body was first seen
 * @param orderHour     local hour (customer zone if known, else business zone) of {@code order.placedAt()}
 * @param furthest      furthest forward status seen; null if only PAID/CANCELED/REFUNDED events were seen
 * @param paid          a PAID marker was seen
 * @param canceled      a CANCELED event was seen (terminal)
 * @param counted       the order's sales are currently counted (body known, counting policy met, not canceled)
 * @param everCounted   the order was counted at some time (drives first/last-order instants, which never move back)
 * @param refunds       refunds recorded for this entry, in arrival order; they take effect only while counted
 * @param updatedAt     engine clock time of the last change
 * @param linkedKeys for an order: the experiments its counted sales are attributed to, fixed when it first
 *                      counted (its customer had been exposed when it was placed); for the experiment registry
 *                      (key {@link #EXPERIMENT_REGISTRY}): every defined experiment; empty otherwise
 * @param experiment    the definition, for an experiment's entry; null otherwise
 * @param exposure      the exposure, for an exposure entry; null otherwise
 * @param flag          the definition, for a feature flag's entry; null otherwise
 * @param stages        for an order: when it first reported each status after PLACED (the lifecycle funnel's stage
 *                      times); {@link StageTimes#NONE} otherwise
 * @param frozenResults for a completed experiment's entry: the figures its results were frozen at, written with the
 *                      move to COMPLETED; null otherwise. It has no effect on any aggregate.
 * @param flagTally     for a flag's statistics of one day (key {@link FlagDayTally#ledgerKey}): the evaluations
 *                      every instance flushed; null otherwise. It has no effect on any aggregate.
 * @param attributed    for an exposure entry: the share of each order attributed to the experiment, as of the
 *                      order's ledger version (at most one per order id, in the order they were first attributed);
 *                      the customer's per-variation totals are folded from it. Empty otherwise.
 */
public record LedgerEntry(
        String key,
        long version,
        String orderId,
        Order order,
        LocalDate orderDay,
        int orderHour,
        OrderStatus furthest,
        boolean paid,
        boolean canceled,
        boolean counted,
        boolean everCounted,
        List<RecordedRefund> refunds,
        Instant updatedAt,
        List<String> linkedKeys,
        Experiment experiment,
        Exposure exposure,
        FeatureFlag flag,
        StageTimes stages,
        ResultsSnapshot frozenResults,
        FlagDayTally flagTally,
        List<AttributedOrder> attributed) {

    public LedgerEntry {
        refunds = List.copyOf(refunds);
        attributed = attributed == null ? List.of() : List.copyOf(attributed);
        linkedKeys = linkedKeys == null ? List.of() : List.copyOf(linkedKeys);
        stages = stages == null ? StageTimes.NONE : stages;
    }

    /** An entry without a flag tally or attributed orders. */
    public LedgerEntry(
            String key,
            long version,
            String orderId,
            Order order,
            LocalDate orderDay,
            int orderHour,
            OrderStatus furthest,
            boolean paid,
            boolean canceled,
            boolean counted,
            boolean everCounted,
            List<RecordedRefund> refunds,
            Instant updatedAt,
            List<String> linkedKeys,
            Experiment experiment,
            Exposure exposure,
            FeatureFlag flag,
            StageTimes stages,
            ResultsSnapshot frozenResults) {
        this(
                key,
                version,
                orderId,
                order,
                orderDay,
                orderHour,
                furthest,
                paid,
                canceled,
                counted,
                everCounted,
                refunds,
                updatedAt,
                linkedKeys,
                experiment,
                exposure,
                flag,
                stages,
                frozenResults,
                null,
                List.of());
    }

    /** An entry without frozen experiment results. */
    public LedgerEntry(
            String key,
            long version,
            String orderId,
            Order order,
            LocalDate orderDay,
            int orderHour,
            OrderStatus furthest,
            boolean paid,
            boolean canceled,
            boolean counted,
            boolean everCounted,
            List<RecordedRefund> refunds,
            Instant updatedAt,
            List<String> linkedKeys,
            Experiment experiment,
            Exposure exposure,
            FeatureFlag flag,
            StageTimes stages) {
        this(
                key,
                version,
                orderId,
                order,
                orderDay,
                orderHour,
                furthest,
                paid,
                canceled,
                counted,
                everCounted,
                refunds,
                updatedAt,
                linkedKeys,
                experiment,
                exposure,
                flag,
                stages,
                null);
    }

    /** An entry without stage times. */
    public LedgerEntry(
            String key,
            long version,
            String orderId,
            Order order,
            LocalDate orderDay,
            int orderHour,
            OrderStatus furthest,
            boolean paid,
            boolean canceled,
            boolean counted,
            boolean everCounted,
            List<RecordedRefund> refunds,
            Instant updatedAt,
            List<String> linkedKeys,
            Experiment experiment,
            Exposure exposure,
            FeatureFlag flag) {
        this(
                key,
                version,
                orderId,
                order,
                orderDay,
                orderHour,
                furthest,
                paid,
                canceled,
                counted,
                everCounted,
                refunds,
                updatedAt,
                linkedKeys,
                experiment,
                exposure,
                flag,
                StageTimes.NONE);
    }

    /** An order's or standalone refund's entry, attributed to no experiment. */
    public LedgerEntry(
            String key,
            long version,
            String orderId,
            Order order,
            LocalDate orderDay,
            int orderHour,
            OrderStatus furthest,
            boolean paid,
            boolean canceled,
            boolean counted,
            boolean everCounted,
            List<RecordedRefund> refunds,
            Instant updatedAt) {
        this(
                key,
                version,
                orderId,
                order,
                orderDay,
                orderHour,
                furthest,
                paid,
                canceled,
                counted,
                everCounted,
                refunds,
                updatedAt,
                List.of(),
                null,
                null,
                null);
    }

    /** Key of the entry listing every defined experiment (in {@link #linkedKeys()}). */
    public static final String EXPERIMENT_REGISTRY = "e:";

    /** Key of the entry listing every defined feature flag (in {@link #linkedKeys()}). */
    public static final String FLAG_REGISTRY = "f:";

    /**
     * Key of the entry holding the retention horizon: orders settled before it may have been compacted out of the
     * ledger (see {@link AnalyticsStore#compact}). Its {@link #updatedAt()} is the horizon; it only moves forward.
     */
    public static final String HORIZON = "h:";

    /** The entry of the retention horizon {@code horizon} (key {@link #HORIZON}). */
    public static LedgerEntry ofHorizon(long version, Instant horizon) {
        return definition(HORIZON, version, horizon, List.of(), null, null, null);
    }

    /** Prefix of the keys of customers' entries ({@link #ofCustomer}). */
    public static final String CUSTOMER_PREFIX = "c:";

    /** The ledger key of a customer's entry. */
    public static String customerKey(String customerId) {
        return CUSTOMER_PREFIX + customerId;
    }

    /**
     * The entry of one customer (key {@link #customerKey}): {@link #orderDay()} is the day the customer's counted
     * orders make them new on, the earliest order day of their orders that ever counted
     * ({@link CustomerCounters#firstOrderDay()}); null once the customer was erased. The engine keeps it so that the
     * day counters' {@link DayCounters#newCustomers()} move by compare-and-set on it; it contributes nothing itself.
     */
    public static LedgerEntry ofCustomer(String customerId, long version, LocalDate firstOrderDay, Instant at) {
        return new LedgerEntry(
                customerKey(customerId),
                version,
                null,
                null,
                firstOrderDay,
                0,
                null,
                false,
                false,
                false,
                false,
                List.of(),
                at,
                List.of(),
                null,
                null,
                null);
    }

    /** True for a customer's entry ({@link #ofCustomer}). */
    public boolean isCustomer() {
        return key.startsWith(CUSTOMER_PREFIX);
    }

    /** Prefix of the keys of erasures in progress ({@link #ofErasure}). */
    public static final String ERASURE_PREFIX = "k:";

    /**
     * The entry of an erasure in progress (key {@link #ERASURE_PREFIX} followed by a random id): its
     * {@link #linkedKeys()} are the erased customer's id and the pseudonym that replaces it; the version tells how far
     * the erasure got. It exists only while the erasure runs, so that a run interrupted by a crash resumes with the
     * same pseudonym; contributes nothing.
     */
    public static LedgerEntry ofErasure(String key, long version, String customerId, String pseudonym, Instant at) {
        return definition(key, version, at, List.of(customerId, pseudonym), null, null, null);
    }

    /**
     * An entry that no longer holds anything (an exposure moved to another key by an erasure, before it is removed);
     * contributes nothing.
     */
    public static LedgerEntry retired(String key, long version, Instant at) {
        return definition(key, version, at, List.of(), null, null, null);
    }

    /** The registry entry {@code registryKey} ({@link #EXPERIMENT_REGISTRY} or {@link #FLAG_REGISTRY}) listing {@code keys}. */
    public static LedgerEntry ofRegistry(String registryKey, long version, List<String> keys, Instant updatedAt) {
        return definition(registryKey, version, updatedAt, keys, null, null, null);
    }

    /** The ledger key of a feature flag's definition. */
    public static String flagKey(String flagKey) {
        return FLAG_REGISTRY + flagKey;
    }

    /** The entry of a feature flag's definition. */
    public static LedgerEntry ofFlag(long version, FeatureFlag flag, Instant updatedAt) {
        return definition(flagKey(flag.key()), version, updatedAt, List.of(), null, null, flag);
    }

    /** The entry of a flag's statistics of one day (key {@link FlagDayTally#ledgerKey}). */
    public static LedgerEntry ofFlagTally(long version, FlagDayTally tally, Instant updatedAt) {
        return new LedgerEntry(
                FlagDayTally.ledgerKey(tally.flag(), tally.date()),
                version,
                null,
                null,
                null,
                0,
                null,
                false,
                false,
                false,
                false,
                List.of(),
                updatedAt,
                List.of(),
                null,
                null,
                null,
                StageTimes.NONE,
                null,
                tally,
                List.of());
    }

    /** The ledger key of an experiment's definition. */
    public static String experimentKey(String experimentKey) {
        return "e:" + experimentKey;
    }

    /** The entry of an experiment's definition. */
    public static LedgerEntry ofExperiment(long version, Experiment experiment, Instant updatedAt) {
        return definition(experimentKey(experiment.key()), version, updatedAt, List.of(), experiment, null, null);
    }

    /**
     * The entry of a completed experiment's definition carrying the figures its results are frozen at.
     *
     * @throws IllegalArgumentException if the experiment is not COMPLETED
     */
    public static LedgerEntry ofCompletedExperiment(
            long version, Experiment experiment, ResultsSnapshot frozenResults, Instant updatedAt) {
        if (experiment.status() != ExperimentStatus.COMPLETED) {
            throw new IllegalArgumentException(
                    "results are frozen only with a COMPLETED experiment, got " + experiment.status());
        }
        return ofExperiment(version, experiment, updatedAt).withFrozenResults(frozenResults);
    }

    /** The entry of a customer's exposure to an experiment. */
    public static LedgerEntry ofExposure(long version, Exposure exposure, Instant updatedAt) {
        return definition(exposure.ledgerKey(), version, updatedAt, List.of(), null, exposure, null);
    }

    /** An entry that is not an order's: a registry, a definition or an exposure; no order fields are set. */
    private static LedgerEntry definition(
            String key,
            long version,
            Instant updatedAt,
            List<String> linkedKeys,
            Experiment experiment,
            Exposure exposure,
            FeatureFlag flag) {
        return new LedgerEntry(
                key,
                version,
                null,
                null,
                null,
                0,
                null,
                false,
                false,
                false,
                false,
                List.of(),
                updatedAt,
                linkedKeys,
                experiment,
                exposure,
                flag);
    }

    /** The same entry with {@code experiments} as its {@link #linkedKeys()}. */
    public LedgerEntry withLinkedKeys(List<String> experiments) {
        return with(version, experiments, frozenResults, attributed);
    }

    /** The same entry with another version number. */
    public LedgerEntry withVersion(long newVersion) {
        return with(newVersion, linkedKeys, frozenResults, attributed);
    }

    private LedgerEntry withFrozenResults(ResultsSnapshot snapshot) {
        return with(version, linkedKeys, snapshot, attributed);
    }

    /** The same entry with {@code orders} as its {@link #attributed()} shares. */
    public LedgerEntry withAttributed(List<AttributedOrder> orders) {
        return with(version, linkedKeys, frozenResults, orders);
    }

    /** This entry with the given values of the components the with-ers change, every other component as it is. */
    private LedgerEntry with(
            long newVersion,
            List<String> newLinkedKeys,
            ResultsSnapshot newFrozenResults,
            List<AttributedOrder> newAttributed) {
        return new LedgerEntry(
                key,
                newVersion,
                orderId,
                order,
                orderDay,
                orderHour,
                furthest,
                paid,
                canceled,
                counted,
                everCounted,
                refunds,
                updatedAt,
                newLinkedKeys,
                experiment,
                exposure,
                flag,
                stages,
                newFrozenResults,
                flagTally,
                newAttributed);
    }

    /** The attributed share of order {@code id} this entry holds, or null. */
    public AttributedOrder attributedOrder(String id) {
        for (AttributedOrder a : attributed) {
            if (a.orderId().equals(id)) {
                return a;
            }
        }
        return null;
    }

    /** True for a standalone refund's entry. */
    public boolean isStandaloneRefund() {
        return key.startsWith("r:");
    }

    /** True once a full refund has been recorded. */
    public boolean fullyRefunded() {
        for (RecordedRefund r : refunds) {
            if (r.full()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The status shown for the order: CANCELED if canceled, REFUNDED if fully refunded while counted, else the
     * furthest forward status; null for an entry without an order body.
     */
    public OrderStatus status() {
        if (order == null) {
            return null;
        }
        if (canceled) {
            return OrderStatus.CANCELED;
        }
        if (counted && fullyRefunded()) {
            return OrderStatus.REFUNDED;
        }
        return furthest == null ? OrderStatus.PLACED : furthest;
    }

    /** Total refunded so far, in {@link io.orderlens.analytics.model.MoneyUnits}. */
    public long refundedAmount() {
        long sum = 0;
        for (RecordedRefund r : refunds) {
            sum += r.amount();
        }
        return sum;
    }
}
