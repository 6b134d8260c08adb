package io.orderlens.analytics.internal;

import io.orderlens.analytics.cohort.AcquisitionCohort;
import io.orderlens.analytics.cohort.AcquisitionFunnel;
import io.orderlens.analytics.cohort.Cohort;
import io.orderlens.analytics.cohort.CohortCell;
import io.orderlens.analytics.cohort.CohortPeriod;
import io.orderlens.analytics.cohort.CohortTable;
import io.orderlens.analytics.cohort.Cohorts;
import io.orderlens.analytics.cohort.FunnelStep;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.Scan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cohort queries, folded in core from one scan of the customer × day counters (and, for the funnel, one of the
 * customer counters for account-creation times). The fold holds the scanned rows grouped by customer while it runs;
 * its result is cached under the global scope, which every applied batch invalidates. Thread-safe.
 */
public final class CohortService implements Cohorts {
    /** Steps of the acquisition funnel: the first, second and third counted order. */
    static final int FUNNEL_STEPS = 3;

    private final AnalyticsStore store;
    private final AnalyticsCache cache;
    private final ZoneId zone;
    private final Runnable requireOpen;

    /**
     * @param zone        the business zone (account-creation instants become days in it)
     * @param requireOpen called first by every query; throws {@link IllegalStateException} once closed
     */
    public CohortService(AnalyticsStore store, AnalyticsCache cache, ZoneId zone, Runnable requireOpen) {
        this.store = store;
        this.cache = cache;
        this.zone = zone;
        this.requireOpen = requireOpen;
    }

    @Override
    public CohortTable retention(CohortPeriod period, LocalDate from, LocalDate to) {
        requireOpen.run();
        check(period, from, to);
        return cache.get(
                new CacheRequest<>(
                        "cohortRetention", params(period, from, to), List.of(CacheScope.GLOBAL), CohortTable.class),
                () -> foldRetention(period, from, to));
    }

    @Override
    public AcquisitionFunnel acquisitionFunnel(CohortPeriod period, LocalDate from, LocalDate to) {
        requireOpen.run();
        check(period, from, to);
        return cache.get(
                new CacheRequest<>(
                        "acquisitionFunnel",
                        params(period, from, to),
                        List.of(CacheScope.GLOBAL),
                        AcquisitionFunnel.class),
                () -> foldFunnel(period, from, to));
    }

    private static void check(CohortPeriod period, LocalDate from, LocalDate to) {
        if (period == null) {
            throw new IllegalArgumentException("period must not be null (MONTH or WEEK)");
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to must not be null, got " + from + ".." + to);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    private static String params(CohortPeriod period, LocalDate from, LocalDate to) {
        return period + "|" + from + "|" + to;
    }

    /** Every customer × day row, grouped by customer. */
    private Map<String, List<CustomerDayCounters>> daysByCustomer() {
        Map<String, List<CustomerDayCounters>> out = new HashMap<>();
        store.scan(
                Aggregate.CUSTOMER_DAYS,
                Scan.all(),
                row -> out.computeIfAbsent(row.customerId(), k -> new ArrayList<>(4))
                        .add(row));
        return out;
    }

    // ----- retention -----

    /** One cohort while it is folded: its size and, per offset, active customers and net revenue. */
    private static final class CohortSums {
        long size;
        final TreeMap<Long, long[]> byOffset = new TreeMap<>();
    }

    private CohortTable foldRetention(CohortPeriod period, LocalDate from, LocalDate to) {
        LocalDate first = period.startOf(from);
        LocalDate last = period.startOf(to);
        LocalDate latest = null;
        TreeMap<LocalDate, CohortSums> cohorts = new TreeMap<>();
        for (List<CustomerDayCounters> rows : daysByCustomer().values()) {
            LocalDate firstOrder = null;
            for (CustomerDayCounters r : rows) {
                if (r.orders() > 0) {
                    if (firstOrder == null || r.date().isBefore(firstOrder)) {
                        firstOrder = r.date();
                    }
                    if (latest == null || r.date().isAfter(latest)) {
                        latest = r.date();
                    }
                }
            }
            if (firstOrder == null) {
                continue;
            }
            LocalDate cohort = period.startOf(firstOrder);
            if (cohort.isBefore(first) || cohort.isAfter(last)) {
                continue;
            }
            // this customer's orders and net revenue per offset, then one active customer per offset with orders
            Map<Long, long[]> own = new HashMap<>();
            for (CustomerDayCounters r : rows) {
                long offset = period.between(cohort, r.date());
                if (offset >= 0) {
                    long[] sums = own.computeIfAbsent(offset, k -> new long[2]);
                    sums[0] += r.orders();
                    sums[1] += r.netRevenue();
                }
            }
            CohortSums sums = cohorts.computeIfAbsent(cohort, k -> new CohortSums());
            sums.size++;
            own.forEach((offset, s) -> {
                long[] cell = sums.byOffset.computeIfAbsent(offset, k -> new long[2]);
                cell[0] += s[0] > 0 ? 1 : 0;
                cell[1] += s[1];
            });
        }
        LocalDate latestPeriod = latest == null ? null : period.startOf(latest);
        List<Cohort> out = new ArrayList<>(cohorts.size());
        for (Map.Entry<LocalDate, CohortSums> c : cohorts.entrySet()) {
            LocalDate start = c.getKey();
            CohortSums sums = c.getValue();
            long lastOffset = period.between(start, latestPeriod);
            List<CohortCell> cells = new ArrayList<>((int) lastOffset + 1);
            long cumulative = 0;
            for (long k = 0; k <= lastOffset; k++) {
                long[] cell = sums.byOffset.getOrDefault(k, new long[2]);
                cumulative += cell[1];
                cells.add(new CohortCell(
                        (int) k,
                        period.plus(start, k),
                        cell[0],
                        fraction(cell[0], sums.size),
                        MoneyUnits.toAmount(cell[1]),
                        MoneyUnits.toAmount(cumulative)));
            }
            out.add(new Cohort(period.label(start), start, sums.size, cells));
        }
        return new CohortTable(period, from, to, latestPeriod, out);
    }

    // ----- acquisition funnel -----

    /** One start period while it is folded: customers, and per step its customers and day histograms. */
    private static final class FunnelSums {
        long customers;
        final long[] reached = new long[FUNNEL_STEPS];
        final List<TreeMap<Long, Long>> fromStart = histograms();
        final List<TreeMap<Long, Long>> fromPrevious = histograms();

        private static List<TreeMap<Long, Long>> histograms() {
            List<TreeMap<Long, Long>> h = new ArrayList<>(FUNNEL_STEPS);
            for (int i = 0; i < FUNNEL_STEPS; i++) {
                h.add(new TreeMap<>());
            }
            return h;
        }

        void add(LocalDate start, LocalDate[] orderDays) {
            customers++;
            LocalDate previous = start;
            for (int i = 0; i < FUNNEL_STEPS && orderDays[i] != null; i++) {
                reached[i]++;
                fromStart.get(i).merge(ChronoUnit.DAYS.between(start, orderDays[i]), 1L, Long::sum);
                fromPrevious.get(i).merge(ChronoUnit.DAYS.between(previous, orderDays[i]), 1L, Long::sum);
                previous = orderDays[i];
            }
        }

        AcquisitionCohort toCohort(String label, LocalDate start) {
            List<FunnelStep> steps = new ArrayList<>(FUNNEL_STEPS);
            long before = customers;
            for (int i = 0; i < FUNNEL_STEPS; i++) {
                steps.add(new FunnelStep(
                        i + 1,
                        reached[i],
                        fraction(reached[i], before),
                        median(fromStart.get(i), reached[i]),
                        median(fromPrevious.get(i), reached[i])));
                before = reached[i];
            }
            return new AcquisitionCohort(label, start, customers, steps);
        }
    }

    private AcquisitionFunnel foldFunnel(CohortPeriod period, LocalDate from, LocalDate to) {
        LocalDate first = period.startOf(from);
        LocalDate last = period.startOf(to);
        Map<String, Instant> created = new HashMap<>();
        store.scan(Aggregate.CUSTOMERS, Scan.all(), c -> {
            if (c.accountCreatedAt() != null) {
                created.put(c.customerId(), c.accountCreatedAt());
            }
        });
        TreeMap<LocalDate, FunnelSums> byStart = new TreeMap<>();
        FunnelSums total = new FunnelSums();
        for (Map.Entry<String, List<CustomerDayCounters>> e : daysByCustomer().entrySet()) {
            List<CustomerDayCounters> rows = e.getValue();
            LocalDate seen = null;
            for (CustomerDayCounters r : rows) {
                if (r.placed() > 0 && (seen == null || r.date().isBefore(seen))) {
                    seen = r.date();
                }
            }
            if (seen == null) {
                continue;
            }
            Instant createdAt = created.get(e.getKey());
            LocalDate start = seen;
            if (createdAt != null) {
                LocalDate createdDay = LocalDate.ofInstant(createdAt, zone);
                start = createdDay.isBefore(seen) ? createdDay : seen;
            }
            LocalDate startPeriod = period.startOf(start);
            if (startPeriod.isBefore(first) || startPeriod.isAfter(last)) {
                continue;
            }
            LocalDate[] orderDays = firstOrderDays(rows);
            byStart.computeIfAbsent(startPeriod, k -> new FunnelSums()).add(start, orderDays);
            total.add(start, orderDays);
        }
        List<AcquisitionCohort> cohorts = new ArrayList<>(byStart.size());
        byStart.forEach((start, sums) -> cohorts.add(sums.toCohort(period.label(start), start)));
        return new AcquisitionFunnel(period, from, to, cohorts, total.toCohort("total", first));
    }

    /** The days of a customer's first {@value #FUNNEL_STEPS} counted orders (null where there are fewer). */
    private static LocalDate[] firstOrderDays(List<CustomerDayCounters> rows) {
        List<CustomerDayCounters> counted = new ArrayList<>(rows.size());
        for (CustomerDayCounters r : rows) {
            if (r.orders() > 0) {
                counted.add(r);
            }
        }
        counted.sort(Comparator.comparing(CustomerDayCounters::date));
        LocalDate[] days = new LocalDate[FUNNEL_STEPS];
        int n = 0;
        for (CustomerDayCounters r : counted) {
            for (long i = 0; i < r.orders() && n < FUNNEL_STEPS; i++) {
                days[n++] = r.date();
            }
        }
        return days;
    }

    /** The median of {@code count} values held as value → occurrences, to one decimal; null if there are none. */
    static BigDecimal median(TreeMap<Long, Long> histogram, long count) {
        if (count == 0) {
            return null;
        }
        long lowIndex = (count - 1) / 2;
        long highIndex = count / 2;
        Long low = null;
        Long high = null;
        long seen = 0;
        for (Map.Entry<Long, Long> e : histogram.entrySet()) {
            seen += e.getValue();
            if (low == null && seen > lowIndex) {
                low = e.getKey();
            }
            if (seen > highIndex) {
                high = e.getKey();
                break;
            }
        }
        return BigDecimal.valueOf(low + high).divide(BigDecimal.valueOf(2), 1, RoundingMode.UNNECESSARY);
    }

    /** {@code part / whole} rounded half-even to 4 decimals; 0 when {@code whole} is 0. */
    static BigDecimal fraction(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }
}
