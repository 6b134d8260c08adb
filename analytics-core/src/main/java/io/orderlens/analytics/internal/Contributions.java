package io.orderlens.analytics.internal;

import io.orderlens.analytics.experiment.Exposure;
import io.orderlens.analytics.funnel.DurationBuckets;
import io.orderlens.analytics.funnel.FunnelStep;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.spi.AttributedOrder;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.CounterSink;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerDayCounters;
import io.orderlens.analytics.spi.DayCategoryCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.ExperimentCustomerCounters;
import io.orderlens.analytics.spi.ExperimentVariationCounters;
import io.orderlens.analytics.spi.FunnelCounters;
import io.orderlens.analytics.spi.HourHistogram;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.RecordedRefund;
import io.orderlens.analytics.spi.StatusCounts;
import io.orderlens.analytics.spi.StepHistograms;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one ledger entry contributes to the aggregates. The aggregates are, by definition, the sum of the
 * contributions of all ledger entries; the effect of a change is {@code contribution(after) - contribution(before)}.
 * This one function is what makes reversal, batching, replay and rebuild exact. Pure and thread-safe.
 */
public final class Contributions {
    private Contributions() {}

    /**
     * The effect of moving one ledger entry from {@code before} (null if new) to {@code after}: the reversal of
     * {@code before} first, so labels of {@code after} are the ones kept. Built as data now.
     */
    public static Effect change(LedgerEntry before, LedgerEntry after) {
        Effect.Builder effect = Effect.builder(expectedIncrements(before) + expectedIncrements(after));
        addTo(effect, before, -1);
        addTo(effect, after, 1);
        return effect.build();
    }

    /**
     * The same effect as {@link #change}, {@link Effect#deferred deferred}: its increments are produced when it is
     * walked, straight into the walker's sink (the in-memory store's rows), and built as data only if asked for
     * (a store that persists effects). Both entries are immutable and were validated when built, so producing the
     * increments cannot fail.
     */
    public static Effect deferredChange(LedgerEntry before, LedgerEntry after) {
        return Effect.deferred(sink -> {
            addTo(sink, before, -1);
            addTo(sink, after, 1);
        });
    }

    /**
     * About how many increments the contribution of {@code e} has: two per line, three per category and up to a dozen
     * per order (so the builder rarely grows), five per refund line and four per refund.
     */
    private static int expectedIncrements(LedgerEntry e) {
        if (e == null) {
            return 0;
        }
        int lines = e.order() == null ? 0 : e.order().lines().size();
        int refundLines = 0;
        for (RecordedRefund r : e.refunds()) {
            refundLines += r.lines().size();
        }
        return 2 * lines + 5 * refundLines + 24 + 4 * e.refunds().size();
    }

    /**
     * Adds {@code sign} × the contribution of {@code e} to {@code d}. With sign -1 instants are left out: first/last
     * times only ever widen.
     */
    public static void addTo(CounterSink d, LedgerEntry e, int sign) {
        if (e == null) {
            return;
        }
        if (e.exposure() != null) {
            addExposure(d, e.exposure(), sign);
            addVariation(d, e, sign);
            return;
        }
        if (e.isStandaloneRefund()) {
            for (RecordedRefund r : e.refunds()) {
                addRefund(d, r, null, sign);
                d.add(new CustomerDayCounters(r.customerId(), r.day(), 0, 0, -sign * r.amount()));
            }
            return;
        }
        Order order = e.order();
        if (order == null) {
            return;
        }
        OrderStatus status = e.status();
        d.add(new DayCounters(e.orderDay(), 0, 0, 0, 0, 0, StatusCounts.single(status, sign)));
        addFunnel(d, e, sign);
        if (e.counted()) {
            long total = addGross(d, e, sign);
            addCustomerDay(d, e, sign, total);
            for (RecordedRefund r : e.refunds()) {
                addRefund(d, r, e, sign);
            }
            addAttributions(d, e, sign);
        } else {
            addCustomerDay(d, e, sign, 0);
            if (e.everCounted() && sign > 0) {
                addInstants(d, e);
            }
        }
    }

    private static final FunnelStep[] STEPS = FunnelStep.values();

    /**
     * An order's place in the lifecycle funnel of its order day: the statuses it reached (up to its furthest), where
     * it was canceled, and the bucket of each step whose two times it reported.
     */
    private static void addFunnel(CounterSink d, LedgerEntry e, int sign) {
        OrderStatus furthest = e.furthest() == null ? OrderStatus.PLACED : e.furthest();
        d.add(new FunnelCounters(
                e.orderDay(),
                StatusCounts.through(furthest, sign),
                e.canceled() ? StatusCounts.single(furthest, sign) : StatusCounts.EMPTY,
                // every step ends at a reported stage time: without any, no step has a duration
                e.stages().isEmpty() ? StepHistograms.EMPTY : stepTimes(e, sign)));
    }

    /** The order's step durations, one bucket per step whose two times it reported. */
    private static StepHistograms stepTimes(LedgerEntry e, int sign) {
        int[] buckets = new int[STEPS.length];
        for (FunnelStep step : STEPS) {
            Instant from = stageTime(e, step.from());
            Instant to = stageTime(e, step.to());
            buckets[step.ordinal()] =
                    from == null || to == null ? -1 : DurationBuckets.index(Duration.between(from, to));
        }
        return StepHistograms.ofSteps(buckets, sign);
    }

    private static Instant stageTime(LedgerEntry e, OrderStatus status) {
        return status == OrderStatus.PLACED ? e.order().placedAt() : e.stages().at(status);
    }

    /**
     * The order's share in its customer's day: placed whatever its status; while counted, one order (none once fully
     * refunded) worth its value ({@code total}, the sum of its lines) net of its refunds, on the day it was placed.
     */
    private static void addCustomerDay(CounterSink d, LedgerEntry e, int sign, long total) {
        long orders = e.counted() && !e.fullyRefunded() ? 1 : 0;
        long net = e.counted() ? total - e.refundedAmount() : 0;
        d.add(new CustomerDayCounters(e.order().customerId(), e.orderDay(), sign, sign * orders, sign * net));
    }

    /** A customer counted in their variation, or counted once as exposed to several. */
    private static void addExposure(CounterSink d, Exposure x, int sign) {
        boolean multiple = x.variation() == Exposure.MULTIPLE;
        d.add(new ExperimentCustomerCounters(
                x.experiment(), x.customerId(), x.variation(), multiple ? 0 : sign, multiple ? sign : 0, 0, 0));
    }

    /**
     * The customer's totals in their variation, folded from the attributed shares of the exposure entry {@code e}:
     * counted as exposed, as converted with at least one attributed order, with the orders, the net revenue and its
     * square; a customer exposed to several variations counts only in the row of the multiply exposed.
     */
    private static void addVariation(CounterSink d, LedgerEntry e, int sign) {
        Exposure x = e.exposure();
        if (x.variation() == Exposure.MULTIPLE) {
            d.add(new ExperimentVariationCounters(
                    x.experiment(), ExperimentVariationCounters.MULTIPLE, 0, sign, 0, 0, 0, BigInteger.ZERO));
            return;
        }
        long orders = 0;
        long net = 0;
        for (AttributedOrder a : e.attributed()) {
            orders += a.orders();
            net += a.netRevenue();
        }
        BigInteger square = BigInteger.valueOf(net).multiply(BigInteger.valueOf(net));
        d.add(new ExperimentVariationCounters(
                x.experiment(),
                x.variation(),
                sign,
                0,
                orders > 0 ? sign : 0,
                sign * orders,
                sign * net,
                sign < 0 ? square.negate() : square));
    }

    /**
     * A counted order's share in each experiment it is attributed to: one order (none once fully refunded) and its
     * value net of refunds, as the customer's own counters have it.
     */
    private static void addAttributions(CounterSink d, LedgerEntry e, int sign) {
        if (e.linkedKeys().isEmpty()) {
            return;
        }
        AttributedOrder share = attributedShare(e);
        for (String experiment : e.linkedKeys()) {
            d.add(new ExperimentCustomerCounters(
                    experiment, e.order().customerId(), null, 0, 0, sign * share.orders(), sign * share.netRevenue()));
        }
    }

    /**
     * The share of the order entry {@code e} in each experiment it is attributed to, as of its version: while it
     * counts, one order (none once fully refunded) and its value net of refunds; nothing otherwise.
     *
     * @throws IllegalArgumentException if {@code e} is not an order's entry
     */
    public static AttributedOrder attributedShare(LedgerEntry e) {
        if (e.order() == null || e.orderId() == null) {
            throw new IllegalArgumentException("only an order's entry has an attributed share, got " + e.key());
        }
        if (!e.counted()) {
            return new AttributedOrder(e.orderId(), e.version(), 0, 0);
        }
        long total = 0;
        for (LineItem line : e.order().lines()) {
            total += MoneyUnits.times(MoneyUnits.of(line.unitPrice(), "unitPrice"), line.quantity());
        }
        return new AttributedOrder(e.orderId(), e.version(), e.fullyRefunded() ? 0 : 1, total - e.refundedAmount());
    }

    /** Orders with more lines than this detect repeated products with a {@link ProductSet}. */
    private static final int SMALL_ORDER = 8;

    /**
     * Adds the counted order's sales; returns its value, the sum of its lines. Products take one increment per line;
     * the category rows (category, customer × category, day × category) one per category of the order, its lines'
     * units and money summed.
     */
    private static long addGross(CounterSink d, LedgerEntry e, int sign) {
        Order o = e.order();
        String customerId = o.customerId();
        Instant at = sign > 0 ? o.placedAt() : null;
        List<LineItem> lines = o.lines();
        int n = lines.size();
        ProductSet seenProducts = n > SMALL_ORDER ? new ProductSet(n) : null;
        CategoryTally categories = new CategoryTally();
        long total = 0;
        long items = 0;
        for (int i = 0; i < n; i++) {
            LineItem line = lines.get(i);
            long amount = MoneyUnits.times(MoneyUnits.of(line.unitPrice(), "unitPrice"), line.quantity());
            total += amount;
            items += line.quantity();
            // a product on several lines of one order counts as one order for it
            boolean firstOfProduct;
            if (seenProducts != null) {
                firstOfProduct = seenProducts.add(line.productId());
            } else {
                firstOfProduct = true;
                String productId = line.productId();
                int hash = productId.hashCode(); // cached in the string; the store hashes it anyway
                for (int j = 0; j < i && firstOfProduct; j++) {
                    String earlier = lines.get(j).productId();
                    firstOfProduct = earlier.hashCode() != hash || !earlier.equals(productId);
                }
            }
            long units = sign * (long) line.quantity();
            long money = sign * amount;
            int productOrders = firstOfProduct ? sign : 0;
            d.addLine(customerId, line.productId(), line.name(), line.category(), units, money, productOrders, at);
            categories.add(line.category(), units, money);
        }
        for (int c = 0; c < categories.size; c++) {
            String category = categories.names[c];
            long units = categories.units[c];
            long money = categories.money[c];
            d.addCategory(customerId, e.orderDay(), category, sign, units, money);
        }
        d.addOrder(
                customerId,
                e.orderDay(),
                o.country(),
                e.orderHour(),
                sign,
                sign * total,
                sign * items,
                at,
                sign > 0 ? e.orderDay() : null,
                sign > 0 ? o.customer().accountCreatedAt() : null,
                sign > 0 && o.customer().zone() != null ? o.customer().zone().getId() : null);
        return total;
    }

    /**
     * The product ids seen so far on one order's lines: an open-addressing table of at least twice the order's lines,
     * with each id's hash beside it, so a lookup takes no allocation and compares only ids of equal hash. Not
     * thread-safe.
     */
    private static final class ProductSet {
        private final String[] table;
        private final int[] hashes;

        ProductSet(int lines) {
            int size = Integer.highestOneBit(Math.max(lines, 2) * 2 - 1) << 1;
            table = new String[size];
            hashes = new int[size];
        }

        /** Adds {@code productId}; true if it was not there yet. */
        boolean add(String productId) {
            int mask = table.length - 1;
            int h = productId.hashCode();
            for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
                String at = table[i];
                if (at == null) {
                    table[i] = productId;
                    hashes[i] = h;
                    return true;
                }
                if (hashes[i] == h && (at == productId || at.equals(productId))) {
                    return false;
                }
            }
        }
    }

    /**
     * The distinct categories of one order's lines in first-seen order, with their summed units and money, found
     * through an open-addressing table of slot numbers kept at most half full, so a lookup takes no allocation. Not
     * thread-safe.
     */
    private static final class CategoryTally {
        private static final int INITIAL = 8;
        String[] names = new String[INITIAL];
        long[] units = new long[INITIAL];
        long[] money = new long[INITIAL];
        int size;
        /** Slot + 1 of each category by hash; 0 is empty. Twice the slots' capacity, a power of two. */
        private int[] table = new int[2 * INITIAL];

        void add(String category, long lineUnits, long lineMoney) {
            int slot = slotOf(category);
            units[slot] += lineUnits;
            money[slot] += lineMoney;
        }

        private int slotOf(String category) {
            int mask = table.length - 1;
            int h = category.hashCode();
            for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
                int at = table[i] - 1;
                if (at < 0) {
                    return append(category, i);
                }
                String name = names[at];
                if (name == category || name.equals(category)) {
                    return at;
                }
            }
        }

        /** Adds {@code category} in the next slot, its table entry at {@code tableIndex}; returns the slot. */
        private int append(String category, int tableIndex) {
            if (size == names.length) {
                int capacity = size * 2;
                names = Arrays.copyOf(names, capacity);
                units = Arrays.copyOf(units, capacity);
                money = Arrays.copyOf(money, capacity);
                table = new int[2 * capacity];
                int mask = table.length - 1;
                for (int s = 0; s < size; s++) {
                    int h = names[s].hashCode();
                    int i = spread(h) & mask;
                    while (table[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    table[i] = s + 1;
                }
                int h = category.hashCode();
                tableIndex = spread(h) & mask;
                while (table[tableIndex] != 0) {
                    tableIndex = (tableIndex + 1) & mask;
                }
            }
            names[size] = category;
            table[tableIndex] = size + 1;
            return size++;
        }
    }

    /**
     * The slot bits of a hash for the open-addressing tables of one order, mixed so that ids of dense hashes (that
     * differ in their last characters) do not fill runs of adjacent slots.
     */
    static int spread(int h) {
        int x = h ^ (h >>> 16);
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        x *= 0xC2B2AE35;
        return x ^ (x >>> 16);
    }

    /** Instants of an order that once counted and no longer does: first/last times never move back. */
    private static void addInstants(CounterSink d, LedgerEntry e) {
        Order o = e.order();
        Instant at = o.placedAt();
        for (LineItem line : o.lines()) {
            d.addLine(o.customerId(), line.productId(), line.name(), line.category(), 0, 0, 0, at);
        }
        d.add(new CustomerCounters(
                o.customerId(),
                0,
                0,
                0,
                at,
                at,
                e.orderDay(),
                o.customer().accountCreatedAt(),
                o.customer().zone() != null ? o.customer().zone().getId() : null,
                null));
    }

    private static void addRefund(CounterSink d, RecordedRefund r, LedgerEntry orderEntry, int sign) {
        String customerId = r.customerId();
        long items = 0;
        for (RecordedRefund.Line line : r.lines()) {
            long units = -sign * line.quantity();
            long money = -sign * line.amount();
            items += line.quantity();
            d.addLine(customerId, line.productId(), null, line.category(), units, money, 0, null);
            if (line.category() != null) {
                d.add(new CategoryCounters(line.category(), units, money, 0));
                d.add(new CustomerCategoryCounters(customerId, line.category(), 0, units, money));
                d.add(new DayCategoryCounters(
                        r.day(), line.category(), 0, 0, 0, sign * line.quantity(), sign * line.amount()));
            }
        }
        int orders = 0;
        HourHistogram hours = null;
        if (r.full() && orderEntry != null) {
            orders = -sign;
            hours = HourHistogram.single(orderEntry.orderHour(), -sign);
            Order o = orderEntry.order();
            Map<String, String> categories = new LinkedHashMap<>();
            for (LineItem line : o.lines()) {
                if (categories.put(line.productId(), line.category()) == null) {
                    d.addLine(customerId, line.productId(), null, null, 0, 0, orders, null);
                }
            }
            for (String category : new java.util.LinkedHashSet<>(categories.values())) {
                d.add(new CategoryCounters(category, 0, 0, orders));
                d.add(new CustomerCategoryCounters(customerId, category, orders, 0, 0));
            }
        }
        d.add(new CustomerCounters(
                customerId, orders, -sign * r.amount(), -sign * items, null, null, null, null, null, hours));
        d.add(new DayCounters(r.day(), 0, 0, 0, sign, sign * r.amount(), null));
        d.add(new DayCountryCounters(r.day(), r.country(), 0, 0, sign, sign * r.amount()));
    }
}
