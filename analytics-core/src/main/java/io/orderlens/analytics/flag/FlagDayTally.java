package io.orderlens.analytics.flag;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The stored statistics of one feature flag on one business-zone day, summed over every instance of the host that
 * flushed evaluations of it: the ledger entry {@code fs:<yyyy-MM-dd>|<flagKey>} of the store. Each instance adds its
 * counts by compare-and-set and marks the flush with its instance id and flush sequence in {@link #flushes()}, so a
 * flush whose outcome was unknown is recognised when retried and never added twice. Holds no customer data.
 * Immutable.
 *
 * @param flag the flag key
 * @param date the business-zone day
 * @param evaluations evaluations that day; not negative
 * @param on evaluations that served an "on" value; not negative
 * @param values evaluations per served non-null value (sorted copy); a flag-day counts at most
 *     {@link #MAX_VALUES} distinct values, later ones only in {@code evaluations} and {@code on}
 * @param flushes per instance id, the sequence number of its last flush added here (sorted copy)
 */
public record FlagDayTally(
        String flag, LocalDate date, long evaluations, long on, Map<String, Long> values, Map<String, Long> flushes) {

    /** The most distinct served values counted per flag and day. */
    public static final int MAX_VALUES = 64;

    public FlagDayTally {
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(date, "date");
        if (evaluations < 0 || on < 0) {
            throw new IllegalArgumentException("flag '" + flag + "' on " + date + ": counts must not be negative, got "
                    + evaluations + " evaluations, " + on + " on");
        }
        values = Map.copyOf(new TreeMap<>(values == null ? Map.of() : values));
        flushes = Map.copyOf(new TreeMap<>(flushes == null ? Map.of() : flushes));
    }

    /** The empty tally of {@code flag} on {@code date}. */
    public static FlagDayTally empty(String flag, LocalDate date) {
        return new FlagDayTally(flag, date, 0, 0, Map.of(), Map.of());
    }

    /**
     * This tally plus {@code evaluations}, {@code on} and {@code values} flushed by {@code instance} as its flush
     * {@code sequence}.
     *
     * @throws IllegalArgumentException if that instance already added this sequence or a later one
     */
    public FlagDayTally plus(long evaluations, long on, Map<String, Long> values, String instance, long sequence) {
        if (sequence <= lastFlush(instance)) {
            throw new IllegalArgumentException("flush " + sequence + " of instance " + instance
                    + " is not after its last one here, " + lastFlush(instance));
        }
        Map<String, Long> sum = new TreeMap<>(this.values);
        values.forEach((v, n) -> {
            if (sum.containsKey(v) || sum.size() < MAX_VALUES) {
                sum.merge(v, n, Long::sum);
            }
        });
        Map<String, Long> marks = new TreeMap<>(flushes);
        marks.put(instance, sequence);
        return new FlagDayTally(flag, date, this.evaluations + evaluations, this.on + on, sum, marks);
    }

    /** The sequence of {@code instance}'s last flush added here; 0 if none. */
    public long lastFlush(String instance) {
        return flushes.getOrDefault(instance, 0L);
    }

    /** The statistics a host reads. */
    public FlagDayStats stats() {
        return new FlagDayStats(date, evaluations, on, values);
    }

    /** The ledger key of {@code flag}'s tally on {@code date}: {@code fs:<yyyy-MM-dd>|<flag>}. */
    public static String ledgerKey(String flag, LocalDate date) {
        return KEY_PREFIX + date + "|" + flag;
    }

    /** Prefix of the ledger keys of flag tallies. */
    public static final String KEY_PREFIX = "fs:";
}
