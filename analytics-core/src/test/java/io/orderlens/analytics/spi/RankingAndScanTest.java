package io.orderlens.analytics.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SPI's query vocabulary: rankings derive their order from their keys, scans and keys check themselves. */
class RankingAndScanTest {
    private static ProductCounters product(String id, long units, long revenue) {
        return new ProductCounters(id, null, null, units, revenue, 0, null, null);
    }

    @Test
    void aRankingsComparatorFollowsItsKeysInOrderAndDirection() {
        Ranking<ProductCounters> ranking = Ranking.of("test", Aggregate.PRODUCTS)
                .descending("units", ProductCounters::units)
                .ascending("revenue", ProductCounters::revenue)
                .descendingText("productId", ProductCounters::productId)
                .build();
        List<ProductCounters> rows = new ArrayList<>(List.of(
                product("a", 1, 5), product("b", 3, 9), product("c", 3, 2), product("d", 3, 2), product("e", 1, 5)));
        rows.sort(ranking.comparator());
        assertThat(rows).extracting(ProductCounters::productId).containsExactly("d", "c", "b", "e", "a");
        assertThat(ranking.keys()).extracting(Ranking.Key::field).containsExactly("units", "revenue", "productId");
        assertThat(ranking.keys()).extracting(Ranking.Key::descending).containsExactly(true, false, true);
        assertThat(ranking.aggregate()).isSameAs(Aggregate.PRODUCTS);
    }

    @Test
    void aRankingNeedsANameAndAtLeastOneKey() {
        assertThatThrownBy(() -> Ranking.of("empty", Aggregate.PRODUCTS).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one sort key");
        assertThatThrownBy(() -> Ranking.of(" ", Aggregate.PRODUCTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> Ranking.of("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void topNKeepsTheFirstRowsInOrderWhateverTheOrderTheyArriveIn() {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            values.add(i % 997);
        }
        Collections.shuffle(values, new Random(7));
        TopN<Integer> top = new TopN<>(Integer::compare, 5);
        values.forEach(top::offer);
        assertThat(top.sorted()).containsExactly(0, 0, 0, 0, 0);
        TopN<Integer> few = new TopN<>(Integer::compare, 50);
        List.of(3, 1, 2).forEach(few::offer);
        assertThat(few.sorted()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> new TopN<Integer>(Integer::compare, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be positive, got 0");
    }

    @Test
    void scansCheckTheirArguments() {
        LocalDate june1 = LocalDate.of(2026, 6, 1);
        assertThatThrownBy(() -> Scan.partition(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition key must not be blank");
        assertThatThrownBy(() -> Scan.partition(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scan.dates(june1, june1.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from must not be after to");
        assertThatThrownBy(() -> Scan.dates(null, june1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both ends");
        assertThatThrownBy(() -> Scan.dates(june1, LocalDate.of(10_000, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0000-9999");
        Scan.Dates june = (Scan.Dates) Scan.dates(june1, june1.plusDays(29));
        assertThat(june.contains(june1)).isTrue();
        assertThat(june.contains(june1.plusDays(30))).isFalse();
        assertThat(june.contains(null)).isFalse();
    }

    @Test
    void eachAggregateAcceptsOnlyTheScansItsRowsSupport() {
        Scan partition = Scan.partition("c-1");
        Scan dates = Scan.dates(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 2));
        assertThatThrownBy(() -> Aggregate.PRODUCTS.check(partition))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("product rows are not partitioned; scan all of them instead");
        assertThatThrownBy(() -> Aggregate.CUSTOMER_PRODUCTS.check(dates))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not dated");
        assertThatThrownBy(() -> Aggregate.DAYS.check(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Aggregate.CUSTOMER_CATEGORIES.check(partition)).isSameAs(partition);
        assertThat(Aggregate.DAY_COUNTRIES.check(dates)).isSameAs(dates);
        for (Aggregate<?> aggregate : Aggregate.values()) {
            assertThat(aggregate.check(Scan.all())).isEqualTo(Scan.all());
        }
        assertThatThrownBy(() -> Aggregate.PRODUCTS.partitionOfKey("p-1"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Aggregate.CUSTOMERS.dateOfKey("c-1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keysAreDefinedOnceAndReadBackWhateverCharactersTheIdsHold() {
        CustomerProductCounters row = new CustomerProductCounters("c|1:x", "p|2", null, null, 1, 1, 1, null);
        String key = Aggregate.CUSTOMER_PRODUCTS.keyOf(row);
        assertThat(key).isEqualTo("5:c|1:x|p|2");
        assertThat(Aggregate.CUSTOMER_PRODUCTS.partitionOfKey(key)).isEqualTo("c|1:x");
        assertThat(Aggregate.CUSTOMER_PRODUCTS.partitionOf(row)).isEqualTo("c|1:x");
        assertThat(Aggregate.CUSTOMER_PRODUCTS.partitionOfKey("not-a-key")).isNull();
        assertThat(Aggregate.CUSTOMER_PRODUCTS.partitionOfKey("x:c|p")).isNull();
        assertThat(Aggregate.CUSTOMER_PRODUCTS.partitionOfKey("9:c|p")).isNull();
        DayCountryCounters day = new DayCountryCounters(LocalDate.of(2026, 6, 2), "IN", 1, 1, 0, 0);
        assertThat(Aggregate.DAY_COUNTRIES.keyOf(day)).isEqualTo("2026-06-02|IN");
        assertThat(Aggregate.DAY_COUNTRIES.dateOfKey("2026-06-02|IN")).isEqualTo(LocalDate.of(2026, 6, 2));
        DayCategoryCounters category = new DayCategoryCounters(LocalDate.of(2026, 6, 2), "a|b", 1, 1, 1, 0, 0);
        assertThat(Aggregate.DAY_CATEGORIES.keyOf(category)).isEqualTo("2026-06-02|a|b");
        assertThat(Aggregate.DAY_CATEGORIES.dateOfKey("2026-06-02|a|b")).isEqualTo(LocalDate.of(2026, 6, 2));
        assertThat(Aggregate.DAYS.dateOfKey("June 2")).isNull();
        assertThat(Aggregate.DAYS.selects(
                        Scan.dates(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 1)),
                        new DayCounters(LocalDate.of(2026, 6, 2), 0, 0, 0, 0, 0, null)))
                .isFalse();
        assertThat(Aggregate.values())
                .extracting(Aggregate::name)
                .doesNotHaveDuplicates()
                .hasSize(12);
    }
}
