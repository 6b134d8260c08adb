package io.orderlens.analytics.flag;

import io.orderlens.analytics.experiment.Bucketing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local feature-flag evaluation over definitions loaded from a {@link Source} and refreshed after a time-to-live
 * (default 5 minutes). Evaluation never calls the source on the caller's path except for the one caller that finds
 * the definitions expired (it reloads them; a failing reload keeps the previous definitions and is retried after
 * another TTL). Evaluation allocates nothing itself beyond what an experiment rule's assignment does (and the
 * counters of a flag's first evaluation of a day or of a newly served value). Thread-safe.
 *
 * <p>Every evaluation of a known flag is counted per flag and business-zone day (evaluations, "on" results, and
 * per served value) in striped counters; {@link #takeCounts()} hands what was counted since its previous call to
 * the code that writes them to the store. At most {@code maxCountedDays} flag-days are counted at once: a flag-day
 * is released by the first {@code takeCounts} after {@link #RELEASE_AFTER} past its end; while the limit is
 * reached, evaluations of a further flag-day are served normally but not counted (see
 * {@link #uncountedEvaluations()}).
 *
 * <p>A value is "on" when it is non-null and not {@code "false"}. An unknown flag evaluates to null (off) and is
 * counted nowhere: evaluation never throws for a missing definition, so a host's request path never fails on it.
 */
public final class Flags {
    private static final Logger log = LoggerFactory.getLogger(Flags.class);

    /** Default time-to-live of the loaded definitions. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    /** Default limit of flag-days counted at once. */
    public static final int DEFAULT_MAX_COUNTED_DAYS = 10_000;

    /**
     * How long after its end a day's counters are kept before {@link #takeCounts()} releases them, so that an
     * evaluation that read the clock just before midnight still lands in counters that are taken.
     */
    public static final Duration RELEASE_AFTER = Duration.ofMinutes(1);

    /** Where the definitions come from (the store, shared by every instance of the host). */
    @FunctionalInterface
    public interface Source {
        /** Every flag definition. */
        Collection<FeatureFlag> load();
    }

    /** Assigns a customer in an experiment and records the exposure (for EXPERIMENT rules). */
    @FunctionalInterface
    public interface ExperimentAssigner {
        /** The variation key the customer is assigned, or null when not in the experiment. */
        String assign(String experimentKey, String customerId);
    }

    private final Source source;
    private final ExperimentAssigner assigner;
    private final long ttlMillis;
    private final Clock clock;
    private final ZoneId zone;
    private final int maxCountedDays;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private final ReentrantLock takeLock = new ReentrantLock();
    private final ConcurrentMap<String, FlagCounts> counts = new ConcurrentHashMap<>();
    private final AtomicInteger countedDays = new AtomicInteger();
    private final LongAdder uncounted = new LongAdder();
    private volatile Map<String, Compiled> flags = Map.of();
    private volatile long refreshAtMillis;
    private volatile Day today;

    /** Evaluation with at most {@link #DEFAULT_MAX_COUNTED_DAYS} flag-days counted at once. */
    public Flags(Source source, ExperimentAssigner assigner, Duration ttl, Clock clock, ZoneId zone) {
        this(source, assigner, ttl, clock, zone, DEFAULT_MAX_COUNTED_DAYS);
    }

    /**
     * @param source the definitions (called now, then after each TTL)
     * @param assigner for EXPERIMENT rules; null when none are used (such rules are then skipped)
     * @param ttl how long loaded definitions are used before reloading; positive
     * @param clock time source for the TTL and the statistics' days
     * @param zone business zone of the statistics' days
     * @param maxCountedDays the most flag-days counted at once; positive
     */
    public Flags(
            Source source, ExperimentAssigner assigner, Duration ttl, Clock clock, ZoneId zone, int maxCountedDays) {
        this.source = Objects.requireNonNull(source, "source");
        this.assigner = assigner;
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new InvalidFlagException("flag definition TTL must be positive, got " + ttl);
        }
        if (maxCountedDays < 1) {
            throw new InvalidFlagException("the limit of counted flag-days must be positive, got " + maxCountedDays);
        }
        this.ttlMillis = ttl.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.maxCountedDays = maxCountedDays;
        refresh();
    }

    /** Reloads the definitions now (counts are kept). A failing source keeps the previous definitions. */
    public void refresh() {
        refreshLock.lock();
        try {
            refreshAtMillis = clock.millis() + ttlMillis;
            Map<String, Compiled> next = new HashMap<>();
            for (FeatureFlag f : source.load()) {
                next.put(f.key(), new Compiled(f, counts.computeIfAbsent(f.key(), FlagCounts::new)));
            }
            flags = Map.copyOf(next);
        } catch (RuntimeException e) {
            log.warn("could not load flag definitions; keeping the previous ones until the next refresh", e);
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * The value of {@code flagKey} for {@code customerId} (may be null for anonymous callers) with the host's
     * {@code attributes} (may be null); null for an unknown flag.
     */
    public String value(String flagKey, String customerId, Map<String, String> attributes) {
        long now = clock.millis();
        if (now >= refreshAtMillis && refreshLock.tryLock()) {
            try {
                if (now >= refreshAtMillis) {
                    refresh();
                }
            } finally {
                refreshLock.unlock();
            }
        }
        Compiled f = flags.get(flagKey);
        if (f == null) {
            return null;
        }
        String value = f.evaluate(customerId, attributes, assigner);
        count(f.counts, day(now), value);
        return value;
    }

    /** Whether {@link #value} is on for this customer. */
    public boolean isOn(String flagKey, String customerId, Map<String, String> attributes) {
        return isOn(value(flagKey, customerId, attributes));
    }

    /**
     * What was counted since the previous call, per flag and day with evaluations (a tally without flush marks), and
     * releases the counters of days that ended at least {@link #RELEASE_AFTER} ago (their last counts are in this
     * result). Each evaluation is in exactly one result. Calls are serialised; evaluation goes on meanwhile.
     */
    public List<FlagDayTally> takeCounts() {
        takeLock.lock();
        try {
            long releaseBefore = clock.millis() - RELEASE_AFTER.toMillis();
            List<FlagDayTally> out = new ArrayList<>();
            for (FlagCounts f : counts.values()) {
                for (DayCounts c : f.days.values()) {
                    if (c.endMillis <= releaseBefore && f.days.remove(c.date, c)) {
                        countedDays.decrementAndGet();
                    }
                    FlagDayTally taken = c.take(f.flag);
                    if (taken != null) {
                        out.add(taken);
                    }
                }
            }
            return out;
        } finally {
            takeLock.unlock();
        }
    }

    /** Flag-days counted now (not yet released). */
    public int countedDays() {
        return countedDays.get();
    }

    /** Evaluations served but not counted because {@code maxCountedDays} flag-days were already counted. */
    public long uncountedEvaluations() {
        return uncounted.sum();
    }

    static boolean isOn(String value) {
        return value != null && !"false".equals(value);
    }

    private void count(FlagCounts f, Day day, String value) {
        DayCounts c = f.current;
        if (c == null || c.startMillis != day.startMillis) {
            c = f.days.get(day.date);
            if (c == null) {
                c = open(f, day);
                if (c == null) {
                    uncounted.increment();
                    return;
                }
            }
            f.current = c;
        }
        c.evaluations.increment();
        if (isOn(value)) {
            c.on.increment();
        }
        if (value != null) {
            LongAdder perValue = c.values.get(value);
            if (perValue == null) {
                perValue = c.valueCounter(value);
            }
            if (perValue != null) {
                perValue.increment();
            }
        }
    }

    /** The counters of {@code f} on {@code day}, created unless the limit is reached (then null). */
    private DayCounts open(FlagCounts f, Day day) {
        synchronized (f) {
            DayCounts c = f.days.get(day.date);
            if (c != null) {
                return c;
            }
            if (countedDays.get() >= maxCountedDays) {
                if (uncounted.sum() == 0) {
                    log.warn(
                            "{} flag-days are counted and not yet written; evaluations of further flag-days are not "
                                    + "counted until the statistics are flushed",
                            maxCountedDays);
                }
                return null;
            }
            countedDays.incrementAndGet();
            c = new DayCounts(day);
            f.days.put(day.date, c);
            return c;
        }
    }

    private Day day(long nowMillis) {
        Day d = today;
        if (d == null || nowMillis < d.startMillis || nowMillis >= d.endMillis) {
            LocalDate date = Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate();
            d = new Day(
                    date,
                    date.atStartOfDay(zone).toInstant().toEpochMilli(),
                    date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
            today = d;
        }
        return d;
    }

    private record Day(LocalDate date, long startMillis, long endMillis) {}

    /** The counters of one flag, per day. */
    private static final class FlagCounts {
        final String flag;
        final ConcurrentMap<LocalDate, DayCounts> days = new ConcurrentHashMap<>();
        volatile DayCounts current;

        FlagCounts(String flag) {
            this.flag = flag;
        }
    }

    /**
     * One flag's counters of one day: striped adders that only grow, and what {@link #take} already handed out
     * (touched only under the take lock). An adder's sum never decreases, so the difference is exact.
     */
    private static final class DayCounts {
        final LocalDate date;
        final long startMillis;
        final long endMillis;
        final LongAdder evaluations = new LongAdder();
        final LongAdder on = new LongAdder();
        final ConcurrentMap<String, LongAdder> values = new ConcurrentHashMap<>();
        long evaluationsTaken;
        long onTaken;
        final Map<String, Long> valuesTaken = new HashMap<>();

        DayCounts(Day day) {
            this.date = day.date;
            this.startMillis = day.startMillis;
            this.endMillis = day.endMillis;
        }

        /** The counter of {@code value}; null once {@link FlagDayTally#MAX_VALUES} values are counted. */
        LongAdder valueCounter(String value) {
            if (values.size() >= FlagDayTally.MAX_VALUES) {
                return values.get(value);
            }
            return values.computeIfAbsent(value, v -> new LongAdder());
        }

        /** Counts since the previous take, or null if none. */
        FlagDayTally take(String flag) {
            long onNow = on.sum(); // before evaluations: each "on" is then among the evaluations read
            long evaluationsNow = evaluations.sum();
            if (evaluationsNow == evaluationsTaken && onNow == onTaken) {
                return null;
            }
            Map<String, Long> valueDelta = new HashMap<>();
            values.forEach((v, n) -> {
                long now = n.sum();
                long before = valuesTaken.getOrDefault(v, 0L);
                if (now != before) {
                    valueDelta.put(v, now - before);
                    valuesTaken.put(v, now);
                }
            });
            FlagDayTally t = new FlagDayTally(
                    flag, date, evaluationsNow - evaluationsTaken, onNow - onTaken, valueDelta, Map.of());
            evaluationsTaken = evaluationsNow;
            onTaken = onNow;
            return t;
        }
    }

    /** A definition with its rollout seeds resolved, and its counters. */
    private static final class Compiled {
        final FeatureFlag flag;
        final FlagRule[] rules;
        final String[] seeds;
        /** Per rule: the attribute names and accepted values of its targeting, as arrays (no iterator per call). */
        final String[][] attributeNames;

        final Object[][] attributeValues;
        final FlagCounts counts;

        Compiled(FeatureFlag flag, FlagCounts counts) {
            this.flag = flag;
            this.rules = flag.rules().toArray(new FlagRule[0]);
            this.seeds = new String[rules.length];
            this.attributeNames = new String[rules.length][];
            this.attributeValues = new Object[rules.length][];
            for (int i = 0; i < rules.length; i++) {
                seeds[i] = rules[i].seed() != null ? rules[i].seed() : flag.key();
                Map<String, Set<String>> conditions = rules[i].targeting().attributes();
                attributeNames[i] = conditions.keySet().toArray(new String[0]);
                attributeValues[i] = new Object[attributeNames[i].length];
                for (int k = 0; k < attributeNames[i].length; k++) {
                    attributeValues[i][k] = conditions.get(attributeNames[i][k]);
                }
            }
            this.counts = counts;
        }

        String evaluate(String customerId, Map<String, String> attributes, ExperimentAssigner assigner) {
            if (!flag.enabled()) {
                return flag.defaultValue();
            }
            for (int i = 0; i < rules.length; i++) {
                FlagRule r = rules[i];
                if (!matches(i, r.targeting(), customerId, attributes)) {
                    continue;
                }
                switch (r.type()) {
                    case FORCE:
                        return r.value();
                    case ROLLOUT:
                        if (inRollout(seeds[i], customerId, r)) {
                            return r.value();
                        }
                        break;
                    case EXPERIMENT:
                        if (assigner != null && customerId != null && !customerId.isEmpty()) {
                            String variation = assigner.assign(r.experiment(), customerId);
                            if (variation != null) {
                                return variation;
                            }
                        }
                        break;
                    default:
                        throw new IllegalStateException("unknown rule type " + r.type());
                }
            }
            return flag.defaultValue();
        }

        /** {@link Targeting#matches}, over the precomputed attribute arrays of rule {@code i}. */
        @SuppressWarnings("unchecked")
        private boolean matches(int i, Targeting t, String customerId, Map<String, String> attributes) {
            if (customerId != null) {
                if (t.excludeCustomers().contains(customerId)) {
                    return false;
                }
                if (t.includeCustomers().contains(customerId)) {
                    return true;
                }
            }
            String[] names = attributeNames[i];
            if (!t.includeCustomers().isEmpty() && names.length == 0) {
                return false;
            }
            for (int k = 0; k < names.length; k++) {
                String actual = attributes == null ? null : attributes.get(names[k]);
                if (actual == null || !((Set<String>) attributeValues[i][k]).contains(actual)) {
                    return false;
                }
            }
            return true;
        }

        /** GrowthBook's rollout inclusion: coverage 0 includes nobody, else {@code hash <= coverage}. */
        static boolean inRollout(String seed, String customerId, FlagRule r) {
            if (r.coverage() == 0 || customerId == null || customerId.isEmpty()) {
                return false;
            }
            return Bucketing.hash(seed, customerId, r.hashVersion()) <= r.coverage();
        }
    }
}
