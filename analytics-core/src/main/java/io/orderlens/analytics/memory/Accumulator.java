package io.orderlens.analytics.memory;

import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCategoryCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.analytics.spi.HourHistogram;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.StatusCounts;
import io.orderlens.analytics.spi.StepHistograms;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * One stored row of the in-memory store, updated in place: each kind's {@code add} folds an increment into it exactly
 * as the row record's {@code plus} would (sums, min/max instants, the latest non-null label), without a new record per
 * increment. {@link #snapshot()} is the row as its immutable record, built on the first read after a change and
 * handed out again until the next one.
 *
 * <p>Not thread-safe for writers: {@code add} runs under the store's write lock only. {@link #snapshot()} may run in
 * several readers at once under the read lock: they may each build the record, and any of them may be kept, since
 * they are equal immutable records.
 */
abstract class Accumulator<T extends Counters> {
    private T snapshot;

    /** The row as it is now, as its record (equal to the sum of every increment added, by the record's {@code plus}). */
    final T snapshot() {
        T s = snapshot;
        if (s == null) {
            s = build();
            snapshot = s;
        }
        return s;
    }

    /** Drops the cached snapshot; every {@code add} calls it. */
    final void changed() {
        if (snapshot != null) {
            snapshot = null;
        }
    }

    /** The record of the current values. */
    abstract T build();

    /** The seconds field of an instant a row has not seen yet. */
    static final long ABSENT = Long.MIN_VALUE;

    /**
     * Whether {@code t} is earlier than the instant stored as {@code seconds} and {@code nanos} (or that one is
     * {@link #ABSENT}); false if {@code t} is null. Rows keep instants as these two numbers so that an update reads
     * no other object and stores no reference.
     */
    static boolean earlier(Instant t, long seconds, int nanos) {
        if (t == null) {
            return false;
        }
        long s = t.getEpochSecond();
        return seconds == ABSENT || s < seconds || (s == seconds && t.getNano() < nanos);
    }

    /** Whether {@code t} is later than the stored instant (or that one is {@link #ABSENT}); false if {@code t} is null. */
    static boolean later(Instant t, long seconds, int nanos) {
        if (t == null) {
            return false;
        }
        long s = t.getEpochSecond();
        return seconds == ABSENT || s > seconds || (s == seconds && t.getNano() > nanos);
    }

    /** The stored instant, or null if {@link #ABSENT}. */
    static Instant instant(long seconds, int nanos) {
        return seconds == ABSENT ? null : Instant.ofEpochSecond(seconds, nanos);
    }

    private static final OrderStatus[] STATUSES = OrderStatus.values();

    /**
     * {@code counts} (null for none yet) plus every status count of {@code add}, in place; returns the array that holds
     * the sum (a new one only when {@code counts} was null and {@code add} has counts).
     */
    static long[] addCounts(long[] counts, StatusCounts add) {
        if (add == null || add == StatusCounts.EMPTY) {
            return counts;
        }
        long[] sum = counts == null ? new long[STATUSES.length] : counts;
        for (OrderStatus status : STATUSES) {
            sum[status.ordinal()] += add.get(status);
        }
        return sum;
    }

    /** The counts as the record's type, equal to the sum of the added ones by {@code StatusCounts.plus}. */
    static StatusCounts statusCounts(long[] counts) {
        if (counts == null) {
            return StatusCounts.EMPTY;
        }
        Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : STATUSES) {
            byStatus.put(status, counts[status.ordinal()]);
        }
        return StatusCounts.of(byStatus);
    }

    /**
     * The funnel row of one day: status counts kept as numbers, the step histograms merged by
     * {@code StepHistograms.plus} (an order adds at most one cell per step).
     */
    static final class Funnel extends Accumulator<FunnelCounters> {
        private final LocalDate date;
        private long[] reached;
        private long[] canceledAt;
        private StepHistograms durations = StepHistograms.EMPTY;

        Funnel(LocalDate date) {
            this.date = date;
        }

        void add(FunnelCounters c) {
            reached = addCounts(reached, c.reached());
            canceledAt = addCounts(canceledAt, c.canceledAt());
            durations = durations.plus(c.durations());
            changed();
        }

        @Override
        FunnelCounters build() {
            return new FunnelCounters(date, statusCounts(reached), statusCounts(canceledAt), durations);
        }
    }

    /** A row of a kind written rarely (experiments), kept as its record and merged by {@code plus}. */
    static final class Merged<T extends Counters> extends Accumulator<T> {
        private final BinaryOperator<T> plus;
        private T row;

        Merged(T first, BinaryOperator<T> plus) {
            this.row = first;
            this.plus = plus;
        }

        void add(T c) {
            row = plus.apply(row, c);
            changed();
        }

        @Override
        T build() {
            return row;
        }
    }

    static final class Product extends Accumulator<ProductCounters> {
        private final String productId;
        private String name;
        private String category;
        private long units;
        private long revenue;
        private long orders;
        private long firstSoldSeconds = ABSENT;
        private int firstSoldNanos;
        private long lastSoldSeconds = ABSENT;
        private int lastSoldNanos;

        Product(String productId) {
            this.productId = productId;
        }

        void add(ProductCounters c) {
            add(c.name(), c.category(), c.units(), c.revenue(), c.orders(), c.firstSoldAt(), c.lastSoldAt());
        }

        /** Adds the increment with these fields, as {@link #add(ProductCounters)}. */
        void add(String n, String k, long u, long r, long o, Instant first, Instant last) {
            if (n != null && n != name) {
                name = n;
            }
            if (k != null && k != category) {
                category = k;
            }
            units += u;
            revenue += r;
            orders += o;
            if (earlier(first, firstSoldSeconds, firstSoldNanos)) {
                firstSoldSeconds = first.getEpochSecond();
                firstSoldNanos = first.getNano();
            }
            if (later(last, lastSoldSeconds, lastSoldNanos)) {
                lastSoldSeconds = last.getEpochSecond();
                lastSoldNanos = last.getNano();
            }
            changed();
        }

        @Override
        ProductCounters build() {
            return new ProductCounters(
                    productId,
                    name,
                    category,
                    units,
                    revenue,
                    orders,
                    instant(firstSoldSeconds, firstSoldNanos),
                    instant(lastSoldSeconds, lastSoldNanos));
        }
    }

    static final class Customer extends Accumulator<CustomerCounters> {
        private static final int HOURS = 24;

        private final String customerId;
        private long orders;
        private long spent;
        private long items;
        private long firstOrderSeconds = ABSENT;
        private int firstOrderNanos;
        private long lastOrderSeconds = ABSENT;
        private int lastOrderNanos;
        private LocalDate firstOrderDay;
        private long accountCreatedSeconds = ABSENT;
        private int accountCreatedNanos;
        private String zone;
        /** Orders per local hour; null while every count is zero. */
        private long[] hours;

        Customer(String customerId) {
            this.customerId = customerId;
        }

        void add(CustomerCounters c) {
            addTotals(
                    c.orders(),
                    c.spent(),
                    c.items(),
                    c.firstOrderAt(),
                    c.lastOrderAt(),
                    c.firstOrderDay(),
                    c.accountCreatedAt(),
                    c.zone());
            HourHistogram h = c.hours();
            if (h != HourHistogram.EMPTY) {
                if (hours == null) {
                    hours = new long[HOURS];
                }
                for (int i = 0; i < HOURS; i++) {
                    hours[i] += h.get(i);
                }
            }
        }

        /**
         * Adds one order's increment with these fields, its local {@code hour} counted {@code orders} times, as
         * {@link #add(CustomerCounters)} with {@code HourHistogram.single(hour, orders)}; requires {@code hour} in
         * 0..23.
         */
        void addOrder(long o, long s, long i, Instant at, LocalDate firstDay, Instant created, String z, int hour) {
            addTotals(o, s, i, at, at, firstDay, created, z);
            if (o != 0) {
                if (hours == null) {
                    hours = new long[HOURS];
                }
                hours[hour] += o;
            }
        }

        private void addTotals(
                long o, long s, long i, Instant first, Instant last, LocalDate day, Instant created, String z) {
            orders += o;
            spent += s;
            items += i;
            if (earlier(first, firstOrderSeconds, firstOrderNanos)) {
                firstOrderSeconds = first.getEpochSecond();
                firstOrderNanos = first.getNano();
            }
            if (later(last, lastOrderSeconds, lastOrderNanos)) {
                lastOrderSeconds = last.getEpochSecond();
                lastOrderNanos = last.getNano();
            }
            if (day != null && (firstOrderDay == null || day.isBefore(firstOrderDay))) {
                firstOrderDay = day;
            }
            if (earlier(created, accountCreatedSeconds, accountCreatedNanos)) {
                accountCreatedSeconds = created.getEpochSecond();
                accountCreatedNanos = created.getNano();
            }
            if (z != null && z != zone) {
                zone = z;
            }
            changed();
        }

        @Override
        CustomerCounters build() {
            return new CustomerCounters(
                    customerId,
                    orders,
                    spent,
                    items,
                    instant(firstOrderSeconds, firstOrderNanos),
                    instant(lastOrderSeconds, lastOrderNanos),
                    firstOrderDay,
                    instant(accountCreatedSeconds, accountCreatedNanos),
                    zone,
                    hours == null ? HourHistogram.EMPTY : HourHistogram.of(hours));
        }
    }

    static final class CustomerProduct extends Accumulator<CustomerProductCounters> {
        private final String customerId;
        private final String productId;
        private String name;
        private String category;
        private long units;
        private long spend;
        private long orders;
        private long lastOrderedSeconds = ABSENT;
        private int lastOrderedNanos;

        CustomerProduct(String customerId, String productId) {
            this.customerId = customerId;
            this.productId = productId;
        }

        void add(CustomerProductCounters c) {
            add(c.name(), c.category(), c.units(), c.spend(), c.orders(), c.lastOrderedAt());
        }

        /** Adds the increment with these fields, as {@link #add(CustomerProductCounters)}. */
        void add(String n, String k, long u, long s, long o, Instant last) {
            if (n != null && n != name) {
                name = n;
            }
            if (k != null && k != category) {
                category = k;
            }
            units += u;
            spend += s;
            orders += o;
            if (later(last, lastOrderedSeconds, lastOrderedNanos)) {
                lastOrderedSeconds = last.getEpochSecond();
                lastOrderedNanos = last.getNano();
            }
            changed();
        }

        @Override
        CustomerProductCounters build() {
            return new CustomerProductCounters(
                    customerId,
                    productId,
                    name,
                    category,
                    units,
                    spend,
                    orders,
                    instant(lastOrderedSeconds, lastOrderedNanos));
        }
    }

    static final class CustomerCategory extends Accumulator<CustomerCategoryCounters> {
        private final String customerId;
        private final String category;
        private long orders;
        private long units;
        private long spend;

        CustomerCategory(String customerId, String category) {
            this.customerId = customerId;
            this.category = category;
        }

        void add(CustomerCategoryCounters c) {
            add(c.orders(), c.units(), c.spend());
        }

        /** Adds the increment with these fields, as {@link #add(CustomerCategoryCounters)}. */
        void add(long o, long u, long s) {
            orders += o;
            units += u;
            spend += s;
            changed();
        }

        @Override
        CustomerCategoryCounters build() {
            return new CustomerCategoryCounters(customerId, category, orders, units, spend);
        }
    }

    static final class Category extends Accumulator<CategoryCounters> {
        private final String category;
        private long units;
        private long revenue;
        private long orders;

        Category(String category) {
            this.category = category;
        }

        void add(CategoryCounters c) {
            add(c.units(), c.revenue(), c.orders());
        }

        /** Adds the increment with these fields, as {@link #add(CategoryCounters)}. */
        void add(long u, long r, long o) {
            units += u;
            revenue += r;
            orders += o;
            changed();
        }

        @Override
        CategoryCounters build() {
            return new CategoryCounters(category, units, revenue, orders);
        }
    }

    static final class Day extends Accumulator<DayCounters> {
        private final LocalDate date;
        private long orders;
        private long grossRevenue;
        private long items;
        private long refunds;
        private long refundedAmount;
        /** Orders by status; null while none was added. */
        private long[] statuses;

        private long newCustomers;

        Day(LocalDate date) {
            this.date = date;
        }

        void add(DayCounters c) {
            orders += c.orders();
            grossRevenue += c.grossRevenue();
            items += c.items();
            refunds += c.refunds();
            refundedAmount += c.refundedAmount();
            statuses = addCounts(statuses, c.statuses());
            newCustomers += c.newCustomers();
            changed();
        }

        /** Adds an increment of only these fields, as {@link #add(DayCounters)}. */
        void addSales(long o, long g, long i) {
            orders += o;
            grossRevenue += g;
            items += i;
            changed();
        }

        @Override
        DayCounters build() {
            return new DayCounters(
                    date, orders, grossRevenue, items, refunds, refundedAmount, statusCounts(statuses), newCustomers);
        }
    }

    static final class DayCountry extends Accumulator<DayCountryCounters> {
        private final LocalDate date;
        private final String country;
        private long orders;
        private long grossRevenue;
        private long refunds;
        private long refundedAmount;

        DayCountry(LocalDate date, String country) {
            this.date = date;
            this.country = country;
        }

        void add(DayCountryCounters c) {
            orders += c.orders();
            grossRevenue += c.grossRevenue();
            refunds += c.refunds();
            refundedAmount += c.refundedAmount();
            changed();
        }

        /** Adds an increment of only these fields, as {@link #add(DayCountryCounters)}. */
        void addSales(long o, long g) {
            orders += o;
            grossRevenue += g;
            changed();
        }

        @Override
        DayCountryCounters build() {
            return new DayCountryCounters(date, country, orders, grossRevenue, refunds, refundedAmount);
        }
    }

    static final class CustomerDay extends Accumulator<CustomerDayCounters> {
        private final String customerId;
        private final LocalDate date;
        private long placed;
        private long orders;
        private long netRevenue;

        CustomerDay(String customerId, LocalDate date) {
            this.customerId = customerId;
            this.date = date;
        }

        void add(CustomerDayCounters c) {
            placed += c.placed();
            orders += c.orders();
            netRevenue += c.netRevenue();
            changed();
        }

        @Override
        CustomerDayCounters build() {
            return new CustomerDayCounters(customerId, date, placed, orders, netRevenue);
        }
    }

    static final class DayCategory extends Accumulator<DayCategoryCounters> {
        private final LocalDate date;
        private final String category;
        private long orders;
        private long units;
        private long grossRevenue;
        private long refundedUnits;
        private long refundedAmount;

        DayCategory(LocalDate date, String category) {
            this.date = date;
            this.category = category;
        }

        void add(DayCategoryCounters c) {
            add(c.orders(), c.units(), c.grossRevenue(), c.refundedUnits(), c.refundedAmount());
        }

        /** Adds the increment with these fields, as {@link #add(DayCategoryCounters)}. */
        void add(long o, long u, long g, long ru, long ra) {
            orders += o;
            units += u;
            grossRevenue += g;
            refundedUnits += ru;
            refundedAmount += ra;
            changed();
        }

        @Override
        DayCategoryCounters build() {
            return new DayCategoryCounters(date, category, orders, units, grossRevenue, refundedUnits, refundedAmount);
        }
    }
}
