package io.orderlens.analytics.spi;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.DriftReport;
import io.orderlens.analytics.RecordOutcome;
import io.orderlens.analytics.cohort.AcquisitionCohort;
import io.orderlens.analytics.cohort.AcquisitionFunnel;
import io.orderlens.analytics.cohort.Cohort;
import io.orderlens.analytics.cohort.CohortCell;
import io.orderlens.analytics.cohort.CohortPeriod;
import io.orderlens.analytics.cohort.CohortTable;
import io.orderlens.analytics.cohort.FunnelStep;
import io.orderlens.analytics.funnel.DurationBuckets;
import io.orderlens.analytics.model.Customer;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.MoneyUnits;
import io.orderlens.analytics.model.Order;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.model.RefundLine;
import io.orderlens.analytics.query.CustomerProfile;
import io.orderlens.analytics.query.ProductRanking;
import io.orderlens.analytics.query.ProductStats;
import io.orderlens.analytics.testing.EngineChanges;
import io.orderlens.analytics.testing.StoreReads;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AnalyticsStore} must have. An implementation's test extends this class and supplies a
 * fresh, empty store per test; everything else is inherited. Shipped in analytics-core's test-jar.
 */
public abstract class AnalyticsStoreContract {
    protected static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    protected static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
    protected static final Instant DAY1 = Instant.parse("2026-06-01T06:30:00Z"); // 12:00 in Kolkata
    protected static final Instant DAY2 = Instant.parse("2026-06-02T06:30:00Z");

    protected AnalyticsStore store;
    protected Analytics analytics;
    protected EngineChanges changes;

    /** Net units descending, then product id: a ranking of the kind core declares, for the primitive's tests. */
    protected static final Ranking<ProductCounters> UNITS_THEN_ID = Ranking.of("unitsThenId", Aggregate.PRODUCTS)
            .descending("units", ProductCounters::units)
            .ascendingText("productId", ProductCounters::productId)
            .build();
    /** Directions mixed, to prove a store follows each key's direction. */
    protected static final Ranking<ProductCounters> REVENUE_ASCENDING_THEN_ID_DESCENDING = Ranking.of(
                    "revenueUpIdDown", Aggregate.PRODUCTS)
            .ascending("revenue", ProductCounters::revenue)
            .descendingText("productId", ProductCounters::productId)
            .build();

    protected static final Ranking<CustomerProductCounters> CUSTOMER_ITEMS_BY_UNITS = Ranking.of(
                    "customerItemsByUnits", Aggregate.CUSTOMER_PRODUCTS)
            .descending("units", CustomerProductCounters::units)
            .ascendingText("productId", CustomerProductCounters::productId)
            .build();

    /** A fresh, empty store. Called once per test. */
    protected abstract AnalyticsStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        analytics = Analytics.builder().store(store).zone(ZONE).clock(clock).build();
        changes = new EngineChanges(ZONE, clock);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ----- helpers -----

    protected void deliver(Order order) {
        analytics.recordAll(List.of(OrderEvent.placed(order), OrderEvent.delivered(order.orderId(), order.placedAt())));
    }

    private LedgerChange newOrderChange(Order order) {
        return changes.of(null, OrderEvent.delivered(order, order.placedAt()));
    }

    private <T extends Counters> List<T> scan(Aggregate<T> aggregate, Scan scan) {
        List<T> out = new ArrayList<>();
        store.scan(aggregate, scan, out::add);
        return out;
    }

    private static long units(String amount) {
        return MoneyUnits.of(new BigDecimal(amount), "test amount");
    }

    // ----- the worked example -----

    @Test
    @DisplayName("worked example: a delivered 2 × Margherita + 1 × Pepsi order moves product and customer totals")
    void workedExample() {
        for (int i = 0; i < 45; i++) {
            deliver(order("m-" + i, "other-" + i, DAY1, line("margherita", "pizza", 1, "299")));
        }
        for (int i = 0; i < 89; i++) {
            deliver(order("p-" + i, "other-" + i, DAY1, line("pepsi", "beverages", 1, "60")));
        }
        deliver(order("c42-1", "c-42", DAY1, line("paneer-tikka", "starters", 1, "350")));
        deliver(order("c42-2", "c-42", DAY1, line("biryani", "mains", 2, "250")));
        assertThat(analytics.queries().product("margherita").orElseThrow().revenue())
                .isEqualByComparingTo("13455");
        assertThat(analytics.queries().product("pepsi").orElseThrow().revenue()).isEqualByComparingTo("5340");

        deliver(order(
                "c42-3", "c-42", DAY2, line("margherita", "pizza", 2, "299"), line("pepsi", "beverages", 1, "60")));

        CustomerProfile c = analytics.queries().customer("c-42").orElseThrow();
        assertThat(c.totalOrders()).isEqualTo(3);
        assertThat(c.totalSpent()).isEqualByComparingTo("1508");
        assertThat(c.averageOrderValue()).isEqualByComparingTo("502.67");
        ProductStats margherita = analytics.queries().product("margherita").orElseThrow();
        assertThat(margherita.unitsSold()).isEqualTo(47);
        assertThat(margherita.revenue()).isEqualByComparingTo("14053");
        assertThat(margherita.rating()).isEqualByComparingTo("4.2");
        ProductStats pepsi = analytics.queries().product("pepsi").orElseThrow();
        assertThat(pepsi.unitsSold()).isEqualTo(90);
        assertThat(pepsi.revenue()).isEqualByComparingTo("5400");
        assertThat(pepsi.rating()).isEqualByComparingTo("4.5");
    }

    // ----- ledger and compare-and-set -----

    @Test
    void ledgerReturnsOnlyStoredKeys() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 1, "10")));
        Map<String, LedgerEntry> found = store.ledger(List.of("o:o-1", "o:missing"));
        assertThat(found).containsOnlyKeys("o:o-1");
        LedgerEntry e = found.get("o:o-1");
        assertThat(e.counted()).isTrue();
        assertThat(e.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(e.order()).isEqualTo(order("o-1", "c-1", DAY1, line("p-1", "cat", 1, "10")));
        assertThat(e.orderDay()).isEqualTo(LocalDate.of(2026, 6, 1));
    }

    @Test
    void replayingTheSameBatchChangesNothing() {
        StoreBatch batch = new StoreBatch(
                "batch-1", List.of(newOrderChange(order("o-1", "c-1", DAY1, line("p-1", "cat", 3, "2.50")))));
        assertThat(store.apply(batch).conflicts()).isEmpty();
        Delta once = store.snapshot();
        store.apply(batch);
        store.apply(batch);
        assertThat(store.snapshot()).isEqualTo(once);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(3);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().revenue()).isEqualTo(units("7.50"));
    }

    @Test
    void aChangeFromAStaleVersionIsAConflictAndHasNoEffect() {
        Order o = order("o-1", "c-1", DAY1, line("p-1", "cat", 1, "10"));
        LedgerChange first = newOrderChange(o);
        store.apply(new StoreBatch("b-1", List.of(first)));
        // a second writer that also believed the key was absent
        ApplyResult r = store.apply(new StoreBatch("b-2", List.of(newOrderChange(o))));
        assertThat(r.conflicts()).containsExactly("o:o-1");
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(1);
        // a writer that read version 1 wins
        LedgerEntry stored = store.ledger(List.of("o:o-1")).get("o:o-1");
        LedgerChange cancel = changes.of(stored, OrderEvent.canceled("o-1", DAY2));
        assertThat(store.apply(new StoreBatch("b-3", List.of(cancel))).conflicts())
                .isEmpty();
        // and the same change again, from the now stale version 1, conflicts
        assertThat(store.apply(new StoreBatch("b-4", List.of(cancel))).conflicts())
                .containsExactly("o:o-1");
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isZero();
        assertThat(store.ledger(List.of("o:o-1")).get("o:o-1").version()).isEqualTo(2);
    }

    @Test
    void onlyTheConflictingChangesOfABatchAreLeftOut() {
        Order a = order("o-a", "c-1", DAY1, line("p-1", "cat", 1, "10"));
        store.apply(new StoreBatch("b-1", List.of(newOrderChange(a))));
        Order b = order("o-b", "c-2", DAY1, line("p-1", "cat", 2, "10"));
        ApplyResult r = store.apply(new StoreBatch("b-2", List.of(newOrderChange(a), newOrderChange(b))));
        assertThat(r.conflicts()).containsExactly("o:o-a");
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(3);
        assertThat(store.get(Aggregate.CUSTOMERS, "c-2").orElseThrow().orders()).isEqualTo(1);
    }

    @Test
    void forEachLedgerEntryVisitsEveryEntry() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 1, "10")));
        deliver(order("o-2", "c-2", DAY1, line("p-1", "cat", 1, "10")));
        analytics.record(OrderEvent.refunded(Refund.standalone(
                "r-1", "c-1", DAY2, List.of(new RefundLine("p-1", 1, new BigDecimal("10"), null)), "IN")));
        List<String> keys = new ArrayList<>();
        store.forEachLedgerEntry(e -> keys.add(e.key()));
        assertThat(keys).containsExactlyInAnyOrder("o:o-1", "o:o-2", "r:r-1", "c:c-1", "c:c-2");
    }

    // ----- aggregates and reads -----

    @Test
    void bulkReadsReturnTheStoredRowsOfExactlyTheKnownIds() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 2, "3.50"), line("p-2", "cat", 1, "1.25")));
        deliver(order("o-2", "c-2", DAY2, line("p-2", "cat", 4, "1.25")));

        Map<String, ProductCounters> products = store.read(Aggregate.PRODUCTS, List.of("p-2", "nope", "p-1"));
        assertThat(products).containsOnlyKeys("p-1", "p-2");
        assertThat(products.get("p-1"))
                .isEqualTo(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow());
        assertThat(products.get("p-2").units()).isEqualTo(5);
        Map<String, CustomerCounters> customers = store.read(Aggregate.CUSTOMERS, List.of("c-2", "c-1", "c-3"));
        assertThat(customers).containsOnlyKeys("c-1", "c-2");
        assertThat(customers.get("c-2"))
                .isEqualTo(store.get(Aggregate.CUSTOMERS, "c-2").orElseThrow());
        assertThat(store.read(Aggregate.PRODUCTS, List.of())).isEmpty();
        assertThat(store.read(Aggregate.CUSTOMERS, List.of("nope"))).isEmpty();
    }

    @Test
    void unknownKeysReadAsEmpty() {
        for (Aggregate<?> aggregate : Aggregate.values()) {
            assertThat(store.get(aggregate, "nope")).as(aggregate.name()).isEmpty();
            assertThat(store.read(aggregate, List.of("nope", "other")))
                    .as(aggregate.name())
                    .isEmpty();
            assertThat(scan(aggregate, Scan.all())).as(aggregate.name()).isEmpty();
        }
        assertThat(scan(Aggregate.CUSTOMER_PRODUCTS, Scan.partition("nope"))).isEmpty();
        assertThat(StoreReads.days(store, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                .isEmpty();
        assertThat(store.top(UNITS_THEN_ID, Scan.all(), 10)).isEmpty();
    }

    @Test
    void everyRowIsReadByTheKeyItsAggregateDefines() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 2, "3.50")));
        Delta all = store.snapshot();
        assertThat(all.size()).isEqualTo(10);
        for (Aggregate<?> aggregate : Aggregate.values()) {
            // an order alone creates a row of every kind but the experiment rows (ExperimentStoreContract)
            if (aggregate != Aggregate.EXPERIMENT_CUSTOMERS && aggregate != Aggregate.EXPERIMENT_VARIATIONS) {
                assertEveryRowIsReadByItsKey(aggregate);
            }
        }
        assertThat(store.get(Aggregate.CUSTOMER_PRODUCTS, Aggregate.customerItemKey("c-1", "p-1"))
                        .orElseThrow()
                        .units())
                .isEqualTo(2);
        assertThat(store.get(Aggregate.DAY_COUNTRIES, "2026-06-01|IN")
                        .orElseThrow()
                        .orders())
                .isEqualTo(1);
        assertThat(store.get(Aggregate.DAY_CATEGORIES, "2026-06-01|cat")
                        .orElseThrow()
                        .units())
                .isEqualTo(2);
    }

    private <T extends Counters> void assertEveryRowIsReadByItsKey(Aggregate<T> aggregate) {
        List<T> rows = scan(aggregate, Scan.all());
        assertThat(rows).as(aggregate.name()).hasSize(1);
        String key = aggregate.keyOf(rows.get(0));
        assertThat(store.read(aggregate, List.of(key, "nope")))
                .as(aggregate.name())
                .containsOnlyKeys(key);
        assertThat(store.get(aggregate, key)).as(aggregate.name()).contains(rows.get(0));
    }

    @Test
    void aPartitionScanVisitsExactlyOneCustomersRows() {
        deliver(order("o-1", "c-1", DAY1, line("tea", "drinks", 1, "2"), line("cake", "sweets", 3, "3")));
        deliver(order("o-2", "c-12", DAY1, line("tea", "drinks", 5, "2")));
        deliver(order("o-3", "c", DAY1, line("bun", "sweets", 1, "1")));
        assertThat(scan(Aggregate.CUSTOMER_PRODUCTS, Scan.partition("c-1")))
                .extracting(CustomerProductCounters::productId)
                .containsExactlyInAnyOrder("tea", "cake");
        assertThat(scan(Aggregate.CUSTOMER_CATEGORIES, Scan.partition("c-1")))
                .extracting(CustomerCategoryCounters::category)
                .containsExactlyInAnyOrder("drinks", "sweets");
        assertThat(scan(Aggregate.CUSTOMER_PRODUCTS, Scan.partition("c")))
                .extracting(CustomerProductCounters::productId)
                .containsExactly("bun");
    }

    @Test
    void aDateScanVisitsExactlyTheRangeInKeyOrder() {
        deliver(order("o-1", "c-1", DAY2, "FR", line("p", "cat", 1, "5")));
        deliver(order("o-2", "c-2", DAY1, "IN", line("p", "cat", 1, "5")));
        deliver(order("o-3", "c-3", DAY1.plusSeconds(2 * 86_400), "DE", line("p", "cat", 1, "5")));
        deliver(order("o-4", "c-4", DAY1.minusSeconds(86_400), "IN", line("p", "cat", 1, "5")));
        deliver(order("o-5", "c-5", DAY2, line("p", "cat", 1, "5")));
        List<DayCountryCounters> rows =
                scan(Aggregate.DAY_COUNTRIES, Scan.dates(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 3)));
        assertThat(rows)
                .extracting(Aggregate.DAY_COUNTRIES::keyOf)
                .containsExactly("2026-06-01|IN", "2026-06-02|FR", "2026-06-02|IN", "2026-06-03|DE");
        assertThat(scan(Aggregate.DAYS, Scan.dates(LocalDate.of(2026, 5, 31), LocalDate.of(2026, 6, 2))))
                .extracting(DayCounters::date)
                .containsExactly(LocalDate.of(2026, 5, 31), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 2));
        assertThat(scan(Aggregate.DAYS, Scan.dates(LocalDate.of(2026, 6, 4), LocalDate.of(2026, 6, 30))))
                .isEmpty();
    }

    @Test
    void aScanThatDoesNotApplyToTheAggregateIsRefused() {
        assertThatThrownBy(() -> store.scan(Aggregate.PRODUCTS, Scan.partition("c-1"), r -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not partitioned");
        assertThatThrownBy(() -> store.scan(
                        Aggregate.CUSTOMERS, Scan.dates(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 2)), r -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not dated");
        assertThatThrownBy(() -> store.top(UNITS_THEN_ID, Scan.partition("c-1"), 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.top(UNITS_THEN_ID, Scan.all(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void moneyIsExactToTheTenthOfAThousandth() {
        for (int i = 0; i < 1000; i++) {
            deliver(order("o-" + i, "c-1", DAY1, line("tiny", "cat", 1, "0.001"), line("odd", "cat", 3, "0.0001")));
        }
        assertThat(store.get(Aggregate.PRODUCTS, "tiny").orElseThrow().revenue())
                .isEqualTo(units("1"));
        assertThat(store.get(Aggregate.PRODUCTS, "odd").orElseThrow().revenue()).isEqualTo(units("0.3"));
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().spent()).isEqualTo(units("1.3"));
    }

    @Test
    void topReturnsTheFirstRowsInTheRankingsOrderWithTiesBrokenByItsLaterKeys() {
        deliver(order(
                "o-1",
                "c-1",
                DAY1,
                line("b", "cat", 5, "1"),
                line("a", "cat", 5, "1"),
                line("c", "cat", 1, "100"),
                line("d", "cat", 2, "1")));
        assertThat(store.top(UNITS_THEN_ID, Scan.all(), 10))
                .extracting(ProductCounters::productId)
                .containsExactly("a", "b", "d", "c");
        assertThat(store.top(UNITS_THEN_ID, Scan.all(), 2))
                .extracting(ProductCounters::productId)
                .containsExactly("a", "b");
        assertThat(store.top(REVENUE_ASCENDING_THEN_ID_DESCENDING, Scan.all(), 3))
                .extracting(ProductCounters::productId)
                .containsExactly("d", "b", "a");
    }

    @Test
    void topIsExactlyTheScanSortedByTheRankingAndCutAtTheLimit() {
        // 40 products in 7 units classes and 3 revenue classes: many ties on the first keys
        for (int i = 0; i < 40; i++) {
            deliver(order(
                    "o-" + i,
                    "c-" + (i % 3),
                    DAY1,
                    line("p-" + (char) ('a' + i % 26) + i, "cat", 1 + i % 7, String.valueOf(1 + i % 3))));
        }
        for (Ranking<ProductCounters> ranking : List.of(UNITS_THEN_ID, REVENUE_ASCENDING_THEN_ID_DESCENDING)) {
            List<ProductCounters> sorted = scan(Aggregate.PRODUCTS, Scan.all());
            sorted.sort(ranking.comparator());
            for (int limit : List.of(1, 5, 13, 40, 100)) {
                assertThat(store.top(ranking, Scan.all(), limit))
                        .as(ranking + " top " + limit)
                        .containsExactlyElementsOf(sorted.subList(0, Math.min(limit, sorted.size())));
            }
        }
        List<CustomerProductCounters> ofC1 = scan(Aggregate.CUSTOMER_PRODUCTS, Scan.partition("c-1"));
        ofC1.sort(CUSTOMER_ITEMS_BY_UNITS.comparator());
        assertThat(store.top(CUSTOMER_ITEMS_BY_UNITS, Scan.partition("c-1"), 4))
                .containsExactlyElementsOf(ofC1.subList(0, 4));
    }

    @Test
    void topOfAPartitionRanksOnlyThatCustomersRows() {
        deliver(order("o-1", "c-1", DAY1, line("tea", "drinks", 1, "2"), line("cake", "sweets", 3, "3")));
        deliver(order("o-2", "c-1", DAY2, line("tea", "drinks", 2, "2"), line("bun", "sweets", 1, "1")));
        deliver(order("o-3", "c-2", DAY2, line("pie", "sweets", 9, "2")));
        List<CustomerProductCounters> items = store.top(CUSTOMER_ITEMS_BY_UNITS, Scan.partition("c-1"), 2);
        assertThat(items).extracting(CustomerProductCounters::productId).containsExactly("cake", "tea");
        assertThat(items.get(1).units()).isEqualTo(3);
        assertThat(items.get(1).orders()).isEqualTo(2);
        assertThat(items.get(1).lastOrderedAt()).isEqualTo(DAY2);
    }

    @Test
    void theQueryRankingsGiveTheSameListsOnEveryStore() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "small", 1, "10"), line("p-9", "small", 1, "10")));
        deliver(order("o-2", "c-2", DAY1, line("p-2", "big", 1, "30")));
        deliver(order("o-3", "c-3", DAY1, line("p-3", "mid", 2, "10")));
        var q = analytics.queries();
        assertThat(q.topCustomers(2)).extracting(c -> c.customerId()).containsExactly("c-2", "c-1");
        assertThat(q.topCategories(3)).extracting(c -> c.category()).containsExactly("big", "mid", "small");
        assertThat(q.topProducts(ProductRanking.UNITS, 3))
                .extracting(p -> p.productId())
                .containsExactly("p-3", "p-1", "p-2");
        assertThat(q.topProducts(ProductRanking.REVENUE, 2))
                .extracting(p -> p.productId())
                .containsExactly("p-2", "p-3");
        assertThat(store.get(Aggregate.CATEGORIES, "mid").orElseThrow())
                .isEqualTo(new CategoryCounters("mid", 2, units("20"), 1));
    }

    @Test
    void aCustomersFavouritesAreRankedByUnitsAndOrdersThenSpend() {
        deliver(order("o-1", "c-1", DAY1, line("tea", "drinks", 1, "2"), line("cake", "sweets", 3, "3")));
        deliver(order("o-2", "c-1", DAY2, line("tea", "drinks", 2, "2"), line("bun", "sweets", 1, "1")));
        deliver(order("o-3", "c-1", DAY2, line("tea", "drinks", 1, "2")));
        CustomerProfile c = analytics.queries().customer("c-1").orElseThrow();
        assertThat(c.topItems()).extracting(i -> i.productId()).containsExactly("tea", "cake", "bun");
        assertThat(c.topItems().get(0).units()).isEqualTo(4);
        assertThat(c.favouriteCategories()).extracting(f -> f.category()).containsExactly("drinks", "sweets");
    }

    @Test
    void daysAreKeyedInTheBusinessZoneAndRangesAreInclusive() {
        // 20:00 UTC on June 1 is already June 2 in Kolkata (UTC+05:30)
        deliver(order("o-1", "c-1", Instant.parse("2026-06-01T20:00:00Z"), line("p", "cat", 1, "5")));
        deliver(order("o-2", "c-1", Instant.parse("2026-06-03T05:00:00Z"), line("p", "cat", 1, "7")));
        List<DayCounters> days = StoreReads.days(store, LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 3));
        assertThat(days)
                .extracting(DayCounters::date)
                .containsExactly(LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 3));
        assertThat(days.get(0).grossRevenue()).isEqualTo(units("5"));
        assertThat(days.get(1).statuses().get(OrderStatus.DELIVERED)).isEqualTo(1);
        assertThat(StoreReads.days(store, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 1)))
                .isEmpty();
        assertThat(StoreReads.dayCountries(store, LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 2)))
                .containsExactly(new DayCountryCounters(LocalDate.of(2026, 6, 2), "IN", 1, units("5"), 0, 0));
    }

    @Test
    void newCustomersAreCountedOnTheDayOfTheirFirstCountedOrder() {
        deliver(order("o-1", "c-1", DAY1, line("p", "cat", 1, "5")));
        deliver(order("o-2", "c-1", DAY2, line("p", "cat", 1, "5")));
        deliver(order("o-3", "c-2", DAY2, line("p", "cat", 1, "5")));
        analytics.record(OrderEvent.placed(order("o-4", "c-3", DAY2, line("p", "cat", 1, "5")))); // not counted
        assertThat(StoreReads.newCustomers(store, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(LocalDate.of(2026, 6, 1), 1L, LocalDate.of(2026, 6, 2), 1L));
    }

    @Test
    void cancelAfterDeliveryReturnsEveryAggregateToItsPreviousValue() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 2, "10")));
        Delta before = store.snapshot().withoutZeros();
        Order o = order("o-2", "c-1", DAY2, line("p-1", "cat", 1, "10"), line("p-2", "other", 3, "1.25"));
        deliver(o);
        analytics.record(OrderEvent.canceled("o-2", DAY2.plusSeconds(60)));
        Delta after = store.snapshot().withoutZeros();
        assertThat(after.products().get("p-1"))
                .isEqualTo(
                        before.products().get("p-1").plus(new ProductCounters("p-1", null, null, 0, 0, 0, null, DAY2)));
        assertThat(after.customers().get("c-1").spent())
                .isEqualTo(before.customers().get("c-1").spent());
        assertThat(after.customers().get("c-1").orders()).isEqualTo(1);
        assertThat(after.categories()).isEqualTo(before.categories());
        assertThat(after.customerCategories()).isEqualTo(before.customerCategories());
        assertThat(after.days().get(LocalDate.of(2026, 6, 2)).orders()).isZero();
        assertThat(after.days().get(LocalDate.of(2026, 6, 2)).statuses().get(OrderStatus.CANCELED))
                .isEqualTo(1);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void refundsAreDatedAtRefundTimeAndNetOutOfProductAndCustomerTotals() {
        Order o = order("o-1", "c-1", DAY1, line("p-1", "cat", 4, "10"), line("p-2", "cat", 1, "5"));
        deliver(o);
        analytics.record(OrderEvent.refunded(Refund.ofLines("r-1", "o-1", DAY2, List.of(RefundLine.of("p-1", 1)))));
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(3);
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().revenue()).isEqualTo(units("30"));
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().spent()).isEqualTo(units("35"));
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().orders()).isEqualTo(1);
        DayCounters d1 = StoreReads.days(store, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 1))
                .get(0);
        DayCounters d2 = StoreReads.days(store, LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 2))
                .get(0);
        assertThat(d1.grossRevenue()).isEqualTo(units("45"));
        assertThat(d1.refundedAmount()).isZero();
        assertThat(d2.refunds()).isEqualTo(1);
        assertThat(d2.refundedAmount()).isEqualTo(units("10"));

        analytics.record(OrderEvent.refunded(Refund.full("r-2", "o-1", DAY2)));
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isZero();
        assertThat(store.get(Aggregate.PRODUCTS, "p-2").orElseThrow().orders()).isZero();
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().spent()).isZero();
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().orders()).isZero();
        assertThat(StoreReads.days(store, LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 2))
                        .get(0)
                        .refundedAmount())
                .isEqualTo(units("45"));
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void standaloneRefundsSubtractFromProductCustomerAndTheirDay() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 5, "2")));
        analytics.record(OrderEvent.refunded(Refund.standalone(
                "r-1", "c-1", DAY2, List.of(new RefundLine("p-1", 2, new BigDecimal("4"), "cat")), "FR")));
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(3);
        assertThat(store.get(Aggregate.CATEGORIES, "cat").orElseThrow().revenue())
                .isEqualTo(units("6"));
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().spent()).isEqualTo(units("6"));
        assertThat(StoreReads.dayCountries(store, LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 2)))
                .containsExactly(new DayCountryCounters(LocalDate.of(2026, 6, 2), "FR", 0, 0, 1, units("4")));
    }

    @Test
    void snapshotMatchesTheRecomputeFromTheLedgerAfterAMixedHistory() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 2, "10")));
        deliver(order("o-2", "c-2", DAY1, line("p-1", "cat", 1, "10"), line("p-2", "x", 1, "3.333")));
        analytics.record(OrderEvent.placed(order("o-3", "c-1", DAY2, line("p-2", "x", 1, "3.333"))));
        analytics.record(OrderEvent.canceled("o-2", DAY2));
        analytics.record(OrderEvent.refunded(Refund.ofAmount("r-1", "o-1", DAY2, new BigDecimal("0.5"))));
        assertThat(analytics.verify().drifts()).isEmpty();
        assertThat(analytics.verify().ledgerEntries()).isEqualTo(3 + 2); // three orders, two customers' entries
    }

    @Test
    void anOrderOverManyCategoriesAndRepeatedProductsCountsEachCategoryAndProductOncePerOrder() {
        // 60 lines over 24 categories, each product on two lines: categories grow past any small table, and the
        // category strings are equal but not the same objects on the lines that repeat them
        List<LineItem> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String category = new String("cat-" + (i % 24));
            lines.add(line("p-" + (i % 30), category, 1 + i % 3, "1.5"));
        }
        deliver(new Order("big", Customer.of("c-1"), DAY1, lines, "IN"));
        Delta rows = store.snapshot();
        for (int c = 0; c < 24; c++) {
            long units = 0;
            long money = 0;
            for (int i = c; i < 60; i += 24) {
                units += 1 + i % 3;
                money += (1 + i % 3) * 15_000L;
            }
            assertThat(rows.categories().get("cat-" + c))
                    .as("category %d", c)
                    .isEqualTo(new CategoryCounters("cat-" + c, units, money, 1));
            assertThat(store.get(Aggregate.CUSTOMER_CATEGORIES, Aggregate.customerItemKey("c-1", "cat-" + c)))
                    .hasValue(new CustomerCategoryCounters("c-1", "cat-" + c, 1, units, money));
        }
        assertThat(rows.categories()).hasSize(24);
        for (int p = 0; p < 30; p++) {
            assertThat(rows.products().get("p-" + p).orders())
                    .as("product %d", p)
                    .isEqualTo(1);
        }
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    void anOrdersTotalsGivenAsNumbersLandAsTheRecordsTheyStandFor() {
        LocalDate day = LocalDate.of(2026, 6, 1);
        Instant created = DAY1.minusSeconds(86_400);
        Effect numbers = Effect.deferred(sink -> {
            sink.addOrder("c-1", day, "IN", 12, 1, 2_500, 3, DAY1, day, created, "Asia/Kolkata");
            sink.addOrder("c-1", day, "FR", 8, 1, 700, 1, DAY2, day.plusDays(1), null, "Europe/Paris");
            sink.addOrder("c-1", day, "IN", 12, -1, -2_500, -3, null, null, null, null);
        });
        LedgerChange order = newOrderChange(order("o-1", "c-1", DAY1, line("p-1", "cat", 3, "2.50")));
        store.apply(new StoreBatch("numbers", List.of(new LedgerChange(null, order.after(), numbers))));
        Delta records = new Delta();
        numbers.forEach(records);
        assertThat(store.snapshot()).isEqualTo(records);
        CustomerCounters customer = store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow();
        assertThat(customer.orders()).isEqualTo(1);
        assertThat(customer.spent()).isEqualTo(700);
        assertThat(customer.firstOrderAt()).isEqualTo(DAY1);
        assertThat(customer.lastOrderAt()).isEqualTo(DAY2);
        assertThat(customer.firstOrderDay()).isEqualTo(day);
        assertThat(customer.hours()).isEqualTo(HourHistogram.single(8, 1));
    }

    @Test
    void replaceAggregatesWritesExactlyTheGivenSnapshot() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 2, "10")));
        deliver(order("o-2", "c-2", DAY2, line("p-2", "dog", 1, "4")));
        Delta snapshot = store.snapshot();
        store.replaceAggregates(new Delta());
        assertThat(store.get(Aggregate.PRODUCTS, "p-1")).isEmpty();
        assertThat(StoreReads.newCustomers(store, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30)))
                .isEmpty();
        store.replaceAggregates(snapshot);
        assertThat(store.snapshot()).isEqualTo(snapshot);
        assertThat(StoreReads.newCustomers(store, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30)))
                .hasSize(2);
    }

    @Test
    void aCorruptedAggregateIsReportedByVerifyAndRepairedByRebuild() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 2, "10")));
        deliver(order("o-2", "c-2", DAY2, line("p-2", "dog", 1, "4")));
        Delta tampered = store.snapshot();
        tampered.add(new ProductCounters("p-1", null, null, 5, 0, 0, null, null));
        store.replaceAggregates(tampered);
        var report = analytics.verify();
        assertThat(report.drifts()).hasSize(1);
        assertThat(report.drifts().get(0).kind()).isEqualTo("product");
        assertThat(report.drifts().get(0).key()).isEqualTo("p-1");
        analytics.rebuild();
        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(store.get(Aggregate.PRODUCTS, "p-1").orElseThrow().units()).isEqualTo(2);
    }

    @Test
    void recordingTheSameEventsTwiceHasExactlyOneEffect() {
        Order o = order("o-1", "c-1", DAY1, line("p-1", "cat", 2, "10"));
        List<OrderEvent> events = List.of(
                OrderEvent.placed(o),
                OrderEvent.delivered("o-1", DAY1),
                OrderEvent.refunded(Refund.ofLines("r-1", "o-1", DAY2, List.of(RefundLine.of("p-1", 1)))));
        analytics.recordAll(events);
        Delta once = store.snapshot();
        assertThat(analytics.recordAll(events)).containsOnly(RecordOutcome.DUPLICATE);
        assertThat(store.snapshot()).isEqualTo(once);
    }

    @Test
    void concurrentWritersOnSharedProductsAndCustomersGiveExactTotals() throws Exception {
        int threads = 4;
        int perThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Order o = order(
                                "t" + thread + "-" + i,
                                "c-" + (i % 7),
                                DAY1,
                                line("p-" + (i % 3), "cat", 1 + (i % 2), "1.5"));
                        analytics.record(OrderEvent.placed(o));
                        // every thread also delivers a shared order: exactly one delivery may count
                        analytics.record(OrderEvent.delivered(o.orderId(), DAY1));
                        analytics.record(OrderEvent.delivered(
                                order("shared-" + i, "c-x", DAY1, line("p-s", "cat", 1, "1")), DAY1));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long expectedUnits = 0;
        for (int i = 0; i < perThread; i++) {
            expectedUnits += threads * (1 + (i % 2));
        }
        long units = 0;
        for (String p : Set.of("p-0", "p-1", "p-2")) {
            units += store.get(Aggregate.PRODUCTS, p).orElseThrow().units();
        }
        assertThat(units).isEqualTo(expectedUnits);
        assertThat(store.get(Aggregate.PRODUCTS, "p-s").orElseThrow().units()).isEqualTo(perThread);
        assertThat(store.get(Aggregate.CUSTOMERS, "c-x").orElseThrow().orders()).isEqualTo(perThread);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    // ----- the lifecycle funnel's rows -----

    @Test
    void funnelRowsHoldEachOrdersStagesAndStepTimesOnItsOrderDayAndScanInDateOrder() {
        Order first = order("o-1", "c-1", DAY1, line("p-1", "cat", 1, "5"));
        analytics.record(OrderEvent.placed(first));
        analytics.record(OrderEvent.accepted("o-1", DAY1.plusSeconds(120)));
        analytics.record(OrderEvent.assigned("o-1", DAY1.plusSeconds(300)));
        analytics.record(OrderEvent.outForDelivery("o-1", DAY1.plusSeconds(1_200)));
        analytics.record(OrderEvent.delivered("o-1", DAY1.plusSeconds(2_700)));
        analytics.record(OrderEvent.placed(order("o-2", "c-2", DAY2, line("p-1", "cat", 1, "5"))));
        analytics.record(OrderEvent.accepted("o-2", DAY2.plusSeconds(60)));
        analytics.record(OrderEvent.canceled("o-2", DAY2.plusSeconds(90)));

        FunnelCounters day1 = store.get(Aggregate.ORDER_FUNNEL, "2026-06-01").orElseThrow();
        assertThat(day1.reached()).isEqualTo(StatusCounts.through(OrderStatus.DELIVERED, 1));
        assertThat(day1.canceledAt().isZero()).isTrue();
        assertThat(day1.durations()
                        .get(io.orderlens.analytics.funnel.FunnelStep.PLACED_TO_ACCEPTED, DurationBuckets.index(120)))
                .isEqualTo(1);
        assertThat(day1.durations()
                        .get(io.orderlens.analytics.funnel.FunnelStep.ACCEPTED_TO_ASSIGNED, DurationBuckets.index(180)))
                .isEqualTo(1);
        assertThat(day1.durations()
                        .get(
                                io.orderlens.analytics.funnel.FunnelStep.ASSIGNED_TO_OUT_FOR_DELIVERY,
                                DurationBuckets.index(900)))
                .isEqualTo(1);
        assertThat(day1.durations()
                        .get(
                                io.orderlens.analytics.funnel.FunnelStep.OUT_FOR_DELIVERY_TO_DELIVERED,
                                DurationBuckets.index(1_500)))
                .isEqualTo(1);
        assertThat(day1.durations()
                        .get(
                                io.orderlens.analytics.funnel.FunnelStep.PLACED_TO_DELIVERED,
                                DurationBuckets.index(2_700)))
                .isEqualTo(1);
        FunnelCounters day2 = store.get(Aggregate.ORDER_FUNNEL, "2026-06-02").orElseThrow();
        assertThat(day2.reached()).isEqualTo(StatusCounts.through(OrderStatus.ACCEPTED, 1));
        assertThat(day2.canceledAt()).isEqualTo(StatusCounts.single(OrderStatus.ACCEPTED, 1));
        assertThat(day2.durations()
                        .get(io.orderlens.analytics.funnel.FunnelStep.PLACED_TO_ACCEPTED, DurationBuckets.index(60)))
                .isEqualTo(1);
        assertThat(scan(Aggregate.ORDER_FUNNEL, Scan.dates(LocalDate.of(2026, 5, 31), LocalDate.of(2026, 6, 3))))
                .extracting(FunnelCounters::date)
                .containsExactly(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 2));
        assertThat(store.read(Aggregate.ORDER_FUNNEL, List.of("2026-06-02", "2026-06-09")))
                .containsOnlyKeys("2026-06-02");
    }

    @Test
    void aLateEarlierStatusAndACancelMoveTheFunnelRowsExactlyAndVerifyAgrees() {
        analytics.record(OrderEvent.placed(order("o-1", "c-1", DAY1, line("p-1", "cat", 1, "5"))));
        analytics.record(OrderEvent.delivered("o-1", DAY1.plusSeconds(2_400)));
        assertThat(analytics.record(OrderEvent.accepted("o-1", DAY1.plusSeconds(300))))
                .isEqualTo(RecordOutcome.APPLIED);
        FunnelCounters late = store.get(Aggregate.ORDER_FUNNEL, "2026-06-01").orElseThrow();
        assertThat(late.reached()).isEqualTo(StatusCounts.through(OrderStatus.DELIVERED, 1));
        assertThat(late.durations()
                        .get(io.orderlens.analytics.funnel.FunnelStep.PLACED_TO_ACCEPTED, DurationBuckets.index(300)))
                .isEqualTo(1);
        assertThat(late.durations()
                        .get(
                                io.orderlens.analytics.funnel.FunnelStep.PLACED_TO_DELIVERED,
                                DurationBuckets.index(2_400)))
                .isEqualTo(1);
        assertThat(late.durations()
                        .get(io.orderlens.analytics.funnel.FunnelStep.ACCEPTED_TO_ASSIGNED, DurationBuckets.index(0)))
                .isZero();

        analytics.record(OrderEvent.canceled("o-1", DAY1.plusSeconds(3_000)));

        FunnelCounters canceled =
                store.get(Aggregate.ORDER_FUNNEL, "2026-06-01").orElseThrow();
        assertThat(canceled.reached()).isEqualTo(late.reached());
        assertThat(canceled.canceledAt()).isEqualTo(StatusCounts.single(OrderStatus.DELIVERED, 1));
        assertThat(canceled.durations()).isEqualTo(late.durations());
        assertThat(analytics.verify().isClean()).isTrue();
        Delta tampered = store.snapshot();
        tampered.add(new FunnelCounters(
                LocalDate.of(2026, 6, 1),
                null,
                null,
                StepHistograms.single(io.orderlens.analytics.funnel.FunnelStep.PLACED_TO_DELIVERED, 3, 2)));
        store.replaceAggregates(tampered);
        assertThat(analytics.verify().drifts())
                .singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo("orderFunnel"));
        analytics.rebuild();
        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(store.get(Aggregate.ORDER_FUNNEL, "2026-06-01")).contains(canceled);
    }

    @Test
    void topStaysExactWhenTheRowsOfTheLastListFallOutOfItOrOthersRiseIntoIt() {
        // product p-i sells i + 1 units: p-11 leads, p-0 trails
        for (int i = 0; i < 12; i++) {
            deliver(order("o-" + i, "c-" + i, DAY1, line("p-" + i, "cat-" + i % 4, i + 1, "2")));
        }
        assertTopIsTheSortedScan(UNITS_THEN_ID, 5);
        analytics.record(OrderEvent.canceled("o-11", DAY2));
        analytics.record(OrderEvent.canceled("o-10", DAY2));
        analytics.record(OrderEvent.refunded(Refund.ofLines("r-9", "o-9", DAY2, List.of(RefundLine.of("p-9", 9)))));
        assertThat(assertTopIsTheSortedScan(UNITS_THEN_ID, 5))
                .extracting(ProductCounters::productId)
                .containsExactly("p-8", "p-7", "p-6", "p-5", "p-4");
        deliver(order("o-late", "c-1", DAY2, line("p-0", "cat-0", 7, "2")));
        assertThat(assertTopIsTheSortedScan(UNITS_THEN_ID, 5))
                .extracting(ProductCounters::productId)
                .containsExactly("p-8", "p-0", "p-7", "p-6", "p-5");
        for (int i = 6; i < 9; i++) {
            analytics.record(OrderEvent.canceled("o-" + i, DAY2));
        }
        assertThat(assertTopIsTheSortedScan(UNITS_THEN_ID, 5))
                .extracting(ProductCounters::productId)
                .containsExactly("p-0", "p-5", "p-4", "p-3", "p-2");
        assertThat(analytics.queries().topCustomers(3))
                .extracting(c -> c.customerId())
                .containsExactly("c-1", "c-5", "c-4");
        assertThat(analytics.queries().topCategories(2))
                .extracting(c -> c.category())
                .containsExactly("cat-0", "cat-1");
    }

    /** Asks for the same list twice (a store may remember something of the first read) and checks both. */
    private List<ProductCounters> assertTopIsTheSortedScan(Ranking<ProductCounters> ranking, int limit) {
        List<ProductCounters> sorted = scan(ranking.aggregate(), Scan.all());
        sorted.sort(ranking.comparator());
        List<ProductCounters> expected = sorted.subList(0, Math.min(limit, sorted.size()));
        assertThat(store.top(ranking, Scan.all(), limit))
                .as(ranking + " top " + limit)
                .containsExactlyElementsOf(expected);
        assertThat(store.top(ranking, Scan.all(), limit))
                .as(ranking + " top " + limit + " again")
                .containsExactlyElementsOf(expected);
        return expected;
    }

    // ----- customer purchase days (lifetime value) -----

    private List<CustomerDayCounters> daysOf(String customerId) {
        List<CustomerDayCounters> rows = scan(Aggregate.CUSTOMER_DAYS, Scan.partition(customerId));
        rows.sort(java.util.Comparator.comparing(CustomerDayCounters::date));
        return rows;
    }

    @Test
    void aCustomersOrdersOfOneDayAreOnePurchaseDayWithTheirSummedValue() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 2, "10")));
        deliver(order("o-2", "c-1", DAY1.plusSeconds(3600), line("p-2", "cat", 1, "0.0015")));
        deliver(order("o-3", "c-1", DAY2, line("p-1", "cat", 1, "10")));
        deliver(order("o-4", "c-2", DAY2, line("p-1", "cat", 1, "7")));

        assertThat(daysOf("c-1"))
                .containsExactly(
                        new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 1), 2, 2, units("20.0015")),
                        new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 2), 1, 1, units("10")));
        assertThat(daysOf("c-2"))
                .containsExactly(new CustomerDayCounters("c-2", LocalDate.of(2026, 6, 2), 1, 1, units("7")));
        assertThat(store.get(Aggregate.CUSTOMER_DAYS, Aggregate.customerItemKey("c-1", "2026-06-01")))
                .contains(new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 1), 2, 2, units("20.0015")));
        assertThat(scan(Aggregate.CUSTOMER_DAYS, Scan.all())).hasSize(3);
    }

    @Test
    void refundsAndCancelsNetOutOfTheDayTheirOrderWasPlacedOn() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 4, "10"), line("p-2", "cat", 1, "5")));
        deliver(order("o-2", "c-1", DAY2, line("p-1", "cat", 1, "10")));
        Instant later = DAY2.plusSeconds(86_400 * 3);

        analytics.record(OrderEvent.refunded(Refund.ofLines("r-1", "o-1", later, List.of(RefundLine.of("p-1", 1)))));
        assertThat(daysOf("c-1").get(0))
                .isEqualTo(new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 1), 1, 1, units("35")));
        assertThat(daysOf("c-1"))
                .hasSize(2)
                .extracting(CustomerDayCounters::date)
                .doesNotContain(LocalDate.of(2026, 6, 5));

        analytics.record(OrderEvent.refunded(Refund.full("r-2", "o-1", later)));
        analytics.record(OrderEvent.canceled("o-2", later));
        assertThat(daysOf("c-1"))
                .allSatisfy(d -> assertThat(d.orders() == 0 && d.netRevenue() == 0)
                        .as(d.toString())
                        .isTrue());
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void aStandaloneRefundMakesNoPurchaseDay() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 5, "2")));
        analytics.record(OrderEvent.refunded(Refund.standalone(
                "r-1", "c-1", DAY2, List.of(new RefundLine("p-1", 2, new BigDecimal("4"), "cat")), "FR")));

        assertThat(daysOf("c-1"))
                .containsExactly(
                        new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 1), 1, 1, units("10")),
                        new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 2), 0, 0, units("-4")));
    }

    @Test
    void aCorruptedPurchaseDayIsReportedByVerifyAndRepairedByRebuild() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 2, "10")));
        deliver(order("o-2", "c-1", DAY2, line("p-2", "dog", 1, "4")));
        Delta tampered = store.snapshot();
        tampered.add(new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 2), 0, 1, 0));
        store.replaceAggregates(tampered);

        var report = analytics.verify();

        assertThat(report.drifts()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("customerDay");
            assertThat(d.key()).contains("c-1").contains("2026-06-02");
        });
        analytics.rebuild();
        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(daysOf("c-1").get(1).orders()).isEqualTo(1);
    }

    // ----- customer days and cohorts -----

    private static Instant at(String date) {
        return Instant.parse(date + "T06:30:00Z"); // 12:00 in Kolkata, the same day
    }

    private CustomerDayCounters customerDay(String customerId, String date) {
        return store.get(Aggregate.CUSTOMER_DAYS, Aggregate.customerItemKey(customerId, date))
                .orElseThrow();
    }

    @Test
    void customerDaysCountPlacedAndCountedOrdersAndFollowCancelsAndRefundsExactly() {
        deliver(order("o-1", "c-1", DAY1, line("p-1", "cat", 2, "10")));
        deliver(order("o-2", "c-1", DAY1, line("p-2", "cat", 1, "5")));
        analytics.record(OrderEvent.placed(order("o-3", "c-1", DAY2, line("p-1", "cat", 1, "10"))));
        analytics.record(OrderEvent.refunded(Refund.ofAmount("r-1", "o-1", DAY2, new BigDecimal("4"))));

        assertThat(customerDay("c-1", "2026-06-01"))
                .isEqualTo(new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 1), 2, 2, units("21")));
        assertThat(customerDay("c-1", "2026-06-02"))
                .isEqualTo(new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 2), 1, 0, 0));

        analytics.record(OrderEvent.canceled("o-2", DAY2));
        analytics.record(OrderEvent.refunded(Refund.standalone(
                "r-2", "c-1", DAY2, List.of(new RefundLine("p-1", 1, new BigDecimal("3"), "cat")), "IN")));

        assertThat(customerDay("c-1", "2026-06-01"))
                .isEqualTo(new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 1), 2, 1, units("16")));
        assertThat(customerDay("c-1", "2026-06-02"))
                .isEqualTo(new CustomerDayCounters("c-1", LocalDate.of(2026, 6, 2), 1, 0, units("-3")));
        List<CustomerDayCounters> ofCustomer = scan(Aggregate.CUSTOMER_DAYS, Scan.partition("c-1"));
        assertThat(ofCustomer).hasSize(2);
        assertThat(ofCustomer.stream()
                        .mapToLong(CustomerDayCounters::netRevenue)
                        .sum())
                .as("a customer's days add up to their net spend")
                .isEqualTo(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().spent());
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void aCustomersCohortIsTheMonthOfTheirFirstCountedOrderAndMovesWhenItStopsCounting() {
        deliver(order("o-1", "c-1", at("2026-01-10"), line("p-1", "cat", 1, "10")));
        deliver(order("o-2", "c-1", at("2026-03-10"), line("p-1", "cat", 2, "10")));
        deliver(order("o-3", "c-2", at("2026-02-10"), line("p-1", "cat", 1, "5")));
        deliver(order("o-4", "c-2", at("2026-03-11"), line("p-1", "cat", 1, "7")));
        deliver(order("o-5", "c-3", at("2026-01-20"), line("p-1", "cat", 1, "3")));
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 12, 31);

        CohortTable table = analytics.cohorts().retention(CohortPeriod.MONTH, from, to);

        assertThat(table.latest()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(table.cohorts()).extracting(Cohort::label).containsExactly("2026-01", "2026-02");
        Cohort january = table.cohorts().get(0);
        assertThat(january.size()).isEqualTo(2);
        assertThat(january.cells()).extracting(CohortCell::activeCustomers).containsExactly(2L, 0L, 1L);
        assertThat(january.cells())
                .extracting(CohortCell::retention)
                .containsExactly(new BigDecimal("1.0000"), new BigDecimal("0.0000"), new BigDecimal("0.5000"));
        assertThat(january.cells())
                .extracting(c -> c.netRevenue().stripTrailingZeros().toPlainString())
                .containsExactly("13", "0", "20");
        assertThat(january.cells().get(2).cumulativeNetRevenue()).isEqualByComparingTo("33");
        assertThat(table.cohorts().get(1).cells())
                .extracting(CohortCell::activeCustomers)
                .containsExactly(1L, 1L);

        analytics.record(OrderEvent.canceled("o-1", at("2026-03-20")));
        analytics.record(OrderEvent.refunded(Refund.full("r-1", "o-5", at("2026-03-20"))));
        table = analytics.cohorts().retention(CohortPeriod.MONTH, from, to);

        assertThat(table.cohorts()).extracting(Cohort::label).containsExactly("2026-02", "2026-03");
        assertThat(table.cohorts()).extracting(Cohort::size).containsExactly(1L, 1L);
        Cohort march = table.cohorts().get(1);
        assertThat(march.cells()).singleElement().satisfies(c -> {
            assertThat(c.activeCustomers()).isEqualTo(1);
            assertThat(c.netRevenue()).isEqualByComparingTo("20");
        });
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void theAcquisitionFunnelCountsFirstSecondAndThirdCountedOrdersFromTheAccountsStart() {
        var withAccount = io.orderlens.analytics.testing.Orders.customer("c-1", at("2025-12-25"), null);
        deliver(io.orderlens.analytics.testing.Orders.order(
                "o-1", withAccount, at("2026-01-10"), line("p-1", "cat", 1, "10")));
        deliver(io.orderlens.analytics.testing.Orders.order(
                "o-2", withAccount, at("2026-01-10"), line("p-1", "cat", 1, "10")));
        deliver(io.orderlens.analytics.testing.Orders.order(
                "o-3", withAccount, at("2026-02-10"), line("p-1", "cat", 1, "10")));
        analytics.record(OrderEvent.placed(order("o-4", "c-2", at("2026-02-01"), line("p-1", "cat", 1, "10"))));
        analytics.record(OrderEvent.canceled("o-4", at("2026-02-01")));
        deliver(order("o-5", "c-2", at("2026-02-05"), line("p-1", "cat", 1, "10")));
        analytics.record(OrderEvent.placed(order("o-6", "c-3", at("2026-01-15"), line("p-1", "cat", 1, "10"))));

        AcquisitionFunnel funnel = analytics
                .cohorts()
                .acquisitionFunnel(CohortPeriod.MONTH, LocalDate.of(2025, 12, 1), LocalDate.of(2026, 12, 31));

        assertThat(funnel.cohorts())
                .extracting(AcquisitionCohort::label)
                .containsExactly("2025-12", "2026-01", "2026-02");
        assertThat(funnel.cohorts().get(1).steps().get(0).customers()).isZero();
        assertThat(funnel.cohorts().get(1).steps().get(0).medianDaysFromStart()).isNull();
        AcquisitionCohort total = funnel.total();
        assertThat(total.customers()).isEqualTo(3);
        assertThat(total.steps()).extracting(FunnelStep::customers).containsExactly(2L, 1L, 1L);
        assertThat(total.steps())
                .extracting(FunnelStep::conversion)
                .containsExactly(new BigDecimal("0.6667"), new BigDecimal("0.5000"), new BigDecimal("1.0000"));
        assertThat(total.steps())
                .extracting(FunnelStep::medianDaysFromStart)
                .containsExactly(new BigDecimal("10.0"), new BigDecimal("16.0"), new BigDecimal("47.0"));
        assertThat(total.steps())
                .extracting(FunnelStep::medianDaysFromPrevious)
                .containsExactly(new BigDecimal("10.0"), new BigDecimal("0.0"), new BigDecimal("31.0"));

        analytics.record(OrderEvent.canceled("o-1", at("2026-03-01")));
        total = analytics
                .cohorts()
                .acquisitionFunnel(CohortPeriod.MONTH, LocalDate.of(2025, 12, 1), LocalDate.of(2026, 12, 31))
                .total();
        assertThat(total.steps()).extracting(FunnelStep::customers).containsExactly(2L, 1L, 0L);
        assertThat(total.steps().get(1).medianDaysFromPrevious()).isEqualByComparingTo("31");
    }

    // ----- day × category rows -----

    private static final LocalDate JUNE_1 = LocalDate.of(2026, 6, 1);
    private static final LocalDate JUNE_2 = LocalDate.of(2026, 6, 2);

    private List<DayCategoryCounters> dayCategories(LocalDate from, LocalDate to) {
        return scan(Aggregate.DAY_CATEGORIES, Scan.dates(from, to));
    }

    @Test
    void dayCategoryRowsHoldGrossByOrderDayAndRefundsByRefundDayAndScanInKeyOrder() {
        deliver(order(
                "o-1",
                "c-1",
                DAY1,
                line("tea", "drinks", 2, "1.5"),
                line("cake", "sweets", 1, "4"),
                line("coffee", "drinks", 1, "2.25")));
        deliver(order("o-2", "c-2", DAY2, "FR", line("bun", "sweets", 3, "0.0005")));
        analytics.record(OrderEvent.refunded(Refund.ofLines("r-1", "o-1", DAY2, List.of(RefundLine.of("tea", 1)))));

        assertThat(dayCategories(JUNE_1, JUNE_2))
                .containsExactly(
                        new DayCategoryCounters(JUNE_1, "drinks", 1, 3, units("5.25"), 0, 0),
                        new DayCategoryCounters(JUNE_1, "sweets", 1, 1, units("4"), 0, 0),
                        new DayCategoryCounters(JUNE_2, "drinks", 0, 0, 0, 1, units("1.5")),
                        new DayCategoryCounters(JUNE_2, "sweets", 1, 3, units("0.0015"), 0, 0));
        assertThat(dayCategories(JUNE_2, JUNE_2))
                .extracting(DayCategoryCounters::category)
                .containsExactly("drinks", "sweets");
        assertThat(store.get(Aggregate.DAY_CATEGORIES, "2026-06-01|sweets"))
                .contains(new DayCategoryCounters(JUNE_1, "sweets", 1, 1, units("4"), 0, 0));
        assertThat(store.read(Aggregate.DAY_CATEGORIES, List.of("2026-06-02|drinks", "2026-06-02|IN", "nope")))
                .containsOnlyKeys("2026-06-02|drinks");
        assertThat(scan(Aggregate.DAY_COUNTRIES, Scan.all()))
                .as("the day × country rows are not mixed with the day × category rows")
                .extracting(Aggregate.DAY_COUNTRIES::keyOf)
                .containsExactlyInAnyOrder("2026-06-01|IN", "2026-06-02|FR", "2026-06-02|IN");
        assertThat(scan(Aggregate.DAY_CATEGORIES, Scan.all())).hasSize(4);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void aCancelTakesTheGrossBackFromTheOrderDayAndAFullRefundReturnsTheRestOnItsRefundDay() {
        deliver(order("o-1", "c-1", DAY1, line("tea", "drinks", 4, "2"), line("cake", "sweets", 1, "3")));
        deliver(order("o-2", "c-1", DAY1, line("tea", "drinks", 1, "2")));
        Instant later = DAY2.plusSeconds(3 * 86_400);
        analytics.record(OrderEvent.refunded(Refund.ofLines("r-1", "o-1", DAY2, List.of(RefundLine.of("tea", 1)))));
        analytics.record(OrderEvent.refunded(Refund.full("r-2", "o-1", later)));
        analytics.record(OrderEvent.canceled("o-2", later));

        assertThat(dayCategories(JUNE_1, LocalDate.of(2026, 6, 30)))
                .containsExactly(
                        new DayCategoryCounters(JUNE_1, "drinks", 1, 4, units("8"), 0, 0),
                        new DayCategoryCounters(JUNE_1, "sweets", 1, 1, units("3"), 0, 0),
                        new DayCategoryCounters(JUNE_2, "drinks", 0, 0, 0, 1, units("2")),
                        new DayCategoryCounters(LocalDate.of(2026, 6, 5), "drinks", 0, 0, 0, 3, units("6")),
                        new DayCategoryCounters(LocalDate.of(2026, 6, 5), "sweets", 0, 0, 0, 1, units("3")));
        assertThat(analytics.verify().isClean()).isTrue();

        analytics.record(OrderEvent.canceled("o-1", later));
        assertThat(dayCategories(JUNE_1, LocalDate.of(2026, 6, 30)))
                .as("a cancel after refunds takes back the gross and the refunds")
                .allSatisfy(r -> assertThat(r.isZero()).as(r.toString()).isTrue());
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void dayCategoryRowsSumToTheCategoryTotalsAndStandaloneRefundsCountForTheirCategory() {
        deliver(order("o-1", "c-1", DAY1, line("tea", "drinks", 2, "1.5"), line("cake", "sweets", 1, "4")));
        deliver(order("o-2", "c-2", DAY2, line("tea", "drinks", 5, "1.5")));
        analytics.record(OrderEvent.refunded(Refund.ofAmount("r-1", "o-2", DAY2, new BigDecimal("1"))));
        analytics.record(OrderEvent.refunded(Refund.standalone(
                "r-2", "c-3", DAY2, List.of(new RefundLine("cake", 1, new BigDecimal("3.5"), "sweets")), "FR")));
        analytics.record(OrderEvent.refunded(
                Refund.standalone("r-3", "c-3", DAY2, List.of(new RefundLine("tea", 1, BigDecimal.ONE, null)), "FR")));

        assertThat(store.get(Aggregate.DAY_CATEGORIES, "2026-06-02|sweets"))
                .contains(new DayCategoryCounters(JUNE_2, "sweets", 0, 0, 0, 1, units("3.5")));
        Map<String, long[]> summed = new java.util.TreeMap<>();
        for (DayCategoryCounters r : scan(Aggregate.DAY_CATEGORIES, Scan.all())) {
            long[] s = summed.computeIfAbsent(r.category(), k -> new long[2]);
            s[0] += r.units() - r.refundedUnits();
            s[1] += r.grossRevenue() - r.refundedAmount();
        }
        assertThat(summed).containsOnlyKeys("drinks", "sweets");
        summed.forEach((category, s) -> {
            CategoryCounters total = store.get(Aggregate.CATEGORIES, category).orElseThrow();
            assertThat(s[0]).as(category + " units").isEqualTo(total.units());
            assertThat(s[1]).as(category + " net revenue").isEqualTo(total.revenue());
        });
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    @DisplayName(
            "a product or category on several lines of one order counts one order and every line's units and money,"
                    + " in a small order and in one of many lines and categories, and a cancel takes all of it back")
    void repeatedProductsAndCategoriesOfOneOrderCountOnceWithEveryLine() {
        deliver(order(
                "o-1",
                "c-1",
                DAY1,
                line("tea", "drinks", 2, "1.5"),
                line("cake", "sweets", 1, "4"),
                line("tea", "drinks", 3, "1.25"),
                line("juice", "drinks", 1, "2")));
        List<io.orderlens.analytics.model.LineItem> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // twelve categories, then the first three again; product p-0 three times
            many.add(line("p-" + (i % 4 == 0 ? 0 : i), "k-" + i, i + 1, "0.5"));
        }
        for (int i = 0; i < 3; i++) {
            many.add(line("p-" + (20 + i), "k-" + i, 10, "0.0001"));
        }
        deliver(order("o-2", "c-1", DAY2, many.toArray(io.orderlens.analytics.model.LineItem[]::new)));

        assertThat(store.get(Aggregate.PRODUCTS, "tea").orElseThrow())
                .extracting(ProductCounters::units, ProductCounters::revenue, ProductCounters::orders)
                .containsExactly(5L, units("6.75"), 1L);
        assertThat(store.get(Aggregate.CATEGORIES, "drinks"))
                .contains(new CategoryCounters("drinks", 6, units("8.75"), 1));
        assertThat(store.get(Aggregate.CUSTOMER_CATEGORIES, Aggregate.customerItemKey("c-1", "drinks")))
                .contains(new CustomerCategoryCounters("c-1", "drinks", 1, 6, units("8.75")));
        assertThat(store.get(Aggregate.DAY_CATEGORIES, "2026-06-01|drinks"))
                .contains(new DayCategoryCounters(JUNE_1, "drinks", 1, 6, units("8.75"), 0, 0));
        assertThat(store.get(Aggregate.PRODUCTS, "p-0").orElseThrow())
                .extracting(ProductCounters::units, ProductCounters::orders)
                .containsExactly(1L + 5 + 9, 1L);
        assertThat(store.get(Aggregate.CUSTOMER_PRODUCTS, Aggregate.customerItemKey("c-1", "p-0"))
                        .orElseThrow())
                .extracting(CustomerProductCounters::units, CustomerProductCounters::orders)
                .containsExactly(15L, 1L);
        for (int i = 0; i < 12; i++) {
            long lineUnits = i + 1 + (i < 3 ? 10 : 0);
            long money = units("0.5") * (i + 1) + (i < 3 ? units("0.001") : 0);
            String category = "k-" + i;
            assertThat(store.get(Aggregate.CATEGORIES, category))
                    .contains(new CategoryCounters(category, lineUnits, money, 1));
            assertThat(store.get(Aggregate.CUSTOMER_CATEGORIES, Aggregate.customerItemKey("c-1", category)))
                    .contains(new CustomerCategoryCounters("c-1", category, 1, lineUnits, money));
            assertThat(store.get(Aggregate.DAY_CATEGORIES, "2026-06-02|" + category))
                    .contains(new DayCategoryCounters(JUNE_2, category, 1, lineUnits, money, 0, 0));
        }
        assertThat(analytics.verify().isClean()).isTrue();

        analytics.record(OrderEvent.canceled("o-2", DAY2.plusSeconds(60)));

        for (int i = 0; i < 12; i++) {
            assertThat(store.get(Aggregate.CATEGORIES, "k-" + i)).contains(new CategoryCounters("k-" + i, 0, 0, 0));
            assertThat(store.get(Aggregate.DAY_CATEGORIES, "2026-06-02|k-" + i))
                    .contains(new DayCategoryCounters(JUNE_2, "k-" + i, 0, 0, 0, 0, 0));
        }
        assertThat(store.get(Aggregate.PRODUCTS, "p-0").orElseThrow())
                .extracting(ProductCounters::units, ProductCounters::orders)
                .containsExactly(0L, 0L);
        assertThat(analytics.verify().isClean()).isTrue();
    }

    @Test
    void aCorruptedDayCategoryIsReportedByVerifyAndRepairedByRebuild() {
        deliver(order("o-1", "c-1", DAY1, line("tea", "drinks", 2, "1.5")));
        Delta tampered = store.snapshot();
        tampered.add(new DayCategoryCounters(JUNE_1, "drinks", 0, 1, 0, 0, 0));
        tampered.add(new DayCategoryCounters(JUNE_2, "ghost", 1, 0, 0, 0, 0));
        store.replaceAggregates(tampered);

        var report = analytics.verify();

        assertThat(report.drifts())
                .extracting(DriftReport.Drift::kind, DriftReport.Drift::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "dayCategory", "DayCategory[date=2026-06-01, category=drinks]"),
                        org.assertj.core.groups.Tuple.tuple(
                                "dayCategory", "DayCategory[date=2026-06-02, category=ghost]"));
        analytics.rebuild();
        assertThat(analytics.verify().isClean()).isTrue();
        assertThat(dayCategories(JUNE_1, JUNE_2))
                .containsExactly(new DayCategoryCounters(JUNE_1, "drinks", 1, 2, units("3"), 0, 0));
    }

    // ----- new customers per day: a counter of the day rows kept by the customers' ledger entries -----

    private Map<LocalDate, Long> newCustomersInJune() {
        return StoreReads.newCustomers(store, JUNE_1, LocalDate.of(2026, 6, 30));
    }

    @Test
    @DisplayName("an earlier order that counts later moves the customer to its day; a cancel does not move them back")
    void newCustomersFollowTheEarliestOrderThatEverCounted() {
        deliver(order("o-2", "c-1", DAY2, line("p", "cat", 1, "5")));
        assertThat(newCustomersInJune()).containsExactlyEntriesOf(Map.of(JUNE_2, 1L));

        analytics.record(OrderEvent.placed(order("o-1", "c-1", DAY1, line("p", "cat", 1, "5"))));
        assertThat(newCustomersInJune()).containsExactlyEntriesOf(Map.of(JUNE_2, 1L));
        analytics.record(OrderEvent.delivered("o-1", DAY2.plusSeconds(60))); // status only: the body is stored
        assertThat(newCustomersInJune()).containsExactlyEntriesOf(Map.of(JUNE_1, 1L));

        analytics.record(OrderEvent.canceled("o-1", DAY2.plusSeconds(120)));
        analytics.record(OrderEvent.canceled("o-2", DAY2.plusSeconds(120)));
        assertThat(newCustomersInJune()).containsExactlyEntriesOf(Map.of(JUNE_1, 1L));
        assertThat(store.get(Aggregate.CUSTOMERS, "c-1").orElseThrow().firstOrderDay())
                .isEqualTo(JUNE_1);
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    void anOrderThatNeverCountsMakesNobodyNewAndARepeatedDeliveryChangesNothing() {
        analytics.record(OrderEvent.placed(order("o-1", "c-1", DAY1, line("p", "cat", 1, "5"))));
        analytics.record(OrderEvent.canceled("o-1", DAY1.plusSeconds(60)));
        assertThat(newCustomersInJune()).isEmpty();

        deliver(order("o-2", "c-2", DAY2, line("p", "cat", 1, "5")));
        analytics.record(OrderEvent.delivered("o-2", DAY2.plusSeconds(90)));
        assertThat(newCustomersInJune()).containsExactlyEntriesOf(Map.of(JUNE_2, 1L));
        assertThat(store.ledger(List.of(LedgerEntry.customerKey("c-2"))).get(LedgerEntry.customerKey("c-2")))
                .extracting(LedgerEntry::version, LedgerEntry::orderDay)
                .containsExactly(1L, JUNE_2);
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    @DisplayName("a customer entry that lost its compare-and-set to another writer is written again from a fresh read")
    void aLostCustomerEntryCompareAndSetIsRetried() {
        analytics.record(OrderEvent.placed(order("o-1", "c-1", DAY1, line("p", "cat", 1, "5"))));
        Analytics other = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        Analytics racing = racingInstance(() -> other.recordAll(
                List.of(OrderEvent.delivered(order("o-2", "c-1", DAY2, line("p", "cat", 1, "5")), DAY2))));

        racing.record(OrderEvent.delivered("o-1", DAY2.plusSeconds(60)));

        assertThat(newCustomersInJune()).containsExactlyEntriesOf(Map.of(JUNE_1, 1L));
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    @DisplayName("a customer entry moved by an order that lost its compare-and-set is put back from the customer row")
    void aCustomerEntryMovedByALosingOrderIsCorrected() {
        analytics.record(OrderEvent.placed(order("o-1", "c-1", DAY1, line("p", "cat", 1, "5"))));
        Analytics other = Analytics.builder()
                .store(store)
                .zone(ZONE)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        Analytics racing = racingInstance(() -> other.record(OrderEvent.canceled("o-1", DAY1.plusSeconds(30))));

        // the body travels with the delivery, so the customer's entry is read and written in the same batch
        racing.record(OrderEvent.delivered(order("o-1", "c-1", DAY1, line("p", "cat", 1, "5")), DAY2));

        assertThat(newCustomersInJune()).isEmpty();
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    @Test
    void rebuildRepairsTheDaysNewCustomersAndTheCustomerEntries() {
        deliver(order("o-1", "c-1", DAY1, line("p", "cat", 1, "5")));
        deliver(order("o-2", "c-2", DAY2, line("p", "cat", 1, "5")));
        String key = LedgerEntry.customerKey("c-1");
        LedgerEntry entry = store.ledger(List.of(key)).get(key);
        // a wrong entry and counters that agree with it: what a crash between two writers could leave
        store.apply(new StoreBatch(
                "tamper",
                List.of(new LedgerChange(
                        entry,
                        LedgerEntry.ofCustomer("c-1", entry.version() + 1, JUNE_2, NOW),
                        Effect.of(
                                List.of(DayCounters.newCustomers(JUNE_1, -1), DayCounters.newCustomers(JUNE_2, 1)))))));
        assertThat(analytics.verify().drifts()).extracting(d -> d.kind()).contains(Aggregate.DAYS.name());

        analytics.rebuild();

        assertThat(analytics.verify().drifts()).isEmpty();
        assertThat(newCustomersInJune()).containsExactlyInAnyOrderEntriesOf(Map.of(JUNE_1, 1L, JUNE_2, 1L));
        assertThat(store.ledger(List.of(key)).get(key).orderDay()).isEqualTo(JUNE_1);
        deliver(order("o-3", "c-1", DAY1.minusSeconds(3_600), line("p", "cat", 1, "5")));
        assertThat(newCustomersInJune()).containsExactlyInAnyOrderEntriesOf(Map.of(JUNE_1, 1L, JUNE_2, 1L));
        assertThat(analytics.verify().drifts()).isEmpty();
    }

    /** An instance over the same store that runs {@code concurrently} just before its first batch is applied. */
    private Analytics racingInstance(Runnable concurrently) {
        boolean[] ran = {false};
        AnalyticsStore racing = new ForwardingAnalyticsStore(store) {
            @Override
            public ApplyResult apply(StoreBatch batch) {
                if (!ran[0]) {
                    ran[0] = true;
                    concurrently.run();
                }
                return super.apply(batch);
            }

            @Override
            public void close() {}
        };
        return Analytics.builder()
                .store(racing)
                .zone(ZONE)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }
}
