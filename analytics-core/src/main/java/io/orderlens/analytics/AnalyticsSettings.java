package io.orderlens.analytics;

import io.orderlens.analytics.async.AsyncOptions;
import io.orderlens.analytics.calc.CustomerTierPolicy;
import io.orderlens.analytics.calc.FrequencyPolicy;
import io.orderlens.analytics.calc.RatingPolicy;
import io.orderlens.analytics.calc.TimeOfDayPolicy;
import io.orderlens.analytics.clv.ClvOptions;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The settings of {@link Analytics.Builder} and their setters; every setter checks its argument at once. Only
 * {@link #zone} is required. Not thread-safe (a builder belongs to one thread).
 *
 * @param <B> the builder type the setters return
 */
abstract class AnalyticsSettings<B extends AnalyticsSettings<B>> {
    AnalyticsStore store;
    AnalyticsCache cache;
    ZoneId zone;
    Clock clock = Clock.systemUTC();
    CountingPolicy countingPolicy = CountingPolicy.AT_DELIVERED;
    Currency currency;
    RatingPolicy rating = RatingPolicy.fourTier();
    FrequencyPolicy frequency = FrequencyPolicy.perMonth();
    TimeOfDayPolicy timeOfDay = TimeOfDayPolicy.standard();
    CustomerTierPolicy tier = CustomerTierPolicy.standard();
    int topItems = 5;
    int topCategories = 3;
    final List<AnalyticsListener> listeners = new ArrayList<>();
    int maxConflictRounds = 16;
    int storeAttempts = 3;
    Duration storeBackoff = Duration.ofMillis(20);
    AsyncOptions async;
    int listenerQueueCapacity = 10_000;
    Duration experimentRefresh = Duration.ofSeconds(30);
    Duration flagRefresh = Duration.ofMinutes(5);
    Duration flagStatisticsEvery = Duration.ofSeconds(10);
    int maxPendingFlagDays = io.orderlens.analytics.flag.Flags.DEFAULT_MAX_COUNTED_DAYS;
    int exposureBatch = 1_000;
    Duration retention;
    Duration retentionEvery;
    int compactionBatch = 500;
    ClvOptions clv = ClvOptions.defaults();

    AnalyticsSettings() {}

    /** This builder, as its own type. */
    abstract B self();

    /** Where ledger and aggregates live. Default: a new {@link InMemoryAnalyticsStore}. */
    public B store(AnalyticsStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return self();
    }

    /** Read cache. Default: none. */
    public B cache(AnalyticsCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
        return self();
    }

    /** Business zone for daily buckets and for time of day of customers without their own zone. Required. */
    public B zone(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        return self();
    }

    /** Clock for ledger timestamps and account ages. Default: system UTC clock. */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** When orders start to count. Default: {@link CountingPolicy#AT_DELIVERED}. */
    public B countingPolicy(CountingPolicy policy) {
        this.countingPolicy = Objects.requireNonNull(policy, "countingPolicy");
        return self();
    }

    /** The only currency accepted; orders and refunds in another are rejected. Default: not enforced. */
    public B currency(Currency currency) {
        this.currency = Objects.requireNonNull(currency, "currency");
        return self();
    }

    public B ratingPolicy(RatingPolicy policy) {
        this.rating = Objects.requireNonNull(policy, "ratingPolicy");
        return self();
    }

    public B frequencyPolicy(FrequencyPolicy policy) {
        this.frequency = Objects.requireNonNull(policy, "frequencyPolicy");
        return self();
    }

    public B timeOfDayPolicy(TimeOfDayPolicy policy) {
        this.timeOfDay = Objects.requireNonNull(policy, "timeOfDayPolicy");
        return self();
    }

    public B customerTierPolicy(CustomerTierPolicy policy) {
        this.tier = Objects.requireNonNull(policy, "customerTierPolicy");
        return self();
    }

    /** Size of a profile's most-ordered items, 1..100. Default 5. */
    public B topItems(int n) {
        this.topItems = requireRange(n, 1, 100, "topItems");
        return self();
    }

    /** Size of a profile's favourite categories, 1..100. Default 3. */
    public B topCategories(int n) {
        this.topCategories = requireRange(n, 1, 100, "topCategories");
        return self();
    }

    /**
     * Adds a listener; see {@link AnalyticsListener} for how notifications are delivered. With a listener, each
     * applied batch also reads the stored counters of every product and customer it moved, to detect threshold
     * crossings (one store read each).
     */
    public B listener(AnalyticsListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /** How often a failing store write is tried before {@link StoreException} is thrown, 1..20. Default 3. */
    public B storeAttempts(int attempts) {
        this.storeAttempts = requireRange(attempts, 1, 20, "storeAttempts");
        return self();
    }

    /**
     * How long an instance uses the experiment definitions it loaded before reloading them (for {@code assign} and
     * for attributing orders). Writes through this instance refresh them at once; another instance's new experiment
     * is seen within this time, so define an experiment at least this long before it starts. Default 30 s.
     */
    public B experimentRefresh(Duration refresh) {
        Objects.requireNonNull(refresh, "experimentRefresh");
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("experimentRefresh must be positive, got " + refresh);
        }
        this.experimentRefresh = refresh;
        return self();
    }

    /**
     * How lifetime values are computed and when their models are fitted (see {@link ClvOptions}). Default
     * {@link ClvOptions#defaults()}: fitted on demand, reused for an hour.
     */
    public B lifetimeValue(ClvOptions options) {
        this.clv = Objects.requireNonNull(options, "lifetimeValue");
        return self();
    }

    /**
     * How often this instance writes its feature flag evaluation counts to the store (also done by
     * {@code flags().flushStatistics()} and at close), and how many flag-days it keeps counted and not yet written
     * while the store fails: {@code maxPendingDays} are counted, and as many more wait to be written; beyond that,
     * evaluations of further flag-days are served but not counted ({@code flags().uncountedEvaluations()}).
     * Defaults: every 10 s, 10,000 flag-days.
     */
    public B flagStatistics(Duration every, int maxPendingDays) {
        Objects.requireNonNull(every, "flagStatistics interval");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the flag statistics interval must be positive, got " + every);
        }
        if (maxPendingDays < 1) {
            throw new IllegalArgumentException("maxPendingDays must be positive, got " + maxPendingDays);
        }
        this.flagStatisticsEvery = every;
        this.maxPendingFlagDays = maxPendingDays;
        return self();
    }

    /** How long an instance evaluates the feature flag definitions it loaded before reloading them. Default 5 min. */
    public B flagRefresh(Duration refresh) {
        Objects.requireNonNull(refresh, "flagRefresh");
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("flagRefresh must be positive, got " + refresh);
        }
        this.flagRefresh = refresh;
        return self();
    }

    /**
     * How many exposures {@code experiments().assign} queues before it writes them as one batch, 1..100,000.
     * Default 1,000.
     */
    public B exposureBatch(int size) {
        this.exposureBatch = requireRange(size, 1, 100_000, "exposureBatch");
        return self();
    }

    /**
     * Turns on ledger retention: every {@code every} (first after one {@code every}), a background thread of this
     * instance runs {@link Analytics#compact} with the horizon {@code keep} before the clock's now. {@code keep} is
     * at least one day, {@code every} at least one minute. Default: off ({@code compact} can still be called).
     */
    public B retention(Duration keep, Duration every) {
        Objects.requireNonNull(keep, "retention");
        Objects.requireNonNull(every, "retention interval");
        if (keep.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("retention must be at least one day, got " + keep);
        }
        if (every.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("retention interval must be at least one minute, got " + every);
        }
        this.retention = keep;
        this.retentionEvery = every;
        return self();
    }

    /** Ledger entries per store batch of a compaction, 1..1,000. Default 500. */
    public B compactionBatch(int entries) {
        this.compactionBatch = requireRange(entries, 1, 1_000, "compactionBatch");
        return self();
    }

    /** First back-off between store attempts (doubles each time). Default 20 ms. */
    public B storeBackoff(Duration backoff) {
        Objects.requireNonNull(backoff, "storeBackoff");
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("storeBackoff must not be negative, got " + backoff);
        }
        this.storeBackoff = backoff;
        return self();
    }

    /**
     * Turns on async mode: {@link Analytics#submit} queues events for a writer thread. Default: off (submit
     * records synchronously). The {@code storeAttempts}/{@code storeBackoff} settings then apply to
     * {@code record}, {@code recordAll} and backfill only; the writer retries per {@code options}.
     */
    public B async(AsyncOptions options) {
        this.async = Objects.requireNonNull(options, "async");
        return self();
    }

    /**
     * Notifications the listener thread may hold, 1..1,000,000; more are dropped and counted. Default 10,000.
     */
    public B listenerQueueCapacity(int notifications) {
        this.listenerQueueCapacity = requireRange(notifications, 1, 1_000_000, "listenerQueueCapacity");
        return self();
    }

    private static int requireRange(int n, int min, int max, String what) {
        if (n < min || n > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + n);
        }
        return n;
    }
}
