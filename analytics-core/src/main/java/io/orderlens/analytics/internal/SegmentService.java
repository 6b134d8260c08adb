package io.orderlens.analytics.internal;

import io.orderlens.analytics.clv.CustomerValue;
import io.orderlens.analytics.model.Checks;
import io.orderlens.analytics.segment.InvalidRuleException;
import io.orderlens.analytics.segment.MemberOrder;
import io.orderlens.analytics.segment.RfmCell;
import io.orderlens.analytics.segment.RfmGrid;
import io.orderlens.analytics.segment.RfmOptions;
import io.orderlens.analytics.segment.RfmScore;
import io.orderlens.analytics.segment.RfmSummary;
import io.orderlens.analytics.segment.Rule;
import io.orderlens.analytics.segment.SegmentCount;
import io.orderlens.analytics.segment.SegmentMember;
import io.orderlens.analytics.segment.SegmentPreview;
import io.orderlens.analytics.segment.SegmentSize;
import io.orderlens.analytics.segment.SegmentStatistics;
import io.orderlens.analytics.segment.Segments;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.AnalyticsCache;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.spi.CacheRequest;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.Scan;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The segment queries: RFM and rules evaluated in core over a scan of the customer rows (plus keyed reads of
 * customer × product or category rows for product and category conditions), cached under the global scope since
 * every answer depends on every customer. Thread-safe (stateless between calls).
 */
public final class SegmentService implements Segments {
    /** Keys per keyed read of customer × item rows. */
    private static final int READ_CHUNK = 1_000;

    private final AnalyticsStore store;
    private final AnalyticsCache cache;
    private final Calculators calc;
    private final ZoneId zone;
    private final LifetimeValueService lifetimeValues;
    private final Runnable requireOpen;
    private final RfmOptions options;

    /**
     * @param lifetimeValues the CLV predictions of PREDICTED_CLV and PROBABILITY_ALIVE
     * @param requireOpen    called first by every query; throws {@link IllegalStateException} once closed
     */
    public SegmentService(
            AnalyticsStore store,
            AnalyticsCache cache,
            Calculators calc,
            ZoneId zone,
            LifetimeValueService lifetimeValues,
            Runnable requireOpen) {
        this(store, cache, calc, zone, lifetimeValues, requireOpen, RfmOptions.defaults());
    }

    private SegmentService(
            AnalyticsStore store,
            AnalyticsCache cache,
            Calculators calc,
            ZoneId zone,
            LifetimeValueService lifetimeValues,
            Runnable requireOpen,
            RfmOptions options) {
        this.store = store;
        this.cache = cache;
        this.calc = calc;
        this.zone = zone;
        this.lifetimeValues = lifetimeValues;
        this.requireOpen = requireOpen;
        this.options = options;
    }

    @Override
    public RfmOptions rfmOptions() {
        return options;
    }

    @Override
    public Segments using(RfmOptions newOptions) {
        if (newOptions == null) {
            throw new InvalidRuleException("RFM options must not be null");
        }
        return new SegmentService(store, cache, calc, zone, lifetimeValues, requireOpen, newOptions);
    }

    // ----- RFM -----

    @Override
    public RfmSummary rfm(LocalDate asOf) {
        requireOpen.run();
        requireAsOf(asOf);
        return cached("rfmSummary", key(asOf, options), RfmSummary.class, () -> summary(rfmTable(asOf), asOf));
    }

    @Override
    public Optional<RfmScore> rfm(String customerId, LocalDate asOf) {
        requireOpen.run();
        requireCustomerId(customerId);
        requireAsOf(asOf);
        return Optional.ofNullable(cached("rfmScore", key(asOf, options, customerId), RfmScore.class, () -> {
            RfmTable t = rfmTable(asOf);
            int i = t.indexOf(customerId);
            return i < 0 ? null : score(t, i);
        }));
    }

    @Override
    public List<RfmScore> rfmScores(LocalDate asOf, int offset, int limit) {
        requireOpen.run();
        requireAsOf(asOf);
        requirePage(offset, limit);
        return cached("rfmScores", key(asOf, options, offset, limit), CacheRequest.listOf(RfmScore.class), () -> {
            RfmTable t = rfmTable(asOf);
            List<RfmScore> out = new ArrayList<>();
            for (int i = offset; i < t.size() && i < (long) offset + limit; i++) {
                out.add(score(t, i));
            }
            return out;
        });
    }

    // ----- rules -----

    @Override
    public SegmentCount count(Rule rule, LocalDate asOf) {
        requireOpen.run();
        SegmentRules compiled = SegmentRules.compile(rule, options.grid());
        requireAsOf(asOf);
        return cached("segmentCount", key(asOf, options, rule), SegmentCount.class, () -> {
            long[] n = new long[1];
            long total = evaluate(compiled, asOf, f -> n[0]++);
            return new SegmentCount(n[0], total, share(n[0], total));
        });
    }

    @Override
    public List<SegmentMember> members(Rule rule, LocalDate asOf, MemberOrder order, int offset, int limit) {
        requireOpen.run();
        SegmentRules compiled = SegmentRules.compile(rule, options.grid());
        requireAsOf(asOf);
        if (order == null) {
            throw new InvalidRuleException("member order must not be null, one of " + List.of(MemberOrder.values()));
        }
        requirePage(offset, limit);
        return cached(
                "segmentMembers",
                key(asOf, options, order, offset, limit, rule),
                CacheRequest.listOf(SegmentMember.class),
                () -> page(compiled, asOf, order, offset, limit));
    }

    @Override
    public boolean isMember(String customerId, Rule rule, LocalDate asOf) {
        requireOpen.run();
        requireCustomerId(customerId);
        SegmentRules compiled = SegmentRules.compile(rule, options.grid());
        requireAsOf(asOf);
        return cached(
                "segmentIsMember",
                key(asOf, options, customerId, rule),
                Boolean.class,
                () -> memberNow(customerId, compiled, asOf));
    }

    @Override
    public SegmentStatistics statistics(Rule rule, LocalDate asOf) {
        requireOpen.run();
        SegmentRules compiled = SegmentRules.compile(rule, options.grid());
        requireAsOf(asOf);
        return cached("segmentStatistics", key(asOf, options, rule), SegmentStatistics.class, () -> {
            long[] sums = new long[3];
            long total = evaluate(compiled, asOf, f -> {
                CustomerCounters c = f.counters();
                sums[0]++;
                sums[1] += c.orders();
                sums[2] = Math.addExact(sums[2], c.spent());
            });
            return new SegmentStatistics(
                    sums[0],
                    total,
                    share(sums[0], total),
                    sums[1],
                    QueryService.money(sums[2]),
                    QueryService.average(sums[2], sums[1]),
                    QueryService.average(sums[2], sums[0]));
        });
    }

    @Override
    public SegmentPreview dryRun(Rule rule, LocalDate asOf, int sampleSize) {
        requireOpen.run();
        SegmentRules compiled = SegmentRules.compile(rule, options.grid());
        requireAsOf(asOf);
        requirePage(0, sampleSize);
        return cached("segmentDryRun", key(asOf, options, sampleSize, rule), SegmentPreview.class, () -> {
            Heap heap = new Heap(comparator(MemberOrder.SPEND), sampleSize);
            long[] n = new long[1];
            long total = evaluate(compiled, asOf, f -> {
                n[0]++;
                heap.offer(candidate(f));
            });
            return new SegmentPreview(new SegmentCount(n[0], total, share(n[0], total)), members(heap, 0, asOf));
        });
    }

    // ----- evaluation -----

    /**
     * Calls {@code matched} for every customer with a counted order that {@code rule} selects; returns how many
     * customers with a counted order there are.
     */
    private long evaluate(SegmentRules rule, LocalDate asOf, Consumer<CustomerFacts> matched) {
        return evaluate(rule, asOf, false, matched);
    }

    /** As above; with {@code withClv} the facts carry every customer's CLV prediction even if the rule tests none. */
    private long evaluate(SegmentRules rule, LocalDate asOf, boolean withClv, Consumer<CustomerFacts> matched) {
        long asOfDay = asOf.toEpochDay();
        Map<String, CustomerValue.Prediction> predictions =
                rule.usesClv || withClv ? lifetimeValues.predictions(asOf) : Map.of();
        boolean items = !rule.products.isEmpty() || !rule.categories.isEmpty();
        if (!rule.usesRfm && !items) {
            CustomerFacts facts =
                    new CustomerFacts(asOf, zone, calc, null, options.grid(), Map.of(), Map.of(), predictions);
            long[] total = new long[1];
            store.scan(Aggregate.CUSTOMERS, Scan.all(), (CustomerCounters c) -> {
                if (c.orders() > 0) {
                    total[0]++;
                    facts.at(c, -1);
                    requireNotBefore(asOfDay, facts.lastDay(), c.customerId());
                    if (rule.test.test(facts)) {
                        matched.accept(facts);
                    }
                }
            });
            return total[0];
        }
        RfmTable table = null;
        List<CustomerCounters> rows;
        if (rule.usesRfm) {
            table = rfmTable(asOf);
            rows = List.of(table.customers);
        } else {
            rows = customersWithOrders(asOfDay);
        }
        CustomerFacts facts = new CustomerFacts(
                asOf,
                zone,
                calc,
                table,
                options.grid(),
                buyers(Aggregate.CUSTOMER_PRODUCTS, rows, rule.products),
                buyers(Aggregate.CUSTOMER_CATEGORIES, rows, rule.categories),
                predictions);
        for (int i = 0; i < rows.size(); i++) {
            facts.at(rows.get(i), table == null ? -1 : i);
            if (rule.test.test(facts)) {
                matched.accept(facts);
            }
        }
        return rows.size();
    }

    private boolean memberNow(String customerId, SegmentRules rule, LocalDate asOf) {
        if (rule.usesRfm) {
            RfmTable table = rfmTable(asOf);
            int i = table.indexOf(customerId);
            if (i < 0) {
                return false;
            }
            List<CustomerCounters> one = List.of(table.customers[i]);
            CustomerFacts facts = new CustomerFacts(
                    asOf,
                    zone,
                    calc,
                    table,
                    options.grid(),
                    buyers(Aggregate.CUSTOMER_PRODUCTS, one, rule.products),
                    buyers(Aggregate.CUSTOMER_CATEGORIES, one, rule.categories),
                    clvOf(customerId, rule, asOf));
            return rule.test.test(facts.at(table.customers[i], i));
        }
        Optional<CustomerCounters> row = store.get(Aggregate.CUSTOMERS, customerId);
        if (row.isEmpty() || row.get().orders() <= 0) {
            return false;
        }
        List<CustomerCounters> one = List.of(row.get());
        CustomerFacts facts = new CustomerFacts(
                asOf,
                zone,
                calc,
                null,
                options.grid(),
                buyers(Aggregate.CUSTOMER_PRODUCTS, one, rule.products),
                buyers(Aggregate.CUSTOMER_CATEGORIES, one, rule.categories),
                clvOf(customerId, rule, asOf));
        facts.at(row.get(), -1);
        requireNotBefore(asOf.toEpochDay(), facts.lastDay(), customerId);
        return rule.test.test(facts);
    }

    /** The one customer's CLV prediction if {@code rule} tests one, as a map for {@link CustomerFacts}. */
    private Map<String, CustomerValue.Prediction> clvOf(String customerId, SegmentRules rule, LocalDate asOf) {
        if (!rule.usesClv) {
            return Map.of();
        }
        return lifetimeValues
                .of(customerId, asOf)
                .flatMap(CustomerValue::prediction)
                .map(p -> Map.of(customerId, p))
                .orElse(Map.of());
    }

    private List<SegmentMember> page(SegmentRules rule, LocalDate asOf, MemberOrder order, int offset, int limit) {
        Heap heap = new Heap(comparator(order), offset + limit);
        evaluate(rule, asOf, order == MemberOrder.PREDICTED_CLV, f -> heap.offer(candidate(f)));
        return members(heap, offset, asOf);
    }

    private static Candidate candidate(CustomerFacts f) {
        CustomerValue.Prediction p = f.prediction();
        return new Candidate(f.counters(), f.lastDay(), p == null ? null : p.value());
    }

    private static List<SegmentMember> members(Heap heap, int offset, LocalDate asOf) {
        List<Candidate> sorted = heap.sorted();
        List<SegmentMember> out = new ArrayList<>();
        long asOfDay = asOf.toEpochDay();
        for (int i = offset; i < sorted.size(); i++) {
            CustomerCounters c = sorted.get(i).row;
            out.add(new SegmentMember(
                    c.customerId(),
                    c.orders(),
                    QueryService.money(c.spent()),
                    QueryService.average(c.spent(), c.orders()),
                    c.firstOrderAt(),
                    c.lastOrderAt(),
                    asOfDay - sorted.get(i).lastDay,
                    sorted.get(i).predictedClv));
        }
        return out;
    }

    /** For each item, the customers among {@code rows} whose row for it has a counted order. */
    private <T extends Counters> Map<String, Set<String>> buyers(
            Aggregate<T> aggregate, List<CustomerCounters> rows, Set<String> items) {
        if (items.isEmpty()) {
            return Map.of();
        }
        Map<String, Set<String>> out = new HashMap<>();
        List<String> keys = new ArrayList<>(READ_CHUNK);
        for (CustomerCounters c : rows) {
            for (String item : items) {
                keys.add(Aggregate.customerItemKey(c.customerId(), item));
                if (keys.size() == READ_CHUNK) {
                    collect(aggregate, keys, out);
                    keys.clear();
                }
            }
        }
        if (!keys.isEmpty()) {
            collect(aggregate, keys, out);
        }
        return out;
    }

    private <T extends Counters> void collect(Aggregate<T> aggregate, List<String> keys, Map<String, Set<String>> out) {
        for (T row : store.read(aggregate, keys).values()) {
            if (row instanceof CustomerProductCounters p && p.orders() > 0) {
                out.computeIfAbsent(p.productId(), k -> new HashSet<>()).add(p.customerId());
            } else if (row instanceof CustomerCategoryCounters cc && cc.orders() > 0) {
                out.computeIfAbsent(cc.category(), k -> new HashSet<>()).add(cc.customerId());
            }
        }
    }

    private List<CustomerCounters> customersWithOrders(long asOfDay) {
        List<CustomerCounters> rows = new ArrayList<>();
        store.scan(Aggregate.CUSTOMERS, Scan.all(), (CustomerCounters c) -> {
            if (c.orders() > 0) {
                requireNotBefore(asOfDay, CustomerFacts.day(c.lastOrderAt(), zone), c.customerId());
                rows.add(c);
            }
        });
        return rows;
    }

    private RfmTable rfmTable(LocalDate asOf) {
        return RfmTable.of(
                customersWithOrders(asOf.toEpochDay()),
                c -> CustomerFacts.day(c.lastOrderAt(), zone),
                asOf.toEpochDay(),
                options.scoring());
    }

    private RfmScore score(RfmTable t, int i) {
        CustomerCounters c = t.customers[i];
        int r = t.recency[i];
        int f = t.frequency[i];
        int m = t.monetary[i];
        return new RfmScore(
                c.customerId(),
                t.recencyDays[i],
                c.orders(),
                QueryService.money(c.spent()),
                r,
                f,
                m,
                options.grid().segmentOf(r, f, m));
    }

    private RfmSummary summary(RfmTable t, LocalDate asOf) {
        RfmGrid grid = options.grid();
        Map<String, long[]> segments = new LinkedHashMap<>();
        for (String name : grid.names()) {
            segments.put(name, new long[2]);
        }
        long[][] cellCount = new long[6][6];
        long[][] cellSpend = new long[6][6];
        for (int i = 0; i < t.size(); i++) {
            int r = t.recency[i];
            int f = t.frequency[i];
            long spent = t.customers[i].spent();
            long[] s = segments.get(grid.segmentOf(r, f, t.monetary[i]));
            s[0]++;
            s[1] = Math.addExact(s[1], spent);
            cellCount[r][f]++;
            cellSpend[r][f] = Math.addExact(cellSpend[r][f], spent);
        }
        List<SegmentSize> sizes = new ArrayList<>();
        segments.forEach(
                (name, s) -> sizes.add(new SegmentSize(name, s[0], share(s[0], t.size()), QueryService.money(s[1]))));
        List<RfmCell> cells = new ArrayList<>(25);
        for (int r = 5; r >= 1; r--) {
            for (int f = 1; f <= 5; f++) {
                cells.add(new RfmCell(r, f, cellCount[r][f], QueryService.money(cellSpend[r][f])));
            }
        }
        return new RfmSummary(
                asOf, options.scoring(), t.size(), t.recencyCuts, t.frequencyCuts, t.monetaryCuts, sizes, cells);
    }

    // ----- helpers -----

    private static Comparator<Candidate> comparator(MemberOrder order) {
        Comparator<Candidate> byId = Comparator.comparing(c -> c.row.customerId());
        return switch (order) {
            case SPEND ->
                Comparator.<Candidate>comparingLong(c -> -c.row.spent()).thenComparing(byId);
            case ORDERS ->
                Comparator.<Candidate>comparingLong(c -> -c.row.orders()).thenComparing(byId);
            case RECENCY ->
                Comparator.<Candidate, Instant>comparing(
                                c -> c.row.lastOrderAt(), Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(byId);
            case CUSTOMER_ID -> byId;
            case PREDICTED_CLV ->
                Comparator.<Candidate, BigDecimal>comparing(
                                c -> c.predictedClv, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(byId);
        };
    }

    private record Candidate(CustomerCounters row, long lastDay, BigDecimal predictedClv) {}

    /** The first {@code limit} candidates in an order, in a heap of at most {@code limit}. Not thread-safe. */
    private static final class Heap {
        private final Comparator<Candidate> order;
        private final int limit;
        private final PriorityQueue<Candidate> heap;

        Heap(Comparator<Candidate> order, int limit) {
            this.order = order;
            this.limit = limit;
            this.heap = new PriorityQueue<>(Math.min(limit, 1024) + 1, Collections.reverseOrder(order));
        }

        void offer(Candidate c) {
            if (heap.size() < limit) {
                heap.add(c);
            } else if (order.compare(c, heap.peek()) < 0) {
                heap.poll();
                heap.add(c);
            }
        }

        List<Candidate> sorted() {
            List<Candidate> out = new ArrayList<>(heap);
            out.sort(order);
            return out;
        }
    }

    private static BigDecimal share(long part, long total) {
        return total <= 0
                ? new BigDecimal("0.0000")
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
    }

    /** Cache parameters: each part's string form, length-prefixed, so that distinct arguments never collide. */
    private static String key(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            String text = String.valueOf(p);
            sb.append(text.length()).append(':').append(text).append('|');
        }
        return sb.toString();
    }

    private <T> T cached(String query, String params, Type type, Supplier<T> loader) {
        return cache.get(new CacheRequest<T>(query, params, List.of(CacheScope.GLOBAL), type), loader);
    }

    private static void requireAsOf(LocalDate asOf) {
        if (asOf == null) {
            throw new InvalidRuleException("asOf must not be null: give the business-zone day to compute for");
        }
        if (asOf.isBefore(Checks.MIN_DATE) || asOf.isAfter(Checks.MAX_DATE)) {
            throw new InvalidRuleException(
                    "asOf must be in " + Checks.MIN_DATE + ".." + Checks.MAX_DATE + ", got " + asOf);
        }
    }

    private static void requireNotBefore(long asOfDay, long lastDay, String customerId) {
        if (lastDay != Long.MIN_VALUE && lastDay > asOfDay) {
            throw new InvalidRuleException(
                    "asOf " + LocalDate.ofEpochDay(asOfDay) + " is before the latest counted"
                            + " order day " + LocalDate.ofEpochDay(lastDay) + " of customer " + Checks.quote(customerId)
                            + "; the counters hold today's totals, so asOf must be on or after every customer's last order day");
        }
    }

    private static void requireCustomerId(String customerId) {
        String problem = Checks.idProblem(customerId, Checks.MAX_ID_LENGTH);
        if (problem != null) {
            throw new InvalidRuleException("customerId" + problem);
        }
    }

    private static void requirePage(int offset, int limit) {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new InvalidRuleException("offset must be 0.." + MAX_OFFSET + ", got " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRuleException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }
}
