package io.orderlens.analytics.internal;

import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.period.CategoryBucket;
import io.orderlens.analytics.period.CategoryMetric;
import io.orderlens.analytics.period.CategorySeries;
import io.orderlens.analytics.period.CategoryTotals;
import io.orderlens.analytics.period.Change;
import io.orderlens.analytics.period.CustomerBucket;
import io.orderlens.analytics.period.CustomerSeries;
import io.orderlens.analytics.period.Granularity;
import io.orderlens.analytics.period.Metric;
import io.orderlens.analytics.period.MetricSummary;
import io.orderlens.analytics.period.PeriodBucket;
import io.orderlens.analytics.period.PeriodQueries;
import io.orderlens.analytics.period.PeriodSeries;
import io.orderlens.analytics.period.PeriodTotals;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.DayCategoryCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StatusCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Series by period, folded from the stored day counters (new customers included): one date scan over the days of the
 * series and the periods its changes compare with; by category from one date scan of the day × category counters;
 * new and returning customers from one scan of every customer × day row. Thread-safe (stateless apart from its
 * collaborators).
 */
public final class PeriodService implements PeriodQueries {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MEAN_SCALE = 4;
    private static final int PERCENT_SCALE = 2;

    private final AnalyticsStore store;
    private final AnalyticsCache cache;
    private final ZoneId zone;
    private final Runnable requireOpen;

    /** @param requireOpen called first by every query; throws {@link IllegalStateException} once closed */
    public PeriodService(AnalyticsStore store, AnalyticsCache cache, ZoneId zone, Runnable requireOpen) {
        this.store = store;
        this.cache = cache;
        this.zone = zone;
        this.requireOpen = requireOpen;
    }

    @Override
    public PeriodSeries series(Granularity granularity, LocalDate from, LocalDate to) {
        requireOpen.run();
        check(granularity, from, to);
        return cache.get(
                new CacheRequest<PeriodSeries>(
                        "periodSeries",
                        granularity + "|" + from + "|" + to,
                        List.of(CacheScope.GLOBAL),
                        PeriodSeries.class),
                () -> load(granularity, from, to));
    }

    /** The first days of the whole periods of {@code g} that overlap {@code [from, to]}, in order. */
    private static List<LocalDate> starts(Granularity g, LocalDate from, LocalDate to) {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate s = g.startOf(from); !s.isAfter(to); s = g.nextStart(s)) {
            starts.add(s);
        }
        return starts;
    }

    /** The last day of the last of {@code starts}. */
    private static LocalDate lastDay(Granularity g, List<LocalDate> starts) {
        return g.nextStart(starts.get(starts.size() - 1)).minusDays(1);
    }

    /** The first day a series of {@code starts} reads: its changes compare with the bucket before and a year back. */
    private static LocalDate readFrom(Granularity g, List<LocalDate> starts) {
        LocalDate readFrom = g.previousStart(starts.get(0));
        for (LocalDate s : starts) {
            Optional<LocalDate> earlier = g.sameBucketAYearEarlier(s);
            if (earlier.isPresent() && earlier.get().isBefore(readFrom)) {
                readFrom = earlier.get();
            }
        }
        return readFrom;
    }

    private PeriodSeries load(Granularity g, LocalDate from, LocalDate to) {
        List<LocalDate> starts = starts(g, from, to);
        LocalDate first = starts.get(0);
        LocalDate last = lastDay(g, starts);
        LocalDate readFrom = readFrom(g, starts);

        Map<LocalDate, DayCounters> byBucket = new HashMap<>();
        store.scan(
                Aggregate.DAYS,
                Scan.dates(readFrom, last),
                d -> byBucket.merge(g.startOf(d.date()), d, DayCounters::plus));

        Map<LocalDate, PeriodTotals> memo = new HashMap<>();
        Function<LocalDate, PeriodTotals> totalsOf = start -> memo.computeIfAbsent(start, x -> totals(byBucket, x));
        List<PeriodBucket> buckets = new ArrayList<>(starts.size());
        for (LocalDate s : starts) {
            PeriodTotals totals = totalsOf.apply(s);
            PeriodTotals previous = totalsOf.apply(g.previousStart(s));
            PeriodTotals yearEarlier = g.sameBucketAYearEarlier(s).map(totalsOf).orElse(null);
            buckets.add(new PeriodBucket(
                    g.label(s),
                    s,
                    g.nextStart(s).minusDays(1),
                    totals,
                    previous,
                    yearEarlier,
                    changes(totals, previous),
                    yearEarlier == null ? Map.of() : changes(totals, yearEarlier)));
        }
        return new PeriodSeries(g, zone.getId(), first, last, buckets, summary(buckets));
    }

    @Override
    public CategorySeries byCategory(Granularity granularity, LocalDate from, LocalDate to) {
        requireOpen.run();
        check(granularity, from, to);
        return cache.get(
                new CacheRequest<CategorySeries>(
                        "periodCategories",
                        granularity + "|" + from + "|" + to,
                        List.of(CacheScope.GLOBAL),
                        CategorySeries.class),
                () -> loadCategories(granularity, from, to));
    }

    @Override
    public CustomerSeries newAndReturning(Granularity granularity, LocalDate from, LocalDate to) {
        requireOpen.run();
        check(granularity, from, to);
        return cache.get(
                new CacheRequest<CustomerSeries>(
                        "periodCustomers",
                        granularity + "|" + from + "|" + to,
                        List.of(CacheScope.GLOBAL),
                        CustomerSeries.class),
                () -> loadCustomers(granularity, from, to));
    }

    private static void check(Granularity granularity, LocalDate from, LocalDate to) {
        if (granularity == null) {
            throw new IllegalArgumentException("granularity must not be null");
        }
        QueryService.requireRange(from, to);
    }

    private CategorySeries loadCategories(Granularity g, LocalDate from, LocalDate to) {
        List<LocalDate> starts = starts(g, from, to);
        LocalDate first = starts.get(0);
        LocalDate last = lastDay(g, starts);
        // bucket start → category → summed row
        Map<LocalDate, Map<String, DayCategoryCounters>> byBucket = new HashMap<>();
        Map<String, Long> netInSeries = new HashMap<>();
        store.scan(Aggregate.DAY_CATEGORIES, Scan.dates(readFrom(g, starts), last), r -> {
            LocalDate start = g.startOf(r.date());
            byBucket.computeIfAbsent(start, k -> new HashMap<>()).merge(r.category(), r, DayCategoryCounters::plus);
            if (!start.isBefore(first) && !r.isZero()) {
                netInSeries.merge(r.category(), r.grossRevenue() - r.refundedAmount(), Long::sum);
            }
        });
        List<String> categories = new ArrayList<>(netInSeries.keySet());
        categories.sort(Comparator.comparing((String c) -> netInSeries.get(c))
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
        List<CategoryBucket> rows = new ArrayList<>(starts.size() * categories.size());
        for (LocalDate s : starts) {
            Optional<LocalDate> earlier = g.sameBucketAYearEarlier(s);
            for (String category : categories) {
                CategoryTotals totals = categoryTotals(byBucket, s, category);
                CategoryTotals previous = categoryTotals(byBucket, g.previousStart(s), category);
                CategoryTotals yearEarlier =
                        earlier.map(e -> categoryTotals(byBucket, e, category)).orElse(null);
                rows.add(new CategoryBucket(
                        g.label(s),
                        s,
                        g.nextStart(s).minusDays(1),
                        category,
                        totals,
                        previous,
                        yearEarlier,
                        categoryChanges(totals, previous),
                        yearEarlier == null ? Map.of() : categoryChanges(totals, yearEarlier)));
            }
        }
        return new CategorySeries(g, zone.getId(), first, last, categories, rows);
    }

    private static CategoryTotals categoryTotals(
            Map<LocalDate, Map<String, DayCategoryCounters>> byBucket, LocalDate start, String category) {
        DayCategoryCounters c = byBucket.getOrDefault(start, Map.of()).get(category);
        if (c == null) {
            c = new DayCategoryCounters(start, category, 0, 0, 0, 0, 0);
        }
        return new CategoryTotals(
                c.orders(),
                c.units(),
                MoneyUnits.toAmount(c.grossRevenue()),
                c.refundedUnits(),
                MoneyUnits.toAmount(c.refundedAmount()),
                MoneyUnits.toAmount(c.grossRevenue() - c.refundedAmount()));
    }

    private static Map<CategoryMetric, Change> categoryChanges(CategoryTotals now, CategoryTotals base) {
        Map<CategoryMetric, Change> out = new EnumMap<>(CategoryMetric.class);
        for (CategoryMetric m : CategoryMetric.values()) {
            out.put(m, change(now.value(m), base.value(m)));
        }
        return out;
    }

    /** One customer while the customer × day rows are folded: the first counted order and the buckets ordered in. */
    private static final class Activity {
        long firstOrderDay = Long.MAX_VALUE;
        int[] buckets = new int[2];
        int size;

        void orderedIn(int bucket) {
            for (int i = 0; i < size; i++) {
                if (buckets[i] == bucket) {
                    return;
                }
            }
            if (size == buckets.length) {
                buckets = Arrays.copyOf(buckets, size * 2);
            }
            buckets[size++] = bucket;
        }
    }

    private CustomerSeries loadCustomers(Granularity g, LocalDate from, LocalDate to) {
        List<LocalDate> starts = starts(g, from, to);
        LocalDate first = starts.get(0);
        LocalDate last = lastDay(g, starts);
        Map<LocalDate, Integer> index = new HashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            index.put(starts.get(i), i);
        }
        Map<String, Activity> customers = new HashMap<>();
        store.scan(Aggregate.CUSTOMER_DAYS, Scan.all(), r -> {
            if (r.orders() <= 0) {
                return;
            }
            Activity a = customers.computeIfAbsent(r.customerId(), k -> new Activity());
            a.firstOrderDay = Math.min(a.firstOrderDay, r.date().toEpochDay());
            if (!r.date().isBefore(first) && !r.date().isAfter(last)) {
                a.orderedIn(index.get(g.startOf(r.date())));
            }
        });
        long[] fresh = new long[starts.size()];
        long[] returning = new long[starts.size()];
        for (Activity a : customers.values()) {
            LocalDate firstOrder = LocalDate.ofEpochDay(a.firstOrderDay);
            LocalDate firstBucket = g.startOf(firstOrder);
            for (int i = 0; i < a.size; i++) {
                int b = a.buckets[i];
                if (starts.get(b).equals(firstBucket)) {
                    fresh[b]++;
                } else {
                    returning[b]++;
                }
            }
        }
        List<CustomerBucket> buckets = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            LocalDate s = starts.get(i);
            buckets.add(new CustomerBucket(g.label(s), s, g.nextStart(s).minusDays(1), fresh[i], returning[i]));
        }
        return new CustomerSeries(g, zone.getId(), first, last, buckets);
    }

    private static PeriodTotals totals(Map<LocalDate, DayCounters> byBucket, LocalDate s) {
        DayCounters c = byBucket.getOrDefault(s, new DayCounters(s, 0, 0, 0, 0, 0, StatusCounts.EMPTY));
        return new PeriodTotals(
                c.orders(),
                MoneyUnits.toAmount(c.grossRevenue()),
                c.items(),
                c.refunds(),
                MoneyUnits.toAmount(c.refundedAmount()),
                MoneyUnits.toAmount(c.grossRevenue() - c.refundedAmount()),
                c.newCustomers(),
                c.statuses().get(OrderStatus.CANCELED),
                QueryService.average(c.grossRevenue(), c.orders()),
                c.statuses().asMap());
    }

    private static Map<Metric, Change> changes(PeriodTotals now, PeriodTotals base) {
        Map<Metric, Change> out = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            out.put(m, change(now.value(m), base.value(m)));
        }
        return out;
    }

    /** The change from {@code base} to {@code now}; the percentage is undefined (null) when the base is zero. */
    static Change change(BigDecimal now, BigDecimal base) {
        BigDecimal absolute = now.subtract(base);
        BigDecimal percent = base.signum() == 0
                ? null
                : absolute.multiply(HUNDRED).divide(base.abs(), PERCENT_SCALE, RoundingMode.HALF_UP);
        return new Change(absolute, percent);
    }

    private static Map<Metric, MetricSummary> summary(List<PeriodBucket> buckets) {
        Map<Metric, MetricSummary> out = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            BigDecimal sum = BigDecimal.ZERO;
            PeriodBucket min = null;
            PeriodBucket max = null;
            for (PeriodBucket b : buckets) {
                BigDecimal v = b.totals().value(m);
                sum = sum.add(v);
                if (min == null || v.compareTo(min.totals().value(m)) < 0) {
                    min = b;
                }
                if (max == null || v.compareTo(max.totals().value(m)) > 0) {
                    max = b;
                }
            }
            BigDecimal mean = sum.divide(BigDecimal.valueOf(buckets.size()), MEAN_SCALE, RoundingMode.HALF_UP);
            out.put(
                    m,
                    new MetricSummary(
                            m,
                            sum,
                            mean,
                            min.totals().value(m),
                            min.label(),
                            max.totals().value(m),
                            max.label()));
        }
        return out;
    }
}
