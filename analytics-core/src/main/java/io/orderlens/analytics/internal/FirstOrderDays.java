package io.orderlens.analytics.internal;

import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps each customer's entry ({@link LedgerEntry#ofCustomer}, key {@code c:<customerId>}) and the days' new-customer
 * counters in step with the orders of one engine call. A customer's first order day only moves when one of their
 * orders counts for the first time ({@code everCounted} becomes true) with an earlier order day; such a batch also
 * changes the customer's entry by compare-and-set, and that change carries −1 new customer on the old day and +1 on
 * the new one, so the counters always equal the days of the customers' entries.
 *
 * <p>A round's outcome decides the next: if the customer's entry lost its compare-and-set while some of their orders
 * won, the day those orders owe is written in the next round from a fresh read; if the entry won while an order that
 * moved it lost, the next round reads the customer's row, whose {@code firstOrderDay} every counted order moves by
 * {@code $min}-like merges, and writes that day (unless another writer changed the entry meanwhile). Not thread-safe:
 * one instance per engine call.
 */
final class FirstOrderDays {
    /** What is still owed to one customer's entry across rounds. */
    private static final class Owed {
        /** Earliest order day of won orders not yet in the entry; null for none. */
        LocalDate day;
        /** Version of an entry this call wrote with a day an order that lost had moved; 0 for none. */
        long wrongVersion;
        /** When the owed change happened. */
        Instant at;

        boolean isEmpty() {
            return day == null && wrongVersion == 0;
        }
    }

    /** The orders of one customer that count for the first time in a round, and the latest time one changed. */
    private static final class Firsts {
        /** Order key to order day; a one-entry map for the usual single order. */
        Map<String, LocalDate> orders;

        Instant at;

        Firsts(String orderKey, LocalDate day, Instant at) {
            this.orders = Map.of(orderKey, day);
            this.at = at;
        }

        void add(String orderKey, LocalDate day, Instant changedAt) {
            if (orders.size() == 1) {
                orders = new LinkedHashMap<>(orders);
            }
            orders.put(orderKey, day);
            at = at.isAfter(changedAt) ? at : changedAt;
        }
    }

    /** One customer's part in the current round. */
    private record Round(LedgerChange change, Map<String, LocalDate> orders) {}

    private final Map<String, Owed> owed = new HashMap<>();
    private final Map<String, Round> round = new LinkedHashMap<>();
    /** Customer to ledger key, of the customers whose entries the round read. */
    private final Map<String, String> requested = new HashMap<>();

    /**
     * The customer keys a round's ledger read should include: those of {@code customers} (the customers the round's
     * events name) and of every customer something is still owed to.
     */
    Set<String> keysToRead(Collection<String> customers) {
        requested.clear();
        for (String c : customers) {
            requested.put(c, LedgerEntry.customerKey(c));
        }
        for (String c : owed.keySet()) {
            requested.computeIfAbsent(c, LedgerEntry::customerKey);
        }
        return Set.copyOf(requested.values());
    }

    /**
     * Adds to {@code changes} the customer entry changes that the round's order changes (already in
     * {@code changes}) and what is owed from earlier rounds call for.
     *
     * @param stored   the entries the round read (customer keys from {@link #keysToRead} included)
     * @param readMore      reads customer entries the round did not read (their customers were known only from
     *                      stored orders)
     * @param readCustomers reads customer rows, for entries written with a day an order that lost had moved
     */
    void addChanges(
            List<LedgerChange> changes,
            Map<String, LedgerEntry> stored,
            Function<Set<String>, Map<String, LedgerEntry>> readMore,
            Function<Set<String>, Map<String, CustomerCounters>> readCustomers) {
        round.clear();
        Map<String, Firsts> firsts = new HashMap<>();
        for (LedgerChange c : changes) {
            LedgerEntry before = c.before();
            LedgerEntry after = c.after();
            if (after.order() != null
                    && after.everCounted()
                    && (before == null || !before.everCounted())
                    && after.orderDay() != null) {
                String customer = after.order().customerId();
                Firsts f = firsts.get(customer);
                if (f == null) {
                    firsts.put(customer, new Firsts(c.key(), after.orderDay(), after.updatedAt()));
                } else {
                    f.add(c.key(), after.orderDay(), after.updatedAt());
                }
            }
        }
        Set<String> customers = new HashSet<>(firsts.keySet());
        customers.addAll(owed.keySet());
        if (customers.isEmpty()) {
            return;
        }
        List<String> sorted = new ArrayList<>(customers);
        sorted.sort(null);
        String[] keys = new String[sorted.size()];
        Set<String> missing = new HashSet<>();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = requested.get(sorted.get(i));
            if (keys[i] == null) {
                keys[i] = LedgerEntry.customerKey(sorted.get(i));
                missing.add(keys[i]);
            }
        }
        Map<String, LedgerEntry> more = missing.isEmpty() ? Map.of() : readMore.apply(missing);
        LedgerEntry[] currents = new LedgerEntry[keys.length];
        Set<String> recheck = new HashSet<>();
        for (int i = 0; i < keys.length; i++) {
            currents[i] = missing.contains(keys[i]) ? more.get(keys[i]) : stored.get(keys[i]);
            String c = sorted.get(i);
            Owed o = owed.get(c);
            LedgerEntry current = currents[i];
            if (o != null && o.wrongVersion != 0 && current != null && current.version() == o.wrongVersion) {
                recheck.add(c);
            }
        }
        Map<String, CustomerCounters> rows = recheck.isEmpty() ? Map.of() : readCustomers.apply(recheck);
        for (int i = 0; i < keys.length; i++) {
            String c = sorted.get(i);
            Firsts f = firsts.get(c);
            Map<String, LocalDate> orders = f == null ? Map.of() : f.orders;
            Instant latest = f == null ? null : f.at;
            Owed o = owed.get(c);
            LedgerEntry current = currents[i];
            LocalDate currentDay = current == null ? null : current.orderDay();
            LocalDate base = currentDay;
            if (recheck.contains(c)) {
                CustomerCounters row = rows.get(c);
                base = row == null ? null : row.firstOrderDay();
            }
            LocalDate target = min(base, o == null ? null : o.day);
            for (LocalDate d : orders.values()) {
                target = min(target, d);
            }
            LedgerChange change = null;
            if (!Objects.equals(target, currentDay)) {
                Instant when = latest != null ? latest : o.at;
                LedgerEntry after =
                        LedgerEntry.ofCustomer(c, current == null ? 1 : current.version() + 1, target, when);
                Effect.Builder effect = Effect.builder(2);
                if (currentDay != null) {
                    effect.add(DayCounters.newCustomers(currentDay, -1));
                }
                if (target != null) {
                    effect.add(DayCounters.newCustomers(target, 1));
                }
                change = new LedgerChange(current, after, effect.build());
                changes.add(change);
            }
            round.put(c, new Round(change, orders));
            if (o != null && latest != null) {
                o.at = latest;
            }
        }
    }

    /**
     * Takes the round's outcome: {@code notApplied} are the keys of the round's changes that did not apply
     * (compare-and-set conflicts, refused writes).
     */
    void applied(Set<String> notApplied) {
        if (notApplied.isEmpty() && owed.isEmpty()) {
            round.clear(); // every change applied and nothing was owed: nothing is owed now
            return;
        }
        for (Map.Entry<String, Round> e : round.entrySet()) {
            String customer = e.getKey();
            Round r = e.getValue();
            LocalDate won = null;
            boolean lost = false;
            Instant at = null;
            for (Map.Entry<String, LocalDate> order : r.orders().entrySet()) {
                if (notApplied.contains(order.getKey())) {
                    lost = true;
                } else {
                    won = min(won, order.getValue());
                }
            }
            Owed o = owed.get(customer);
            if (o == null) {
                if (r.change() == null || (!notApplied.contains(r.change().key()) && !lost)) {
                    continue; // nothing owed before, nothing owed now
                }
                o = new Owed();
                owed.put(customer, o);
            }
            if (r.change() == null) {
                o.day = null;
                o.wrongVersion = 0;
            } else if (!notApplied.contains(r.change().key())) {
                o.day = null;
                LedgerEntry written = r.change().after();
                o.wrongVersion = lost ? written.version() : 0;
                at = written.updatedAt();
            } else {
                o.day = min(o.day, won);
                at = r.change().after().updatedAt();
            }
            if (o.isEmpty()) {
                owed.remove(customer);
            } else if (at != null) {
                o.at = at;
            }
        }
        round.clear();
    }

    /** Whether some customer's entry still has to change. */
    boolean pending() {
        return !owed.isEmpty();
    }

    /** How many customers' entries still have to change. */
    int pendingCustomers() {
        return owed.size();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isBefore(a) ? a : b;
    }
}
