package io.orderlens.analytics.internal;

import io.orderlens.analytics.flag.FlagDayTally;
import io.orderlens.analytics.flag.Flags;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.LedgerChange;
import io.orderlens.analytics.spi.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the evaluation counts of a {@link Flags} to the store's flag tallies ({@link FlagDayTally}, one ledger entry
 * per flag and day), exactly once: each flag-day is added by compare-and-set and marked with this instance's random
 * id and a flush sequence that only grows. A write whose outcome is unknown (the store failed mid-way, and may still
 * finish it in a later {@code recover()}) stays in flight: the next flush re-reads the tally; if it carries the
 * write's mark the counts are in; if it moved to another version without it the write can no longer apply;
 * otherwise the counts (with any counted since) are sent again under a new sequence expecting the same version, so
 * at most one of the two applies and the mark tells which.
 *
 * <p>Counts not yet written are kept here (merged per flag-day) until a flush writes them; counts are taken from
 * the {@link Flags} only while fewer than {@code maxPending} flag-days are kept, so that a store that stays down
 * stops the taking and the flag's own limit then stops the counting. Flushes run on a daemon thread every
 * {@code every}, doubling the pause after a failure up to {@link #MAX_BACKOFF}, on {@link #flush()}, and once more
 * at {@link #close()}. A crash loses what was not yet written (at most about one flush interval of evaluations).
 * Thread-safe; flushes are serialised.
 */
public final class FlagStatistics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlagStatistics.class);

    /** The longest pause between flushes while the store keeps failing. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final Engine engine;
    private final Flags flags;
    private final Clock clock;
    private final Duration every;
    private final int maxPending;
    private final int batchSize;
    private final int maxRounds;
    private final String instance = UUID.randomUUID().toString();
    private final ReentrantLock flushLock = new ReentrantLock();
    /** Ledger key → counts not yet known to be written; guarded by {@link #flushLock}. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private final Thread thread;
    private final StoppableSleep pause = new StoppableSleep();
    private long nextSequence = 1;

    /**
     * @param every pause between scheduled flushes; positive
     * @param maxPending flag-days kept unwritten before no more are taken from {@code flags}; positive
     * @param batchSize flag-days per store batch; positive
     * @param maxRounds compare-and-set rounds per flush before conflicting flag-days wait for the next one
     */
    public FlagStatistics(
            Engine engine,
            Flags flags,
            Clock clock,
            Duration every,
            int maxPending,
            int batchSize,
            int maxRounds,
            String threadName) {
        this.engine = engine;
        this.flags = flags;
        this.clock = clock;
        this.every = every;
        this.maxPending = maxPending;
        this.batchSize = batchSize;
        this.maxRounds = maxRounds;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /** Starts the scheduled flushes. */
    public void start() {
        thread.start();
    }

    /** This instance's id in the tallies' flush marks. */
    String instance() {
        return instance;
    }

    /**
     * Writes every count taken so far (and takes the newest first, within the limit).
     *
     * @return the flag-days written by this call
     * @throws io.orderlens.analytics.StoreException if the store keeps failing; nothing is lost, the next flush
     *     writes the counts
     */
    public int flush() {
        flushLock.lock();
        try {
            if (pending.size() < maxPending) {
                for (FlagDayTally t : flags.takeCounts()) {
                    pending.computeIfAbsent(FlagDayTally.ledgerKey(t.flag(), t.date()), k -> new Pending(t))
                            .add(t);
                }
            }
            int written = 0;
            for (int round = 0; round < maxRounds && !pending.isEmpty(); round++) {
                List<String> keys = new ArrayList<>(pending.keySet());
                boolean conflicts = false;
                for (int from = 0; from < keys.size(); from += batchSize) {
                    Set<String> chunk =
                            new LinkedHashSet<>(keys.subList(from, Math.min(keys.size(), from + batchSize)));
                    Outcome outcome = writeBatch(chunk);
                    written += outcome.written();
                    conflicts |= outcome.conflicts() > 0;
                }
                if (!conflicts) {
                    break;
                }
            }
            return written;
        } finally {
            flushLock.unlock();
        }
    }

    /** What one store batch did: flag-days written, and flag-days left for another round by a conflict. */
    private record Outcome(int written, int conflicts) {}

    /** Writes the flag-days {@code keys} as one store batch. */
    private Outcome writeBatch(Set<String> keys) {
        Map<String, LedgerEntry> stored = engine.readLedger(keys);
        List<LedgerChange> changes = new ArrayList<>(keys.size());
        Map<String, Attempt> sent = new LinkedHashMap<>();
        for (String key : keys) {
            Pending p = pending.get(key);
            LedgerEntry entry = stored.get(key);
            FlagDayTally tally = entry == null ? FlagDayTally.empty(p.flag, p.date) : entry.flagTally();
            if (tally == null) {
                throw new IllegalStateException("ledger entry " + key + " is not a flag tally");
            }
            long version = entry == null ? 0 : entry.version();
            p.settle(version, tally.lastFlush(instance));
            if (p.isEmpty()) {
                pending.remove(key);
                continue;
            }
            if (p.evaluations == 0 && p.on == 0 && p.values.isEmpty()) {
                continue; // only writes in flight that may still apply: wait for them
            }
            long sequence = nextSequence++;
            sent.put(key, p.send(sequence, version));
            FlagDayTally next = tally.plus(p.evaluations, p.on, p.values, instance, sequence);
            changes.add(
                    new LedgerChange(entry, LedgerEntry.ofFlagTally(version + 1, next, clock.instant()), Effect.NONE));
        }
        if (changes.isEmpty()) {
            return new Outcome(0, 0);
        }
        ApplyResult result = engine.applyChanges(changes); // a StoreException leaves the writes in flight
        int written = 0;
        for (Map.Entry<String, Attempt> s : sent.entrySet()) {
            Pending p = pending.get(s.getKey());
            if (result.conflicts().contains(s.getKey())) {
                p.refused(s.getValue());
            } else {
                p.written(s.getValue());
                if (p.isEmpty()) {
                    pending.remove(s.getKey());
                }
                written++;
            }
        }
        return new Outcome(written, result.conflicts().size());
    }

    private void run() {
        Duration wait = every;
        while (pause.sleep(wait)) {
            try {
                flush();
                wait = every;
            } catch (RuntimeException e) {
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
                wait = wait.compareTo(every) < 0 ? every : wait;
                log.warn(
                        "flag statistics could not be written; the counts are kept and retried in {}: {}",
                        wait,
                        e.getMessage());
            }
        }
    }

    /**
     * Stops the schedule (waiting up to a second for a flush in progress, then for its end) and writes what is left.
     * Counts the store does not take then are logged as lost.
     */
    @Override
    public void close() {
        pause.stopAndJoin(thread);
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("flag statistics could not be written at close: {}", e.getMessage());
        }
        flushLock.lock();
        try {
            if (!pending.isEmpty()) {
                long evaluations = 0;
                for (Pending p : pending.values()) {
                    evaluations += p.evaluations;
                }
                log.warn(
                        "{} flag evaluations of {} flag-days were not written at close and are lost",
                        evaluations,
                        pending.size());
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** Flag-days whose counts are not yet known to be written. */
    int pendingDays() {
        flushLock.lock();
        try {
            return pending.size();
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * One flag-day's counts not yet known to be written, and the writes of them in flight. A write sent with the
     * tally at version {@code v} can apply only while the stored tally is still at {@code v}, so writes outstanding
     * together expected the same version and at most one of them applies; the tally's mark for this instance names
     * it.
     */
    private static final class Pending {
        final String flag;
        final LocalDate date;
        long evaluations;
        long on;
        final Map<String, Long> values = new HashMap<>();
        final List<Attempt> attempts = new ArrayList<>(2);

        Pending(FlagDayTally first) {
            this.flag = first.flag();
            this.date = first.date();
        }

        void add(FlagDayTally t) {
            evaluations += t.evaluations();
            on += t.on();
            t.values().forEach((v, n) -> values.merge(v, n, Long::sum));
        }

        /** Records a write of the current counts as {@code sequence}, expecting the tally at {@code version}. */
        Attempt send(long sequence, long version) {
            Attempt a = new Attempt(sequence, version, evaluations, on, Map.copyOf(values));
            attempts.add(a);
            return a;
        }

        /**
         * Settles the writes in flight against the stored tally (version {@code version}, this instance's last
         * sequence {@code lastWritten}): the one it names is written, those that expected an older version can no
         * longer apply, the others may still.
         */
        void settle(long version, long lastWritten) {
            for (Attempt a : attempts) {
                if (a.sequence == lastWritten) {
                    written(a);
                    return;
                }
            }
            attempts.removeIf(a -> a.expectedVersion < version);
        }

        /** {@code a} was applied: its counts are written and every other write in flight can no longer apply. */
        void written(Attempt a) {
            evaluations -= a.evaluations;
            on -= a.on;
            a.values.forEach((v, n) -> {
                if (values.merge(v, -n, Long::sum) == 0) {
                    values.remove(v);
                }
            });
            attempts.clear();
        }

        /** {@code a} was refused (a conflict): it had no effect. */
        void refused(Attempt a) {
            attempts.remove(a);
        }

        boolean isEmpty() {
            return attempts.isEmpty() && evaluations == 0 && on == 0 && values.isEmpty();
        }
    }

    private record Attempt(long sequence, long expectedVersion, long evaluations, long on, Map<String, Long> values) {}
}
