package io.orderlens.analytics.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowTableTest {
    private static RowTable<Accumulator.Category> table(int rows) {
        RowTable<Accumulator.Category> t = new RowTable<>();
        for (int i = 0; i < rows; i++) {
            t.add("k-" + i, new Accumulator.Category("k-" + i));
        }
        return t;
    }

    @Test
    void aRowIsFoundByAnEqualKeyThroughSeveralGrowthsAndTheMapViewAgrees() {
        RowTable<Accumulator.Category> t = new RowTable<>();
        Map<String, Accumulator.Category> expected = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            String key = "k-" + i;
            assertThat(t.find(key)).isNull();
            Accumulator.Category row = new Accumulator.Category(key);
            t.add(key, row);
            expected.put(key, row);
        }
        for (int i = 0; i < 500; i++) {
            String equalNotSame = new String("k-" + i);
            assertThat(t.find(equalNotSame)).isSameAs(expected.get("k-" + i));
        }
        assertThat(t.find("k-500")).isNull();
        assertThat(t.get(7)).isNull();
        assertThat(t).hasSize(500).isEqualTo(expected);
        assertThat(new ArrayList<>(t.values())).containsExactlyInAnyOrderElementsOf(expected.values());
    }

    @Test
    void denseIdsSpreadOverTheTableInsteadOfFillingOneRun() {
        // 10,000 stock-code-like ids: their string hashes span a range barely larger than their number
        int capacity = 1 << 15;
        boolean[] taken = new boolean[capacity];
        for (int id = 20_000; id < 30_000; id++) {
            int i = RowTable.spread(Integer.toString(id).hashCode()) & (capacity - 1);
            while (taken[i]) {
                i = (i + 1) & (capacity - 1);
            }
            taken[i] = true;
        }
        int longest = 0;
        int run = 0;
        for (boolean t : taken) {
            run = t ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        assertThat(longest).isLessThan(64);
    }

    @Test
    void keysOfEqualHashKeepTheirOwnRows() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        RowTable<Accumulator.Category> t = new RowTable<>();
        Accumulator.Category aa = new Accumulator.Category("Aa");
        Accumulator.Category bb = new Accumulator.Category("BB");
        t.add("Aa", aa);
        t.add("BB", bb);
        assertThat(t.find("Aa")).isSameAs(aa);
        assertThat(t.find("BB")).isSameAs(bb);
        assertThat(t.find("C#")).isNull();
    }

    @Test
    void removeIfRemoveAndClearDropRowsAndKeepTheOthersFindable() {
        RowTable<Accumulator.Category> t = table(40);
        assertThat(t.values()
                        .removeIf(r -> Integer.parseInt(r.snapshot().category().substring(2)) % 3 == 0))
                .isTrue();
        assertThat(t).hasSize(26);
        for (int i = 0; i < 40; i++) {
            assertThat(t.containsKey("k-" + i)).as("k-%d", i).isEqualTo(i % 3 != 0);
        }
        assertThat(t.values().removeIf(r -> false)).isFalse();
        Accumulator.Category one = t.find("k-1");
        assertThat(t.remove("k-1")).isSameAs(one);
        assertThat(t.remove("k-1")).isNull();
        assertThat(t).hasSize(25).doesNotContainKey("k-1").containsKey("k-2");
        t.clear();
        assertThat(t).isEmpty();
        Accumulator.Category again = new Accumulator.Category("k-3");
        t.add("k-3", again);
        assertThat(t.find("k-3")).isSameAs(again);
    }

    @Test
    void asAMapItTakesNoPutsNorIteratorRemovalsAndRefusesANullRow() {
        RowTable<Accumulator.Category> t = table(1);
        assertThatThrownBy(() -> t.put("k-2", null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.values().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.entrySet().iterator().next().setValue(null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.add("k-9", null)).isInstanceOf(NullPointerException.class);
        assertThat(t).hasSize(1);
        List<String> keys = new ArrayList<>(t.keySet());
        assertThat(keys).containsExactly("k-0");
    }
}
