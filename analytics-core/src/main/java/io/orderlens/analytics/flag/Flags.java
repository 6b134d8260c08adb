package io.orderlens.analytics.flag;

import io.orderlens.analytics.experiment.Bucketing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local feature-flag evaluation over definitions loaded from a {@link Source} and refreshed after a time-to-live
 * (default 5 minutes). Evaluation never calls the source on the caller's path except for the one caller that finds
 * the definitions expired (it reloads them; a failing reload keeps the previous definitions and is retried after
 * another TTL). Evaluation allocates nothing itself beyond what an experiment rule's assignment does. Counts
 * evaluations and "on" results per flag and business day (the last {@value #DAYS_KEPT} days). Thread-safe.
 *
 * <p>A value is "on" when it is non-null and not {@code "false"}. An unknown flag evaluates to null (off) and is
 * counted nowhere: evaluation never throws for a missing definition, so a host's request path never fails on it.
 */
public final class Flags {
    private static final Logger log = LoggerFactory.getLogger(Flags.class);

    /** Default time-to-live of the loaded definitions. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    /** Days of statistics kept per flag. */
    public static final int DAYS_KEPT = 400;

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
    private final ReentrantLock refreshLock = new ReentrantLock();
    private volatile Map<String, Compiled> flags = Map.of();
    private volatile long refreshAtMillis;
    private volatile Day today;

    /**
     * @param source the definitions (called now, then after each TTL)
     * @param assigner for EXPERIMENT rules; null when none are used (such rules are then skipped)
     * @param ttl how long loaded definitions are used before reloading; positive
     * @param clock time source for the TTL and the statistics' days
     * @param zone business zone of the statistics' days
     */
    public Flags(Source source, ExperimentAssigner assigner, Duration ttl, Clock clock, ZoneId zone) {
        this.source = Objects.requireNonNull(source, "source");
        this.assigner = assigner;
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new InvalidFlagException("flag definition TTL must be positive, got " + ttl);
        }
        this.ttlMillis = ttl.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        refresh();
    }

    /** Reloads the definitions now (statistics are kept). A failing source keeps the previous definitions. */
    public void refresh() {
        refreshLock.lock();
        try {
            refreshAtMillis = clock.millis() + ttlMillis;
            Map<String, Compiled> next = new HashMap<>();
            for (FeatureFlag f : source.load()) {
                Compiled old = flags.get(f.key());
                next.put(f.key(), new Compiled(f, old == null ? new ConcurrentHashMap<>() : old.days));
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
        f.count(day(now), isOn(value));
        return value;
    }

    /** Whether {@link #value} is on for this customer. */
    public boolean isOn(String flagKey, String customerId, Map<String, String> attributes) {
        return isOn(value(flagKey, customerId, attributes));
    }

    /** Per-day statistics of {@code flagKey} in this instance, oldest day first; empty for an unknown flag. */
    public List<FlagDayStats> statistics(String flagKey) {
        Compiled f = flags.get(flagKey);
        if (f == null) {
            return List.of();
        }
        List<FlagDayStats> out = new ArrayList<>();
        f.days.forEach((d, c) -> out.add(new FlagDayStats(d, c.evaluations.sum(), c.on.sum())));
        out.sort(Comparator.comparing(FlagDayStats::date));
        return out;
    }

    static boolean isOn(String value) {
        return value != null && !"false".equals(value);
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

    private static final class Counts {
        final LocalDate date;
        final LongAdder evaluations = new LongAdder();
        final LongAdder on = new LongAdder();

        Counts(LocalDate date) {
            this.date = date;
        }
    }

    /** A definition with its rollout seeds resolved, and its statistics. */
    private static final class Compiled {
        final FeatureFlag flag;
        final FlagRule[] rules;
        final String[] seeds;
        /** Per rule: the attribute names and accepted values of its targeting, as arrays (no iterator per call). */
        final String[][] attributeNames;

        final Object[][] attributeValues;
        final ConcurrentMap<LocalDate, Counts> days;
        volatile Counts current;

        Compiled(FeatureFlag flag, ConcurrentMap<LocalDate, Counts> days) {
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
            this.days = days;
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

        void count(Day day, boolean on) {
            Counts c = current;
            if (c == null || !day.date().equals(c.date)) {
                c = days.computeIfAbsent(day.date(), Counts::new);
                if (days.size() > DAYS_KEPT) {
                    days.keySet().stream()
                            .min(Comparator.naturalOrder())
                            .filter(oldest -> !oldest.equals(day.date()))
                            .ifPresent(days::remove);
                }
                current = c;
            }
            c.evaluations.increment();
            if (on) {
                c.on.increment();
            }
        }
    }
}
