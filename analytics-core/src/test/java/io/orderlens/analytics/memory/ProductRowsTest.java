package io.orderlens.analytics.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProductRowsTest {
    @Test
    void aRowIsFoundAgainByAnEqualIdAndNewIdsGetNewRowsThroughSeveralGrowths() {
        ProductRows rows = new ProductRows();
        List<Accumulator.CustomerProduct> added = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            added.add(rows.row("c-1", "p-" + i));
        }
        assertThat(rows).hasSize(500);
        for (int i = 0; i < 500; i++) {
            String equalNotSame = new String("p-" + i);
            assertThat(rows.row("c-1", equalNotSame)).isSameAs(added.get(i));
            assertThat(rows.get(equalNotSame)).isSameAs(added.get(i));
        }
        assertThat(rows).hasSize(500);
        assertThat(rows.get("p-500")).isNull();
        assertThat(rows.get(7)).isNull();
        assertThat(new HashSet<>(rows.values())).containsExactlyInAnyOrderElementsOf(added);
        assertThat(rows.keySet()).hasSize(500).contains("p-0", "p-499");
    }

    @Test
    void idsOfEqualHashKeepTheirOwnRows() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        ProductRows rows = new ProductRows();
        Accumulator.CustomerProduct aa = rows.row("c-1", "Aa");
        Accumulator.CustomerProduct bb = rows.row("c-1", "BB");
        assertThat(aa).isNotSameAs(bb);
        assertThat(rows.get("Aa")).isSameAs(aa);
        assertThat(rows.get("BB")).isSameAs(bb);
        assertThat(aa.snapshot().productId()).isEqualTo("Aa");
        assertThat(bb.snapshot().customerId()).isEqualTo("c-1");
    }

    @Test
    void removeIfDropsTheAcceptedRowsAndKeepsTheOthersFindable() {
        ProductRows rows = new ProductRows();
        for (int i = 0; i < 40; i++) {
            rows.row("c-1", "p-" + i);
        }
        assertThat(rows.values().removeIf(r -> Integer.parseInt(r.productId().substring(2)) % 3 == 0))
                .isTrue();
        assertThat(rows).hasSize(26);
        for (int i = 0; i < 40; i++) {
            assertThat(rows.containsKey("p-" + i)).as("p-%d", i).isEqualTo(i % 3 != 0);
        }
        assertThat(rows.values().removeIf(r -> false)).isFalse();
        assertThat(rows.values().removeIf(r -> true)).isTrue();
        assertThat(rows).isEmpty();
        Accumulator.CustomerProduct again = rows.row("c-1", "p-3");
        assertThat(rows.get("p-3")).isSameAs(again);
    }

    @Test
    void asAMapItIsReadOnlyApartFromRemoveIf() {
        ProductRows rows = new ProductRows();
        rows.row("c-1", "p-1");
        assertThatThrownBy(() -> rows.put("p-2", null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rows.values().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        Set<Map.Entry<String, Accumulator.CustomerProduct>> entries = rows.entrySet();
        assertThat(entries)
                .singleElement()
                .satisfies(e -> assertThat(e.getKey()).isEqualTo("p-1"));
        assertThatThrownBy(() -> entries.iterator().next().setValue(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
