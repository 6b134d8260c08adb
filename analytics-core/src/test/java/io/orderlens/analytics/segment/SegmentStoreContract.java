package io.orderlens.analytics.segment;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.spi.AnalyticsStore;
import io.orderlens.analytics.testing.MutableClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFM and rule-based segments on every store: a seeded history with many ties (few prices, few days, some orders
 * canceled before they count) is recorded through the engine, and every answer is compared with an independent fold
 * of the same orders written in this test (sorts and plain predicates over the orders, not the counters). A store's
 * test extends this class and supplies a fresh, empty store. Shipped in analytics-core's test-jar.
 */
public abstract class SegmentStoreContract {
    /** Orders at 02:00 UTC fall on the previous day in this zone, so days are the business zone's. */
    protected static final ZoneId ZONE = ZoneId.of("America/New_York");

    protected static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);
    private static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");
    private static final String[] PRICES = {"5.00", "10.00", "12.50", "20.00"};
    private static final String[] CATEGORIES = {"cat-a", "cat-b", "cat-c"};

    protected AnalyticsStore store;
    protected Analytics analytics;
    private final Map<String, Fold> fold = new TreeMap<>();

    /** A fresh, empty store. */
    protected abstract AnalyticsStore newStore();

    /** Per customer, what the counted orders add up to. */
    static final class Fold {
        final String id;
        long orders;
        BigDecimal spend = BigDecimal.ZERO;
        long items;
        LocalDate first;
        LocalDate last;
        final java.util.Set<String> products = new java.util.HashSet<>();
        final java.util.Set<String> categories = new java.util.HashSet<>();

        Fold(String id) {
            this.id = id;
        }

        long recency() {
            return ChronoUnit.DAYS.between(last, AS_OF);
        }

        BigDecimal aov() {
            return spend.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
        }
    }

    @BeforeEach
    void record() {
        store = newStore();
        analytics = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(new MutableClock(NOW))
                .build();
        Random random = new Random(12);
        List<OrderEvent> events = new ArrayList<>();
        for (int c = 0; c < 120; c++) {
            String customer = String.format("c-%03d", c);
            int n = 1 + random.nextInt(4);
            for (int k = 0; k < n; k++) {
                Instant at = Instant.parse("2026-03-01T02:00:00Z")
                        .plus(random.nextInt(25), ChronoUnit.DAYS)
                        .plus(random.nextInt(20), ChronoUnit.HOURS);
                String product = "p-" + random.nextInt(6);
                String category = CATEGORIES[random.nextInt(3)];
                int qty = 1 + random.nextInt(2);
                String price = PRICES[random.nextInt(PRICES.length)];
                Order o = order(customer + "-o" + k, customer, at, line(product, category, qty, price));
                events.add(OrderEvent.placed(o));
                if (random.nextInt(8) == 0) {
                    events.add(OrderEvent.canceled(o.orderId(), at.plusSeconds(60)));
                    continue;
                }
                events.add(OrderEvent.delivered(o.orderId(), at.plusSeconds(3600)));
                Fold f = fold.computeIfAbsent(customer, Fold::new);
                LocalDate day = LocalDate.ofInstant(at, ZONE);
                f.orders++;
                LineItem l = o.lines().get(0);
                f.spend = f.spend.add(l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())));
                f.items += l.quantity();
                f.first = f.first == null || day.isBefore(f.first) ? day : f.first;
                f.last = f.last == null || day.isAfter(f.last) ? day : f.last;
                f.products.add(product);
                f.categories.add(category);
            }
        }
        analytics.recordAll(events);
    }

    @AfterEach
    void close() {
        analytics.close();
    }

    // ----- the independent fold's RFM -----

    /** NTILE(5) by walking groups: sizes n/5, the first n%5 one larger, over customers sorted worst to best. */
    static Map<String, Integer> ntile(List<Fold> customers, Comparator<Fold> worstFirst) {
        List<Fold> sorted = new ArrayList<>(customers);
        sorted.sort(worstFirst.thenComparing(f -> f.id));
        Map<String, Integer> out = new TreeMap<>();
        int n = sorted.size();
        int at = 0;
        for (int group = 1; group <= 5; group++) {
            int size = n / 5 + (group <= n % 5 ? 1 : 0);
            for (int i = 0; i < size; i++) {
                out.put(sorted.get(at++).id, group);
            }
        }
        return out;
    }

    /** Type-7 quantile at k/5 of the values, exactly. */
    static BigDecimal quantile(List<BigDecimal> values, int k) {
        List<BigDecimal> x = new ArrayList<>(values);
        x.sort(Comparator.naturalOrder());
        BigDecimal h = BigDecimal.valueOf((long) (x.size() - 1) * k).divide(BigDecimal.valueOf(5));
        int lo = h.intValue();
        BigDecimal frac = h.subtract(BigDecimal.valueOf(lo));
        return lo + 1 < x.size() ? x.get(lo).add(frac.multiply(x.get(lo + 1).subtract(x.get(lo)))) : x.get(lo);
    }

    static Map<String, Integer> thresholds(
            List<Fold> customers, Function<Fold, BigDecimal> value, boolean lowerIsBetter) {
        List<BigDecimal> all = customers.stream().map(value).toList();
        Map<String, Integer> out = new TreeMap<>();
        for (Fold f : customers) {
            BigDecimal v = value.apply(f);
            int score = lowerIsBetter ? 5 : 1;
            for (int k = 1; k <= 4; k++) {
                int c = v.compareTo(quantile(all, k));
                if (lowerIsBetter && c >= 0) {
                    score--;
                } else if (!lowerIsBetter && c > 0) {
                    score++;
                }
            }
            out.put(f.id, score);
        }
        return out;
    }

    private List<Fold> customers() {
        return new ArrayList<>(fold.values());
    }

    private Map<String, int[]> expectedScores(RfmScoring scoring) {
        List<Fold> all = customers();
        Map<String, Integer> r;
        Map<String, Integer> f;
        Map<String, Integer> m;
        if (scoring == RfmScoring.RANK) {
            r = ntile(all, Comparator.comparingLong((Fold x) -> x.recency()).reversed());
            f = ntile(all, Comparator.comparingLong(x -> x.orders));
            m = ntile(all, Comparator.comparing(x -> x.spend));
        } else {
            r = thresholds(all, x -> BigDecimal.valueOf(x.recency()), true);
            f = thresholds(all, x -> BigDecimal.valueOf(x.orders), false);
            m = thresholds(all, x -> x.spend, false);
        }
        Map<String, int[]> out = new TreeMap<>();
        for (Fold x : all) {
            out.put(x.id, new int[] {r.get(x.id), f.get(x.id), m.get(x.id)});
        }
        return out;
    }

    // ----- RFM -----

    @Test
    void rankScoresMatchNtileOverASortOfTheOrdersWithTiesByCustomerId() {
        assertScores(RfmScoring.RANK);
    }

    @Test
    void thresholdScoresMatchType7QuantilesOfTheOrdersAndTiesShareAScore() {
        assertScores(RfmScoring.THRESHOLDS);
    }

    private void assertScores(RfmScoring scoring) {
        Segments segments = analytics.segments().using(RfmOptions.defaults().withScoring(scoring));
        Map<String, int[]> expected = expectedScores(scoring);
        List<RfmScore> scores = new ArrayList<>();
        for (int offset = 0; ; offset += 50) {
            List<RfmScore> page = segments.rfmScores(AS_OF, offset, 50);
            scores.addAll(page);
            if (page.size() < 50) {
                break;
            }
        }
        assertThat(scores).extracting(RfmScore::customerId).containsExactlyElementsOf(expected.keySet());
        for (RfmScore s : scores) {
            Fold f = fold.get(s.customerId());
            int[] e = expected.get(s.customerId());
            assertThat(new long[] {s.recencyDays(), s.orders(), s.recency(), s.frequency(), s.monetary()})
                    .as(s.customerId())
                    .containsExactly(f.recency(), f.orders, e[0], e[1], e[2]);
            assertThat(s.netSpend()).isEqualByComparingTo(f.spend);
            assertThat(s.segment()).isEqualTo(RfmGrid.standard().segmentOf(e[0], e[1], e[2]));
        }
        Map<Object, Long> bySegment = new TreeMap<>();
        for (int[] e : expected.values()) {
            bySegment.merge(RfmGrid.standard().segmentOf(e[0], e[1], e[2]), 1L, Long::sum);
        }
        RfmSummary summary = segments.rfm(AS_OF);
        assertThat(summary.customers()).isEqualTo(fold.size());
        for (SegmentSize size : summary.segments()) {
            assertThat(size.customers()).as(size.segment()).isEqualTo(bySegment.getOrDefault(size.segment(), 0L));
        }
        assertThat(summary.cells()).hasSize(25);
        assertThat(summary.cells().stream().mapToLong(RfmCell::customers).sum()).isEqualTo(fold.size());
        RfmScore one = scores.get(7);
        assertThat(segments.rfm(one.customerId(), AS_OF)).contains(one);
        if (scoring == RfmScoring.THRESHOLDS) {
            List<BigDecimal> spends = customers().stream().map(x -> x.spend).toList();
            for (int k = 1; k <= 4; k++) {
                assertThat(summary.monetaryCuts().get(k - 1)).isEqualByComparingTo(quantile(spends, k));
            }
        } else {
            assertThat(summary.monetaryCuts()).isEmpty();
        }
    }

    @Test
    void aCustomerWithoutACountedOrderHasNoScore() {
        assertThat(analytics.segments().rfm("nobody", AS_OF)).isEmpty();
    }

    @Test
    void anAsOfDayBeforeACustomersLastOrderIsRefusedNamingTheCustomer() {
        assertThatThrownBy(() -> analytics.segments().rfm(LocalDate.of(2026, 3, 10)))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("asOf 2026-03-10 is before the latest counted order day");
        assertThatThrownBy(() -> analytics.segments().count(Rule.where(CustomerField.ORDERS, Operator.GE, 1), null))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("asOf must not be null");
    }

    // ----- rules -----

    private long expectedCount(Predicate<Fold> p) {
        return fold.values().stream().filter(p).count();
    }

    @Test
    void countsAndSharesMatchTheFold() {
        Segments s = analytics.segments();
        Map<String, int[]> rfm = expectedScores(RfmScoring.RANK);
        LocalDate d1 = LocalDate.of(2026, 3, 5);
        LocalDate d2 = LocalDate.of(2026, 3, 15);
        Map<Rule, Predicate<Fold>> cases = Map.of(
                Rule.and(
                        Rule.where(CustomerField.ORDERS, Operator.GE, 2),
                        Rule.where(CustomerField.NET_SPEND, Operator.GT, new BigDecimal("30"))),
                f -> f.orders >= 2 && f.spend.compareTo(new BigDecimal("30")) > 0,
                Rule.or(
                        Rule.where(CustomerField.PRODUCT, Operator.EQ, "p-1"),
                        Rule.where(CustomerField.CATEGORY, Operator.IN, "cat-c", "cat-x")),
                f -> f.products.contains("p-1") || f.categories.contains("cat-c"),
                Rule.not(Rule.where(CustomerField.LAST_ORDER_DATE, Operator.WITHIN_LAST_DAYS, 10)),
                f -> !(f.recency() < 10),
                Rule.or(
                        Rule.where(CustomerField.RFM_SEGMENT, Operator.EQ, "Champions"),
                        Rule.where(CustomerField.RFM_RECENCY, Operator.GE, 4)),
                f -> {
                    int[] e = rfm.get(f.id);
                    return RfmGrid.standard().segmentOf(e[0], e[1], e[2]).equals("Champions") || e[0] >= 4;
                },
                Rule.and(
                        Rule.where(CustomerField.FIRST_ORDER_DATE, Operator.BETWEEN, d1, d2),
                        Rule.where(CustomerField.AVERAGE_ORDER_VALUE, Operator.LE, "25")),
                f -> !f.first.isBefore(d1) && !f.first.isAfter(d2) && f.aov().compareTo(new BigDecimal("25")) <= 0,
                Rule.and(
                        Rule.where(CustomerField.DAYS_SINCE_LAST_ORDER, Operator.LT, 7),
                        Rule.where(CustomerField.PRODUCT, Operator.NE, "p-2"),
                        Rule.where(CustomerField.ITEMS, Operator.IN, 2, 3, 4)),
                f -> f.recency() < 7 && !f.products.contains("p-2") && f.items >= 2 && f.items <= 4);
        for (Map.Entry<Rule, Predicate<Fold>> c : cases.entrySet()) {
            long expected = expectedCount(c.getValue());
            SegmentCount count = s.count(c.getKey(), AS_OF);
            assertThat(count.customers()).as(c.getKey().toString()).isEqualTo(expected);
            assertThat(count.totalCustomers()).isEqualTo(fold.size());
            assertThat(count.share())
                    .isEqualByComparingTo(BigDecimal.valueOf(expected)
                            .divide(BigDecimal.valueOf(fold.size()), 4, RoundingMode.HALF_UP));
            assertThat(expected).as("a case that selects some but not all").isBetween(1L, fold.size() - 1L);
        }
    }

    @Test
    void isMemberAgreesWithTheFoldForEveryCustomer() {
        Rule rule = Rule.or(
                Rule.where(CustomerField.CATEGORY, Operator.EQ, "cat-b"),
                Rule.where(CustomerField.RFM_FREQUENCY, Operator.EQ, 5));
        Map<String, int[]> rfm = expectedScores(RfmScoring.RANK);
        for (Fold f : fold.values()) {
            boolean expected = f.categories.contains("cat-b") || rfm.get(f.id)[1] == 5;
            assertThat(analytics.segments().isMember(f.id, rule, AS_OF))
                    .as(f.id)
                    .isEqualTo(expected);
        }
        Rule plain = Rule.where(CustomerField.ORDERS, Operator.GE, 3);
        for (Fold f : fold.values()) {
            assertThat(analytics.segments().isMember(f.id, plain, AS_OF))
                    .as(f.id)
                    .isEqualTo(f.orders >= 3);
        }
        assertThat(analytics.segments().isMember("nobody", plain, AS_OF)).isFalse();
    }

    @Test
    void membersArePagedInTheChosenOrderWithTiesByCustomerId() {
        Rule rule = Rule.where(CustomerField.ORDERS, Operator.GE, 2);
        List<Fold> expected = fold.values().stream()
                .filter(f -> f.orders >= 2)
                .sorted(Comparator.comparing((Fold f) -> f.spend).reversed().thenComparing(f -> f.id))
                .toList();
        List<SegmentMember> page = analytics.segments().members(rule, AS_OF, MemberOrder.SPEND, 10, 7);
        assertThat(page)
                .extracting(SegmentMember::customerId)
                .containsExactlyElementsOf(
                        expected.subList(10, 17).stream().map(f -> f.id).toList());
        SegmentMember first = page.get(0);
        Fold f = fold.get(first.customerId());
        assertThat(first.netSpend()).isEqualByComparingTo(f.spend);
        assertThat(first.averageOrderValue()).isEqualByComparingTo(f.aov());
        assertThat(first.daysSinceLastOrder()).isEqualTo(f.recency());

        List<Fold> byOrders = fold.values().stream()
                .filter(x -> x.orders >= 2)
                .sorted(Comparator.comparingLong((Fold x) -> -x.orders).thenComparing(x -> x.id))
                .toList();
        assertThat(analytics.segments().members(rule, AS_OF, MemberOrder.ORDERS, 0, 1000))
                .extracting(SegmentMember::customerId)
                .containsExactlyElementsOf(byOrders.stream().map(x -> x.id).toList());
        List<SegmentMember> byRecency = analytics.segments().members(rule, AS_OF, MemberOrder.RECENCY, 0, 1000);
        assertThat(byRecency).extracting(SegmentMember::lastOrderAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(analytics.segments().members(rule, AS_OF, MemberOrder.SPEND, expected.size(), 5))
                .isEmpty();
    }

    @Test
    void statisticsAreExactSumsOfTheMembers() {
        Rule rule = Rule.where(CustomerField.TIER, Operator.EQ, "BRONZE");
        List<Fold> members = fold.values().stream().toList();
        SegmentStatistics st = analytics.segments().statistics(rule, AS_OF);
        long orders = members.stream().mapToLong(f -> f.orders).sum();
        BigDecimal spend = members.stream().map(f -> f.spend).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(st.customers()).isEqualTo(members.size());
        assertThat(st.orders()).isEqualTo(orders);
        assertThat(st.netSpend()).isEqualByComparingTo(spend);
        assertThat(st.averageOrderValue())
                .isEqualByComparingTo(spend.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP));
        SegmentStatistics none =
                analytics.segments().statistics(Rule.where(CustomerField.ORDERS, Operator.GT, 99), AS_OF);
        assertThat(none.customers()).isZero();
        assertThat(none.averageOrderValue()).isEqualByComparingTo("0");
    }

    @Test
    void aDryRunCountsAndSamplesTheHighestSpenders() {
        Rule rule = Rule.where(CustomerField.PRODUCT, Operator.IN, "p-0", "p-3");
        SegmentPreview preview = analytics.segments().dryRun(rule, AS_OF, 3);
        List<String> expected = fold.values().stream()
                .filter(f -> f.products.contains("p-0") || f.products.contains("p-3"))
                .sorted(Comparator.comparing((Fold f) -> f.spend).reversed().thenComparing(f -> f.id))
                .map(f -> f.id)
                .toList();
        assertThat(preview.count().customers()).isEqualTo(expected.size());
        assertThat(preview.sample())
                .extracting(SegmentMember::customerId)
                .containsExactlyElementsOf(expected.subList(0, 3));
    }

    @Test
    void aSegmentNameOutsideTheGridIsRefusedNamingIt() {
        assertThatThrownBy(() ->
                        analytics.segments().count(Rule.where(CustomerField.RFM_SEGMENT, Operator.EQ, "Champs"), AS_OF))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("'Champs'")
                .hasMessageContaining("Champions");
    }

    @Test
    void aReplacedGridNamesTheSegments() {
        RfmGrid twoWay = new RfmGrid(List.of(new RfmSegmentRule("Recent", 4, 5, 1, 5, 1, 5)), "Earlier");
        Segments s = analytics.segments().using(RfmOptions.defaults().withGrid(twoWay));
        Map<String, int[]> rfm = expectedScores(RfmScoring.RANK);
        long recent = rfm.values().stream().filter(e -> e[0] >= 4).count();
        assertThat(s.rfm(AS_OF).segments())
                .extracting(SegmentSize::segment, SegmentSize::customers)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Recent", recent),
                        org.assertj.core.groups.Tuple.tuple("Earlier", (long) fold.size() - recent));
        assertThat(s.count(Rule.where(CustomerField.RFM_SEGMENT, Operator.EQ, "Recent"), AS_OF)
                        .customers())
                .isEqualTo(recent);
    }

    @Test
    void whileTheClvModelIsNotUsableClvConditionsSelectNobodyAndClvOrderFallsBackToIds() {
        // this history has no drop-out for BG/NBD to find: the purchase model does not converge
        assertThat(analytics.lifetimeValue().model(AS_OF).usable()).isFalse();
        assertThat(analytics
                        .segments()
                        .count(Rule.where(CustomerField.PREDICTED_CLV, Operator.GE, "0"), AS_OF)
                        .customers())
                .isZero();
        assertThat(analytics
                        .segments()
                        .count(Rule.not(Rule.where(CustomerField.PROBABILITY_ALIVE, Operator.LE, "1")), AS_OF)
                        .customers())
                .isEqualTo(fold.size());
        List<SegmentMember> members = analytics
                .segments()
                .members(Rule.where(CustomerField.ORDERS, Operator.GE, 1), AS_OF, MemberOrder.PREDICTED_CLV, 0, 5);
        assertThat(members)
                .extracting(SegmentMember::customerId)
                .containsExactlyElementsOf(fold.keySet().stream().limit(5).toList());
        assertThat(members).extracting(SegmentMember::predictedClv).containsOnlyNulls();
    }

    @Test
    void aNewOrderIsSeenByTheNextQuery() {
        Rule rule = Rule.where(CustomerField.PRODUCT, Operator.EQ, "p-new");
        assertThat(analytics.segments().count(rule, AS_OF).customers()).isZero();
        Order o = order("late-1", "c-000", Instant.parse("2026-03-30T15:00:00Z"), line("p-new", "cat-a", 1, "3.00"));
        analytics.recordAll(
                List.of(OrderEvent.placed(o), OrderEvent.delivered("late-1", Instant.parse("2026-03-30T16:00:00Z"))));
        assertThat(analytics.segments().count(rule, AS_OF).customers()).isEqualTo(1);
        assertThat(analytics.segments().rfm("c-000", AS_OF).orElseThrow().recencyDays())
                .isEqualTo(1);
    }
}
