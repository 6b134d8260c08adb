package io.orderlens.analytics.memory;

import static io.orderlens.analytics.testing.Orders.line;
import static io.orderlens.analytics.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderlens.analytics.Analytics;
import io.orderlens.analytics.model.LineItem;
import io.orderlens.analytics.model.OrderEvent;
import io.orderlens.analytics.model.Refund;
import io.orderlens.analytics.spi.Aggregate;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.Counters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.Delta;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.Ranking;
import io.orderlens.analytics.spi.Scan;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Top lists that the in-memory store re-ranks from the last list and the rows written since are exactly the lists a
 * full sort gives, whatever was written in between: new rows, rows rising into the list, rows of the list falling out
 * of it (cancels, refunds), many rows at once, a rebuild.
 */
class RankedListsTest {
    private static final Instant AT = Instant.parse("2026-04-01T10:00:00Z");
    private static final Ranking<ProductCounters> PRODUCTS_BY_UNITS = Ranking.of("units", Aggregate.PRODUCTS)
            .descending("units", ProductCounters::units)
            .ascendingText("productId", ProductCounters::productId)
            .build();
    private static final Ranking<ProductCounters> PRODUCTS_BY_REVENUE = Ranking.of("revenue", Aggregate.PRODUCTS)
            .descending("revenue", ProductCounters::revenue)
            .ascendingText("productId", ProductCounters::productId)
            .build();
    private static final Ranking<CustomerCounters> CUSTOMERS_BY_SPEND = Ranking.of("spend", Aggregate.CUSTOMERS)
            .descending("spent", CustomerCounters::spent)
            .ascendingText("customerId", CustomerCounters::customerId)
            .build();
    private static final Ranking<CategoryCounters> CATEGORIES_BY_REVENUE = Ranking.of(
                    "categories", Aggregate.CATEGORIES)
            .descending("revenue", CategoryCounters::revenue)
            .ascendingText("category", CategoryCounters::category)
            .build();

    private final InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
    private final Analytics analytics =
            Analytics.builder().store(store).zone(ZoneId.of("UTC")).build();

    @Test
    void listsAskedAfterEveryFewWritesEqualAFullSortThroughRisesFallsAndReversals() {
        Random random = new Random(7);
        List<String> counted = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 150; round++) {
            List<OrderEvent> events = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                String id = "o-" + next++;
                List<LineItem> lines = new ArrayList<>();
                for (int l = 0; l < 1 + random.nextInt(3); l++) {
                    lines.add(line(
                            "p-" + random.nextInt(40),
                            "cat-" + random.nextInt(7),
                            1 + random.nextInt(6),
                            (1 + random.nextInt(30)) + ".50"));
                }
                events.add(OrderEvent.delivered(
                        order(id, "c-" + random.nextInt(30), AT.plusSeconds(next), lines.toArray(LineItem[]::new)),
                        AT.plusSeconds(next)));
                counted.add(id);
            }
            if (round % 3 == 2 && counted.size() > 5) {
                String id = counted.remove(random.nextInt(counted.size()));
                events.add(
                        random.nextBoolean()
                                ? OrderEvent.canceled(id, AT.plusSeconds(100_000 + round))
                                : OrderEvent.refunded(Refund.ofAmount(
                                        "r-" + id, id, AT.plusSeconds(100_000 + round), new BigDecimal("2.00"))));
            }
            analytics.recordAll(events);
            for (int limit : List.of(1, 3, 10)) {
                assertTopIsTheFullSort(PRODUCTS_BY_UNITS, limit);
                assertTopIsTheFullSort(PRODUCTS_BY_REVENUE, limit);
                assertTopIsTheFullSort(CUSTOMERS_BY_SPEND, limit);
                assertTopIsTheFullSort(CATEGORIES_BY_REVENUE, limit);
            }
        }
    }

    @Test
    void moreWritesBetweenTwoReadsThanALimitCanAbsorbStillGiveTheExactList() {
        analytics.record(OrderEvent.delivered(order("o-first", "c-0", AT, line("p-0", "cat", 5, "1")), AT));
        assertTopIsTheFullSort(PRODUCTS_BY_UNITS, 2);
        List<OrderEvent> many = new ArrayList<>();
        for (int i = 1; i <= 1_500; i++) {
            many.add(OrderEvent.delivered(
                    order("o-" + i, "c-" + i, AT.plusSeconds(i), line("p-" + i, "cat", 1 + i % 9, "1")),
                    AT.plusSeconds(i)));
        }
        analytics.recordAll(many);

        assertThat(assertTopIsTheFullSort(PRODUCTS_BY_UNITS, 2))
                .extracting(ProductCounters::productId)
                .containsExactly("p-1007", "p-1016");
    }

    @Test
    void aRebuildReplacesTheRowsOfTheKeptLists() {
        analytics.record(OrderEvent.delivered(order("o-1", "c-1", AT, line("p-1", "cat", 5, "1")), AT));
        analytics.record(OrderEvent.delivered(order("o-2", "c-2", AT, line("p-2", "cat", 3, "1")), AT));
        assertTopIsTheFullSort(PRODUCTS_BY_UNITS, 1);

        store.replaceAggregates(new Delta().add(new ProductCounters("p-9", null, "cat", 1, 10_000, 1, AT, AT)));

        assertThat(assertTopIsTheFullSort(PRODUCTS_BY_UNITS, 1))
                .extracting(ProductCounters::productId)
                .containsExactly("p-9");
    }

    /** Asks twice (the second answer comes from the kept list) and compares both with a full sort. */
    private <T extends Counters> List<T> assertTopIsTheFullSort(Ranking<T> ranking, int limit) {
        List<T> all = new ArrayList<>();
        store.scan(ranking.aggregate(), Scan.all(), all::add);
        all.sort(ranking.comparator());
        List<T> expected = all.subList(0, Math.min(limit, all.size()));
        assertThat(store.top(ranking, Scan.all(), limit))
                .as("%s top %d", ranking, limit)
                .containsExactlyElementsOf(expected);
        assertThat(store.top(ranking, Scan.all(), limit))
                .as("%s top %d asked again", ranking, limit)
                .containsExactlyElementsOf(expected);
        return expected;
    }
}
