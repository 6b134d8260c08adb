package io.orderlens.analytics.internal;

import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.period.Change;
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
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.Scan;
import io.orderlens.analytics.spi.StatusCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Series by period, folded from the stored day counters (new customers included): one date scan over the days of the
 * series and the periods its changes compare with. Thread-safe (stateless apart from its collaborators).
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
        if (granularity == null) {
            throw new IllegalArgumentException("granularity must not be null");
        }
        QueryService.requireRange(from, to);
        return cache.get(
                new CacheRequest<PeriodSeries>(
                        "periodSeries",
                        granularity + "|" + from + "|" + to,
                        List.of(CacheScope.GLOBAL),
                        PeriodSeries.class),
                () -> load(granularity, from, to));
    }

    private PeriodSeries load(Granularity g, LocalDate from, LocalDate to) {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate s = g.startOf(from); !s.isAfter(to); s = g.nextStart(s)) {
            starts.add(s);
        }
        LocalDate first = starts.get(0);
        LocalDate last = g.nextStart(starts.get(starts.size() - 1)).minusDays(1);
        LocalDate readFrom = g.previousStart(first);
        for (LocalDate s : starts) {
            Optional<LocalDate> earlier = g.sameBucketAYearEarlier(s);
            if (earlier.isPresent() && earlier.get().isBefore(readFrom)) {
                readFrom = earlier.get();
            }
        }

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
