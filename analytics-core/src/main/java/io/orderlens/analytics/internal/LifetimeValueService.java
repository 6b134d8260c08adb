package io.orderlens.analytics.internal;

import io.orderlens.analytics.clv.BgNbd;
import io.orderlens.analytics.clv.BgNbdParameters;
import io.orderlens.analytics.clv.ClvModel;
import io.orderlens.analytics.clv.ClvOptions;
import io.orderlens.analytics.clv.CustomerValue;
import io.orderlens.analytics.clv.FitStatus;
import io.orderlens.analytics.clv.GammaGamma;
import io.orderlens.analytics.clv.GammaGammaParameters;
import io.orderlens.analytics.clv.LifetimeValues;
import io.orderlens.analytics.clv.ModelFit;
import io.orderlens.analytics.clv.PurchaseSummary;
import io.orderlens.analytics.model.Checks;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.Scan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LifetimeValues} over the store's customer purchase days ({@link Aggregate#CUSTOMER_DAYS}). A customer's
 * history as of a day D comes from their rows of days ≤ D with at least one counted order: the purchase days. With
 * the first purchase day F, the last L and n purchase days, x = n − 1, t_x = (L − F) days / 7 and T = (D − F) days / 7
 * (weeks, as the CDNOW calibration data); several orders of one day are one purchase, and a purchase's value is the
 * day's net value (its orders net of their refunds and cancels; a refund not linked to an order counts on its refund
 * day, which it makes no purchase day of). The mean repeat value is the net value of the days
 * after F, over x: the first purchase's value is left out, as the Gamma-Gamma model requires. Fits are cached per
 * day and shared by concurrent callers; thread-safe.
 */
public final class LifetimeValueService implements LifetimeValues, AutoCloseable {
    /** Weeks per month of 365.25/12 days. */
    static final double WEEKS_PER_MONTH = 365.25 / 12 / 7;

    private static final int MAX_TOP = 10_000;
    /** Fitted days kept; the least recently fitted beyond it is forgotten. */
    private static final int CACHED_DAYS = 32;

    private static final Logger log = LoggerFactory.getLogger(LifetimeValueService.class);

    private final AnalyticsStore store;
    private final ZoneId zone;
    private final Clock clock;
    private final ClvOptions options;
    private final Runnable requireOpen;
    private final Map<LocalDate, CompletableFuture<ClvModel>> fits = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    public LifetimeValueService(
            AnalyticsStore store, ZoneId zone, Clock clock, ClvOptions options, Runnable requireOpen, String name) {
        this.store = store;
        this.zone = zone;
        this.clock = clock;
        this.options = options;
        this.requireOpen = requireOpen;
        if (options.refitEvery().isZero()) {
            this.scheduler = null;
        } else {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            long period = options.refitEvery().toMillis();
            scheduler.scheduleWithFixedDelay(this::refitToday, 0, Math.max(1, period), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public ClvOptions options() {
        return options;
    }

    @Override
    public ClvModel model(LocalDate asOf) {
        requireOpen.run();
        checkDate(asOf);
        return model(asOf, false);
    }

    @Override
    public Optional<CustomerValue> of(String customerId, LocalDate asOf) {
        requireOpen.run();
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId must not be null or blank, got " + quote(customerId));
        }
        checkDate(asOf);
        History history = new History();
        store.scan(Aggregate.CUSTOMER_DAYS, Scan.partition(customerId), row -> history.add(row, asOf));
        if (history.days == 0) {
            return Optional.empty();
        }
        return Optional.of(value(customerId, history, asOf, model(asOf, false)));
    }

    @Override
    public List<CustomerValue> top(int limit, LocalDate asOf) {
        requireOpen.run();
        if (limit < 1 || limit > MAX_TOP) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_TOP + ", got " + limit);
        }
        checkDate(asOf);
        ClvModel model = model(asOf, false);
        if (!model.usable()) {
            return List.of();
        }
        Comparator<CustomerValue> order = Comparator.comparing(
                        (CustomerValue v) -> v.predicted().value())
                .reversed()
                .thenComparing(CustomerValue::customerId);
        PriorityQueue<CustomerValue> best = new PriorityQueue<>(limit + 1, order.reversed());
        histories(asOf).forEach((customerId, history) -> {
            CustomerValue v = value(customerId, history, asOf, model);
            if (v.predicted() != null) {
                best.add(v);
                if (best.size() > limit) {
                    best.poll();
                }
            }
        });
        List<CustomerValue> out = new ArrayList<>(best);
        out.sort(order);
        return List.copyOf(out);
    }

    /**
     * Every customer's predictions as of {@code asOf} (customers with a counted order placed up to that day), by
     * customer id; empty when the model as of that day is not usable, and without customers whose prediction is not
     * finite. One scan of the purchase days, after the model of the day (fitted once and cached).
     */
    Map<String, CustomerValue.Prediction> predictions(LocalDate asOf) {
        ClvModel model = model(asOf, false);
        if (!model.usable()) {
            return Map.of();
        }
        Map<String, CustomerValue.Prediction> out = new HashMap<>();
        histories(asOf).forEach((customerId, history) -> {
            CustomerValue.Prediction p = predict(
                    history.summary(asOf),
                    model.purchases().parameters().orElseThrow(),
                    model.spend().parameters().orElseThrow());
            if (p != null) {
                out.put(customerId, p);
            }
        });
        return out;
    }

    @Override
    public void forEach(LocalDate asOf, Consumer<? super CustomerValue> visitor) {
        requireOpen.run();
        checkDate(asOf);
        if (visitor == null) {
            throw new IllegalArgumentException("visitor must not be null");
        }
        ClvModel model = model(asOf, false);
        histories(asOf).forEach((customerId, history) -> visitor.accept(value(customerId, history, asOf, model)));
    }

    /** Stops the scheduled refits; a fit in progress is interrupted at its next store read. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void refitToday() {
        try {
            model(LocalDate.now(clock.withZone(zone)), true);
        } catch (RuntimeException e) {
            log.warn(
                    "the scheduled lifetime-value fit failed; the next one is in {}: {}",
                    options.refitEvery(),
                    e.toString());
        }
    }

    /** The cached model of {@code asOf} if fresh (or being fitted), else a new fit; {@code force} always refits. */
    private ClvModel model(LocalDate asOf, boolean force) {
        while (true) {
            CompletableFuture<ClvModel> current = fits.get(asOf);
            if (current != null && !force && (!current.isDone() || fresh(current))) {
                return await(current);
            }
            CompletableFuture<ClvModel> mine = new CompletableFuture<>();
            boolean won = current == null ? fits.putIfAbsent(asOf, mine) == null : fits.replace(asOf, current, mine);
            if (!won) {
                continue;
            }
            try {
                ClvModel fitted = fit(asOf);
                mine.complete(fitted);
                forgetOldest();
                return fitted;
            } catch (RuntimeException | Error e) {
                fits.remove(asOf, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
    }

    private boolean fresh(CompletableFuture<ClvModel> done) {
        if (done.isCompletedExceptionally()) {
            return false;
        }
        ClvModel m = done.join();
        return !clock.instant().isAfter(m.fittedAt().plus(options.modelMaxAge()))
                && !options.modelMaxAge().isZero();
    }

    private static ClvModel await(CompletableFuture<ClvModel> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void forgetOldest() {
        while (fits.size() > CACHED_DAYS) {
            LocalDate oldest = null;
            java.time.Instant oldestAt = null;
            for (Map.Entry<LocalDate, CompletableFuture<ClvModel>> e : fits.entrySet()) {
                CompletableFuture<ClvModel> f = e.getValue();
                if (f.isDone() && !f.isCompletedExceptionally()) {
                    java.time.Instant at = f.join().fittedAt();
                    if (oldestAt == null || at.isBefore(oldestAt)) {
                        oldest = e.getKey();
                        oldestAt = at;
                    }
                }
            }
            if (oldest == null) {
                return;
            }
            fits.remove(oldest);
        }
    }

    private ClvModel fit(LocalDate asOf) {
        long start = System.nanoTime();
        Map<String, History> histories = histories(asOf);
        List<PurchaseSummary> summaries = new ArrayList<>(histories.size());
        histories.values().forEach(h -> summaries.add(h.summary(asOf)));
        ModelFit<BgNbdParameters> purchases = BgNbd.fit(summaries);
        ModelFit<GammaGammaParameters> spend = GammaGamma.fit(summaries);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!purchases.converged() || !spend.converged()) {
            log.debug(
                    "lifetime-value models as of {} not usable: purchases {} ({}), spend {} ({})",
                    asOf,
                    purchases.status(),
                    purchases.message(),
                    spend.status(),
                    spend.message());
        }
        return new ClvModel(asOf, purchases, spend, clock.instant(), millis);
    }

    /** Every customer's purchase days up to {@code asOf}, by customer id (customers without any left out). */
    private Map<String, History> histories(LocalDate asOf) {
        Map<String, History> out = new HashMap<>();
        store.scan(Aggregate.CUSTOMER_DAYS, Scan.all(), row -> {
            if (row.orders() > 0 && !row.date().isAfter(asOf)) {
                out.computeIfAbsent(row.customerId(), k -> new History()).add(row, asOf);
            }
        });
        return out;
    }

    private CustomerValue value(String customerId, History h, LocalDate asOf, ClvModel model) {
        PurchaseSummary summary = h.summary(asOf);
        long daysSinceFirst = ChronoUnit.DAYS.between(h.first, asOf);
        BigDecimal net = BigDecimal.valueOf(h.spent, MoneyUnits.SCALE);
        BigDecimal historic = net.multiply(BigDecimal.valueOf(30L * options.expectedLifetimeMonths()))
                .divide(BigDecimal.valueOf(Math.max(30, daysSinceFirst)), MoneyUnits.SCALE, RoundingMode.HALF_EVEN);
        FitStatus status = !model.purchases().converged()
                ? model.purchases().status()
                : model.spend().status();
        CustomerValue.Prediction prediction = model.usable()
                ? predict(
                        summary,
                        model.purchases().parameters().orElseThrow(),
                        model.spend().parameters().orElseThrow())
                : null;
        return new CustomerValue(
                customerId, asOf, summary, h.orders, MoneyUnits.toAmount(h.spent), historic, status, prediction);
    }

    /** The predictions of the two models for one history; null where a formula does not apply (not finite). */
    private CustomerValue.Prediction predict(PurchaseSummary h, BgNbdParameters bg, GammaGammaParameters gg) {
        double alive = bg.probabilityAlive(h);
        double average = gg.expectedAverageValue(
                h.repeatPurchases(), Math.max(0, h.meanRepeatValue().doubleValue()));
        double discount = 1 + options.monthlyDiscountRate().doubleValue();
        double value = 0;
        double previous = 0;
        double factor = 1;
        for (int month = 1; month <= options.horizonMonths(); month++) {
            double expected = bg.expectedPurchases(h, month * WEEKS_PER_MONTH);
            factor /= discount;
            value += average * (expected - previous) * factor;
            previous = expected;
        }
        if (!Double.isFinite(alive) || !Double.isFinite(average) || !Double.isFinite(value)) {
            return null;
        }
        return new CustomerValue.Prediction(alive, previous, money(average), money(value));
    }

    private static BigDecimal money(double estimate) {
        return BigDecimal.valueOf(estimate).setScale(MoneyUnits.SCALE, RoundingMode.HALF_EVEN);
    }

    private static void checkDate(LocalDate asOf) {
        if (asOf == null) {
            throw new IllegalArgumentException("asOf must not be null");
        }
        if (asOf.isBefore(Checks.MIN_DATE) || asOf.isAfter(Checks.MAX_DATE)) {
            throw new IllegalArgumentException("asOf must be in " + Checks.MIN_DATE + ".." + Checks.MAX_DATE
                    + " (the days of the supported instants in any zone), got " + asOf);
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    /** One customer's purchase days up to a day, folded. Not thread-safe. */
    static final class History {
        LocalDate first;
        LocalDate last;
        long firstSpent;
        long spent;
        long orders;
        long days;

        void add(CustomerDayCounters row, LocalDate asOf) {
            if (row.orders() <= 0 || row.date().isAfter(asOf)) {
                return;
            }
            days++;
            orders += row.orders();
            spent += row.netRevenue();
            if (first == null || row.date().isBefore(first)) {
                first = row.date();
                firstSpent = row.netRevenue();
            }
            if (last == null || row.date().isAfter(last)) {
                last = row.date();
            }
        }

        PurchaseSummary summary(LocalDate asOf) {
            long x = days - 1;
            double recency = ChronoUnit.DAYS.between(first, last) / 7.0;
            double age = ChronoUnit.DAYS.between(first, asOf) / 7.0;
            BigDecimal mean = x == 0
                    ? BigDecimal.ZERO
                    : BigDecimal.valueOf(spent - firstSpent, MoneyUnits.SCALE)
                            .divide(BigDecimal.valueOf(x), MoneyUnits.SCALE, RoundingMode.HALF_EVEN);
            return new PurchaseSummary(x, recency, age, mean);
        }
    }
}
