package io.orderlens.analytics.internal;

import io.orderlens.analytics.funnel.DurationBuckets;
import io.orderlens.analytics.funnel.FunnelQueries;
import io.orderlens.analytics.funnel.FunnelStep;
import io.orderlens.analytics.funnel.LifecycleFunnel;
import io.orderlens.analytics.funnel.StageCount;
import io.orderlens.analytics.funnel.StepDurations;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.analytics.spi.Scan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle funnel, folded from the per-day funnel rows of a date range (one date scan). Thread-safe (stateless
 * apart from its collaborators).
 */
public final class FunnelService implements FunnelQueries {
    private static final List<OrderStatus> STAGES = List.of(
            OrderStatus.PLACED,
            OrderStatus.ACCEPTED,
            OrderStatus.ASSIGNED,
            OrderStatus.OUT_FOR_DELIVERY,
            OrderStatus.DELIVERED);

    private final AnalyticsStore store;
    private final AnalyticsCache cache;
    private final ZoneId zone;
    private final Runnable requireOpen;

    /** @param requireOpen called first by every query; throws {@link IllegalStateException} once closed */
    public FunnelService(AnalyticsStore store, AnalyticsCache cache, ZoneId zone, Runnable requireOpen) {
        this.store = store;
        this.cache = cache;
        this.zone = zone;
        this.requireOpen = requireOpen;
    }

    @Override
    public LifecycleFunnel lifecycle(LocalDate from, LocalDate to) {
        requireOpen.run();
        QueryService.requireRange(from, to);
        return cache.get(
                new CacheRequest<LifecycleFunnel>(
                        "lifecycleFunnel", from + "|" + to, List.of(CacheScope.GLOBAL), LifecycleFunnel.class),
                () -> load(from, to));
    }

    private LifecycleFunnel load(LocalDate from, LocalDate to) {
        FunnelCounters[] total = {new FunnelCounters(from, null, null, null)};
        store.scan(Aggregate.ORDER_FUNNEL, Scan.dates(from, to), row -> total[0] = total[0].plus(row));
        FunnelCounters t = total[0];
        long placed = t.reached().get(OrderStatus.PLACED);
        List<StageCount> stages = new ArrayList<>(STAGES.size());
        long previous = -1;
        for (OrderStatus s : STAGES) {
            long reached = t.reached().get(s);
            stages.add(new StageCount(
                    s,
                    reached,
                    t.canceledAt().get(s),
                    previous < 0 ? null : percent(reached, previous),
                    percent(reached, placed)));
            previous = reached;
        }
        List<StepDurations> steps = new ArrayList<>();
        for (FunnelStep step : FunnelStep.values()) {
            long[] buckets = t.durations().buckets(step);
            long n = 0;
            for (long c : buckets) {
                n += c;
            }
            steps.add(new StepDurations(
                    step, n, percentile(buckets, n, 50), percentile(buckets, n, 90), percentile(buckets, n, 99)));
        }
        return new LifecycleFunnel(from, to, zone.getId(), stages, steps);
    }

    /** {@code part × 100 / whole}, half-up to two decimals; null when {@code whole} is not positive. */
    private static BigDecimal percent(long part, long whole) {
        if (whole <= 0) {
            return null;
        }
        return BigDecimal.valueOf(part)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /**
     * The end of the bucket holding the {@code p}-th percentile by nearest rank (the {@code ceil(p × n / 100)}-th
     * smallest duration); null without durations.
     */
    static Duration percentile(long[] buckets, long n, int p) {
        if (n <= 0) {
            return null;
        }
        long rank = Math.max(1, (p * n + 99) / 100);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return DurationBuckets.upperBound(i);
            }
        }
        return DurationBuckets.upperBound(buckets.length - 1);
    }
}
