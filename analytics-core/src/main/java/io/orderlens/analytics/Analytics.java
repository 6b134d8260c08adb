package io.orderlens.analytics;

import io.orderlens.analytics.calc.CustomerTierPolicy;
import io.orderlens.analytics.calc.FrequencyPolicy;
import io.orderlens.analytics.calc.RatingPolicy;
import io.orderlens.analytics.calc.TimeOfDayPolicy;
import io.orderlens.analytics.internal.Calculators;
import io.orderlens.analytics.internal.Engine;
import io.orderlens.analytics.internal.Lifecycle;
import io.orderlens.analytics.internal.QueryService;
import io.orderlens.analytics.internal.Verifier;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.model.CountingPolicy;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.query.AnalyticsQueries;
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
 * The library's front door: record order events, query analytics. Build one per application with
 * {@link #builder()} and share it; every method is thread-safe.
 *
 * <pre>{@code
 * Analytics analytics = Analytics.builder()
 *         .zone(ZoneId.of("Asia/Kolkata"))
 *         .build();                                   // in-memory store, no cache, count at DELIVERED
 * analytics.record(OrderEvent.placed(order));
 * analytics.record(OrderEvent.delivered(order.orderId(), deliveredAt));
 * analytics.queries().customer("c-42").ifPresent(p -> System.out.println(p.averageOrderValue()));
 * }</pre>
 */
public final class Analytics implements AutoCloseable {
    private final AnalyticsStore store;
    private final AnalyticsCache cache;
    private final ZoneId zone;
    private final Engine engine;
    private final QueryService queries;

    private Analytics(Builder b) {
        this.store = b.store != null ? b.store : new InMemoryAnalyticsStore();
        this.cache = b.cache != null ? b.cache : AnalyticsCache.none();
        this.zone = b.zone;
        Lifecycle lifecycle = new Lifecycle(b.countingPolicy, b.zone, b.currency, b.clock);
        this.engine = new Engine(store, cache, lifecycle, b.listeners, b.maxConflictRounds, b.storeAttempts,
                b.storeBackoff);
        Calculators calc = new Calculators(b.rating, b.frequency, b.timeOfDay, b.tier, b.listeners);
        this.queries = new QueryService(store, cache, calc, b.zone, b.clock, b.topItems, b.topCategories);
        store.recover();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records one event synchronously: when this returns, the effect is in the store and the cache is invalidated.
     * Recording the same event again returns {@link RecordOutcome#DUPLICATE} and changes nothing.
     *
     * @throws InvalidEventException if the event is rejected (nothing is written)
     * @throws StoreException if the store keeps failing; recording the same event again is safe
     * @throws ConcurrentUpdateException if the order kept changing under concurrent writers
     */
    public RecordOutcome record(OrderEvent event) {
        Objects.requireNonNull(event, "event");
        Engine.Result r = engine.process(List.of(event), true).get(0);
        if (r.error() != null) {
            throw r.error();
        }
        return r.outcome();
    }

    /**
     * Records events as one batch (one store write per aggregate kind). Events of the same order apply in list
     * order. All or nothing for bad input: if any event is invalid, an {@link InvalidEventException} naming its index
     * is thrown and nothing is written.
     *
     * @return one outcome per event, in order
     */
    public List<RecordOutcome> recordAll(List<OrderEvent> events) {
        Objects.requireNonNull(events, "events");
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null) {
                throw new InvalidEventException("event " + i + " is null");
            }
        }
        if (events.isEmpty()) {
            return List.of();
        }
        List<RecordOutcome> out = new ArrayList<>(events.size());
        for (Engine.Result r : engine.process(events, true)) {
            if (r.error() != null) {
                throw r.error();
            }
            out.add(r.outcome());
        }
        return out;
    }

    /** The read side. */
    public AnalyticsQueries queries() {
        return queries;
    }

    /** Compares the stored aggregates with a recompute from the ledger; changes nothing. */
    public DriftReport verify() {
        return Verifier.verify(store);
    }

    /**
     * Recomputes every aggregate from the ledger and writes the result in place of the stored aggregates. Run it
     * while no events are being recorded. Returns the drift that was found (and is now repaired).
     */
    public DriftReport rebuild() {
        DriftReport before = Verifier.verify(store);
        store.replaceAggregates(Verifier.recompute(store, new long[1]));
        cache.invalidateAll();
        return before;
    }

    /** Finishes store batches a crash left half-applied; returns how many. Safe to call at any time. */
    public int recover() {
        return store.recover();
    }

    /** The business zone days are bucketed in. */
    public ZoneId zone() {
        return zone;
    }

    /** Closes the cache and the store. */
    @Override
    public void close() {
        try {
            cache.close();
        } catch (Exception e) {
            throw new AnalyticsException("closing the cache failed", e);
        } finally {
            store.close();
        }
    }

    /** Explicit wiring; every setter checks its argument at once. Only {@link #zone} is required. */
    public static final class Builder {
        private AnalyticsStore store;
        private AnalyticsCache cache;
        private ZoneId zone;
        private Clock clock = Clock.systemUTC();
        private CountingPolicy countingPolicy = CountingPolicy.AT_DELIVERED;
        private Currency currency;
        private RatingPolicy rating = RatingPolicy.fourTier();
        private FrequencyPolicy frequency = FrequencyPolicy.perMonth();
        private TimeOfDayPolicy timeOfDay = TimeOfDayPolicy.standard();
        private CustomerTierPolicy tier = CustomerTierPolicy.standard();
        private int topItems = 5;
        private int topCategories = 3;
        private final List<AnalyticsListener> listeners = new ArrayList<>();
        private int maxConflictRounds = 16;
        private int storeAttempts = 3;
        private Duration storeBackoff = Duration.ofMillis(20);

        private Builder() {}

        /** Where ledger and aggregates live. Default: a new {@link InMemoryAnalyticsStore}. */
        public Builder store(AnalyticsStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Read cache. Default: none. */
        public Builder cache(AnalyticsCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Business zone for daily buckets and for time of day of customers without their own zone. Required. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Clock for ledger timestamps and account ages. Default: system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** When orders start to count. Default: {@link CountingPolicy#AT_DELIVERED}. */
        public Builder countingPolicy(CountingPolicy policy) {
            this.countingPolicy = Objects.requireNonNull(policy, "countingPolicy");
            return this;
        }

        /** The only currency accepted; orders and refunds in another are rejected. Default: not enforced. */
        public Builder currency(Currency currency) {
            this.currency = Objects.requireNonNull(currency, "currency");
            return this;
        }

        public Builder ratingPolicy(RatingPolicy policy) {
            this.rating = Objects.requireNonNull(policy, "ratingPolicy");
            return this;
        }

        public Builder frequencyPolicy(FrequencyPolicy policy) {
            this.frequency = Objects.requireNonNull(policy, "frequencyPolicy");
            return this;
        }

        public Builder timeOfDayPolicy(TimeOfDayPolicy policy) {
            this.timeOfDay = Objects.requireNonNull(policy, "timeOfDayPolicy");
            return this;
        }

        public Builder customerTierPolicy(CustomerTierPolicy policy) {
            this.tier = Objects.requireNonNull(policy, "customerTierPolicy");
            return this;
        }

        /** Size of a profile's most-ordered items, 1..100. Default 5. */
        public Builder topItems(int n) {
            this.topItems = requireRange(n, 1, 100, "topItems");
            return this;
        }

        /** Size of a profile's favourite categories, 1..100. Default 3. */
        public Builder topCategories(int n) {
            this.topCategories = requireRange(n, 1, 100, "topCategories");
            return this;
        }

        public Builder listener(AnalyticsListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** How often a failing store write is tried before {@link StoreException} is thrown, 1..20. Default 3. */
        public Builder storeAttempts(int attempts) {
            this.storeAttempts = requireRange(attempts, 1, 20, "storeAttempts");
            return this;
        }

        /** First back-off between store attempts (doubles each time). Default 20 ms. */
        public Builder storeBackoff(Duration backoff) {
            Objects.requireNonNull(backoff, "storeBackoff");
            if (backoff.isNegative()) {
                throw new IllegalArgumentException("storeBackoff must not be negative, got " + backoff);
            }
            this.storeBackoff = backoff;
            return this;
        }

        /**
         * @throws IllegalStateException if no zone was given
         */
        public Analytics build() {
            if (zone == null) {
                throw new IllegalStateException(
                        "zone is required: daily buckets and time of day need an explicit business zone");
            }
            return new Analytics(this);
        }

        private static int requireRange(int n, int min, int max, String what) {
            if (n < min || n > max) {
                throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + n);
            }
            return n;
        }
    }
}
