package io.orderlens.analytics.internal;

import io.orderlens.analytics.ConcurrentUpdateException;
import io.orderlens.analytics.ErasureReport;
import io.orderlens.analytics.experiment.Exposure;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.RecordedRefund;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure of one customer: every ledger entry that names the customer is moved to a random pseudonym, with the
 * effect that moves the customer's counts to it, so every other total (products, categories, days, countries, new
 * customers per day, experiments) stays as it was; the counts the baseline holds for the customer are moved the same
 * way; then the customer's rows (every aggregate of {@link CustomerRows#ALL}) are deleted from the aggregates and the
 * baseline, and the cached reads of the customer are invalidated. No mapping from the customer to the pseudonym is
 * kept once the erasure is done.
 *
 * <p>Crash-safe: the erasure is recorded in the ledger (key {@code k:<random id>}, holding the customer id and the
 * pseudonym while it runs, see {@link LedgerEntry#ofErasure}); its version says which step is done, each step is a
 * compare-and-set batch, and a new call for the same customer resumes it with the same pseudonym. Idempotent: a call
 * for a customer with nothing left changes nothing. Logs name the erasure's random id, never the customer. Runs
 * exclusively with the writes of its instance.
 */
public final class Eraser {
    private static final Logger log = LoggerFactory.getLogger(Eraser.class);
    private static final String BASELINE_STEP = "#baseline";
    /** Versions of the erasure entry: created, aggregates moved, baseline moved. */
    private static final long CREATED = 1;

    private static final long AGGREGATES_MOVED = 2;
    private static final long BASELINE_MOVED = 3;

    private final AnalyticsStore store;
    private final Engine engine;
    private final AnalyticsCache cache;
    private final Clock clock;
    private final int batchSize;
    private final int maxConflictRounds;

    public Eraser(
            AnalyticsStore store,
            Engine engine,
            AnalyticsCache cache,
            Clock clock,
            int batchSize,
            int maxConflictRounds) {
        this.store = Objects.requireNonNull(store, "store");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batchSize = batchSize;
        this.maxConflictRounds = maxConflictRounds;
    }

    /** What one pass over the ledger found for the customer. */
    private static final class Found {
        final List<String> entries = new ArrayList<>();
        final List<String> retired = new ArrayList<>();
        LedgerEntry erasure;
        List<String> experiments = List.of();
    }

    /**
     * Erases {@code customerId}; see the class comment.
     *
     * @throws IllegalArgumentException if the id is null or blank
     * @throws io.orderlens.analytics.StoreException if the store keeps failing; call again to resume
     */
    public ErasureReport forget(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId must not be null or blank");
        }
        return engine.exclusive(() -> forgetExclusively(customerId));
    }

    private ErasureReport forgetExclusively(String customerId) {
        Found found = scan(customerId);
        Delta baseline = store.baseline();
        CustomerRows.Context ctx = new CustomerRows.Context(customerId, found.experiments);
        LedgerEntry erasure = found.erasure;
        if (erasure == null) {
            if (found.entries.isEmpty() && found.retired.isEmpty() && !hasRows(ctx, baseline)) {
                return new ErasureReport("", 0, 0);
            }
            erasure = begin(customerId);
        }
        String reference = erasure.key().substring(LedgerEntry.ERASURE_PREFIX.length());
        String pseudonym = erasure.linkedKeys().get(1);
        log.info("erasing a customer (erasure {}), resuming at step {}", reference, erasure.version());
        long moved = 0;
        if (erasure.version() == CREATED) {
            moved = pseudonymize(found.entries, customerId, pseudonym);
            List<String> exposures = new ArrayList<>(found.retired);
            found.entries.stream()
                    .filter(k -> k.startsWith("x:") || k.startsWith(LedgerEntry.CUSTOMER_PREFIX))
                    .forEach(exposures::add);
            removeRetired(exposures, customerId);
            Effect move = move(baseline, customerId, pseudonym);
            erasure = advance(erasure, AGGREGATES_MOVED, move, customerId, pseudonym);
        }
        if (erasure.version() == AGGREGATES_MOVED) {
            LedgerEntry step =
                    engine.readLedger(Set.of(erasure.key() + BASELINE_STEP)).get(erasure.key() + BASELINE_STEP);
            if (step != null) {
                compactOrFail(List.of(new LedgerChange(
                        step, step.withVersion(step.version() + 1), move(baseline, customerId, pseudonym))));
            }
            erasure = advance(erasure, BASELINE_MOVED, Effect.NONE, customerId, pseudonym);
        }
        long rows = 0;
        Delta left = store.baseline();
        // every kind's keys first, and the customer's own row deleted last: a store may find a customer's rows
        // through it, also when a crash interrupted the deletes and a new call resumes them
        Map<CustomerRows<?>, Set<String>> doomed = new LinkedHashMap<>();
        for (int i = CustomerRows.ALL.size() - 1; i >= 0; i--) {
            CustomerRows<?> kind = CustomerRows.ALL.get(i);
            doomed.put(kind, kind.keys(store, ctx, left));
        }
        for (Map.Entry<CustomerRows<?>, Set<String>> e : doomed.entrySet()) {
            if (!e.getValue().isEmpty()) {
                store.deleteRows(e.getKey().aggregate(), e.getValue());
                rows += e.getValue().size();
            }
        }
        cache.invalidate(List.of(CacheScope.customer(customerId), CacheScope.GLOBAL));
        compactOrFail(List.of(new LedgerChange(erasure, erasure.withVersion(erasure.version() + 1), Effect.NONE)));
        log.info(
                "erased a customer (erasure {}): {} ledger entries moved to a pseudonym, {} rows deleted",
                reference,
                moved,
                rows);
        return new ErasureReport(reference, moved, rows);
    }

    /** One pass over the ledger: the customer's entries, retired exposures, erasure in progress, experiments. */
    private Found scan(String customerId) {
        Found found = new Found();
        store.forEachLedgerEntry(e -> {
            String key = e.key();
            if (key.startsWith(LedgerEntry.ERASURE_PREFIX)) {
                if (!key.endsWith(BASELINE_STEP)
                        && e.linkedKeys().size() == 2
                        && e.linkedKeys().get(0).equals(customerId)) {
                    found.erasure = e;
                }
            } else if (key.equals(LedgerEntry.EXPERIMENT_REGISTRY)) {
                found.experiments = e.linkedKeys();
            } else if (e.exposure() != null) {
                if (e.exposure().customerId().equals(customerId)) {
                    found.entries.add(key);
                }
            } else if (key.startsWith("x:")) {
                if (customerId.equals(exposedCustomer(key))) {
                    found.retired.add(key);
                }
            } else if (e.isCustomer()) {
                if (key.equals(LedgerEntry.customerKey(customerId))) {
                    (e.orderDay() == null ? found.retired : found.entries).add(key);
                }
            } else if (names(e, customerId)) {
                found.entries.add(key);
            }
        });
        return found;
    }

    /** The customer of an exposure key {@code x:<length>:<experiment>|<customer>}, or null. */
    private static String exposedCustomer(String key) {
        int colon = key.indexOf(':', 2);
        if (colon < 0) {
            return null;
        }
        try {
            int end = colon + 1 + Integer.parseInt(key, 2, colon, 10);
            return end < key.length() && key.charAt(end) == '|' ? key.substring(end + 1) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether an order's or standalone refund's entry names the customer. */
    private static boolean names(LedgerEntry e, String customerId) {
        if (e.order() != null && e.order().customerId().equals(customerId)) {
            return true;
        }
        for (RecordedRefund r : e.refunds()) {
            if (customerId.equals(r.customerId())) {
                return true;
            }
        }
        return false;
    }

    private boolean hasRows(CustomerRows.Context ctx, Delta baseline) {
        for (CustomerRows<?> kind : CustomerRows.ALL) {
            if (!kind.keys(store, ctx, baseline).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Records the erasure and its baseline step, with a new random pseudonym. */
    private LedgerEntry begin(String customerId) {
        String id = UUID.randomUUID().toString();
        String pseudonym = "erased-" + UUID.randomUUID();
        LedgerEntry erasure =
                LedgerEntry.ofErasure(LedgerEntry.ERASURE_PREFIX + id, CREATED, customerId, pseudonym, clock.instant());
        LedgerEntry step =
                LedgerEntry.ofErasure(erasure.key() + BASELINE_STEP, CREATED, customerId, pseudonym, clock.instant());
        ApplyResult r = engine.applyChanges(
                List.of(new LedgerChange(null, erasure, Effect.NONE), new LedgerChange(null, step, Effect.NONE)));
        if (!r.conflicts().isEmpty()) {
            throw new ConcurrentUpdateException("erasure " + id + " could not be recorded: its random key was taken");
        }
        return erasure;
    }

    /** Moves the customer's entries to the pseudonym, in batches; returns how many moved. */
    private long pseudonymize(List<String> keys, String customerId, String pseudonym) {
        long moved = 0;
        for (int from = 0; from < keys.size(); from += batchSize) {
            Set<String> todo = new LinkedHashSet<>(keys.subList(from, Math.min(keys.size(), from + batchSize)));
            for (int round = 0; !todo.isEmpty(); round++) {
                if (round == maxConflictRounds) {
                    throw new ConcurrentUpdateException("the entries of a customer being erased kept changing under"
                            + " concurrent writers for " + maxConflictRounds + " attempts; call again to resume");
                }
                Map<String, LedgerEntry> current = engine.readLedger(todo);
                List<LedgerChange> changes = new ArrayList<>();
                Set<String> movedKeys = new HashSet<>();
                Set<String> customerEntry = new HashSet<>();
                for (String key : todo) {
                    LedgerEntry e = current.get(key);
                    if (e == null) {
                        continue;
                    }
                    if (e.exposure() != null) {
                        if (!e.exposure().customerId().equals(customerId)) {
                            continue;
                        }
                        Exposure x = e.exposure();
                        LedgerEntry moved2 = LedgerEntry.ofExposure(
                                        1,
                                        new Exposure(x.experiment(), pseudonym, x.variation(), x.firstExposedAt()),
                                        clock.instant())
                                .withAttributed(e.attributed());
                        LedgerEntry retired = LedgerEntry.retired(key, e.version() + 1, clock.instant());
                        changes.add(new LedgerChange(e, retired, Contributions.change(e, retired)));
                        changes.add(new LedgerChange(null, moved2, Contributions.change(null, moved2)));
                    } else if (e.isCustomer()) {
                        if (!key.equals(LedgerEntry.customerKey(customerId)) || e.orderDay() == null) {
                            continue;
                        }
                        // the pseudonym is new on the same day, so no day counter moves
                        changes.add(new LedgerChange(
                                e,
                                LedgerEntry.ofCustomer(customerId, e.version() + 1, null, clock.instant()),
                                Effect.NONE));
                        changes.add(new LedgerChange(
                                null,
                                LedgerEntry.ofCustomer(pseudonym, 1, e.orderDay(), clock.instant()),
                                Effect.NONE));
                        customerEntry.add(key);
                    } else if (names(e, customerId)) {
                        LedgerEntry after = withCustomer(e, customerId, pseudonym);
                        changes.add(new LedgerChange(e, after, Contributions.change(e, after)));
                    } else {
                        continue;
                    }
                    movedKeys.add(key);
                }
                if (changes.isEmpty()) {
                    break;
                }
                ApplyResult r = engine.applyChanges(changes);
                Set<String> again = new LinkedHashSet<>();
                for (String key : r.conflicts()) {
                    if (movedKeys.contains(key)) {
                        again.add(key);
                    }
                }
                moved += movedKeys.size() - again.size();
                customerEntry.removeAll(again);
                moved -= customerEntry.size();
                todo = again;
            }
        }
        return moved;
    }

    /** Removes the retired exposure entries and the emptied customer entry (they hold nothing, but their keys name the customer). */
    private void removeRetired(List<String> found, String customerId) {
        List<String> keys = new ArrayList<>(found);
        for (int from = 0; from < keys.size(); from += batchSize) {
            Set<String> chunk = new LinkedHashSet<>(keys.subList(from, Math.min(keys.size(), from + batchSize)));
            List<LedgerChange> changes = new ArrayList<>();
            engine.readLedger(chunk).values().forEach(e -> {
                boolean emptiedCustomer =
                        e.isCustomer() && e.orderDay() == null && e.key().equals(LedgerEntry.customerKey(customerId));
                if (emptiedCustomer || (e.exposure() == null && customerId.equals(exposedCustomer(e.key())))) {
                    changes.add(new LedgerChange(e, e.withVersion(e.version() + 1), Effect.NONE));
                }
            });
            if (!changes.isEmpty()) {
                compactOrFail(changes);
            }
        }
    }

    /** The same entry naming {@code pseudonym} instead of the customer (the rest of the customer record dropped). */
    private static LedgerEntry withCustomer(LedgerEntry e, String customerId, String pseudonym) {
        Order o = e.order();
        Order order = o == null || !o.customerId().equals(customerId)
                ? o
                : new Order(o.orderId(), Customer.of(pseudonym), o.placedAt(), o.lines(), o.currency(), o.country());
        List<RecordedRefund> refunds = new ArrayList<>(e.refunds().size());
        for (RecordedRefund r : e.refunds()) {
            refunds.add(
                    customerId.equals(r.customerId())
                            ? new RecordedRefund(
                                    r.refundId(),
                                    r.at(),
                                    r.day(),
                                    r.amount(),
                                    r.full(),
                                    pseudonym,
                                    r.country(),
                                    r.lines())
                            : r);
        }
        return new LedgerEntry(
                e.key(),
                e.version() + 1,
                e.orderId(),
                order,
                e.orderDay(),
                e.orderHour(),
                e.furthest(),
                e.paid(),
                e.canceled(),
                e.counted(),
                e.everCounted(),
                refunds,
                e.updatedAt(),
                e.linkedKeys(),
                null,
                null,
                null,
                e.stages());
    }

    /** The increments that move the customer's baseline rows to the pseudonym. */
    private static Effect move(Delta baseline, String customerId, String pseudonym) {
        Delta move = new Delta();
        for (CustomerRows<?> kind : CustomerRows.ALL) {
            kind.addMove(baseline, customerId, pseudonym, move);
        }
        Effect.Builder effect = Effect.builder();
        move.forEach(effect);
        return effect.build();
    }

    /** Moves the erasure entry to {@code version} with {@code effect} on the aggregates (compare-and-set). */
    private LedgerEntry advance(LedgerEntry erasure, long version, Effect effect, String customerId, String pseudonym) {
        LedgerEntry next = LedgerEntry.ofErasure(erasure.key(), version, customerId, pseudonym, clock.instant());
        ApplyResult r = engine.applyChanges(List.of(new LedgerChange(erasure, next, effect)));
        if (!r.conflicts().isEmpty()) {
            throw new ConcurrentUpdateException(
                    "erasure " + erasure.key().substring(2) + " was advanced concurrently; call again to resume");
        }
        return next;
    }

    private void compactOrFail(List<LedgerChange> changes) {
        ApplyResult r = engine.compact(changes);
        if (!r.conflicts().isEmpty()) {
            throw new ConcurrentUpdateException(
                    r.conflicts().size() + " ledger entries of an erasure changed concurrently; call again to resume");
        }
    }
}
