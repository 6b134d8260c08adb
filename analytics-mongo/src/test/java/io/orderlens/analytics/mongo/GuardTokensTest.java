package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuardTokensTest {

    @Test
    void remembersTheLastTokenPerCollectionAndDocumentAndForgetsOnRequest() {
        GuardTokens tokens = new GuardTokens(100);
        tokens.put(StoreCollection.PRODUCTS, "p-1", 11);
        tokens.put(StoreCollection.CUSTOMERS, "p-1", 22);
        tokens.put(StoreCollection.PRODUCTS, "p-1", 33);

        assertThat(tokens.get(StoreCollection.PRODUCTS, "p-1")).isEqualTo(33);
        assertThat(tokens.get(StoreCollection.CUSTOMERS, "p-1")).isEqualTo(22);
        assertThat(tokens.get(StoreCollection.PRODUCTS, "p-2")).isEqualTo(GuardTokens.UNKNOWN);

        tokens.put(StoreCollection.PRODUCTS, "p-1", GuardTokens.UNKNOWN);
        assertThat(tokens.get(StoreCollection.PRODUCTS, "p-1")).isEqualTo(GuardTokens.UNKNOWN);
        assertThat(tokens.get(StoreCollection.CUSTOMERS, "p-1")).isEqualTo(22);
    }

    @Test
    void growsPastItsFirstTableAndKeepsEveryEntryUpToTheBound() {
        GuardTokens tokens = new GuardTokens(20_000);
        for (int i = 0; i < 20_000; i++) {
            tokens.put(StoreCollection.CUSTOMER_PRODUCTS, "c|" + i, i + 1L);
        }
        assertThat(tokens.size()).isEqualTo(20_000);
        for (int i = 0; i < 20_000; i++) {
            assertThat(tokens.get(StoreCollection.CUSTOMER_PRODUCTS, "c|" + i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void startsAfreshInsteadOfGrowingPastTheBound() {
        GuardTokens tokens = new GuardTokens(10);
        for (int i = 0; i < 10; i++) {
            tokens.put(StoreCollection.DAYS, "d-" + i, 7);
        }
        tokens.put(StoreCollection.DAYS, "d-10", 8);

        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.get(StoreCollection.DAYS, "d-10")).isEqualTo(8);
        assertThat(tokens.get(StoreCollection.DAYS, "d-0")).isEqualTo(GuardTokens.UNKNOWN);
    }

    @Test
    void aCacheOfZeroEntriesRemembersNothing() {
        GuardTokens tokens = new GuardTokens(0);
        tokens.put(StoreCollection.PRODUCTS, "p-1", 5);
        assertThat(tokens.enabled()).isFalse();
        assertThat(tokens.get(StoreCollection.PRODUCTS, "p-1")).isEqualTo(GuardTokens.UNKNOWN);
    }

    @Test
    void aNegativeBoundIsRejected() {
        assertThatThrownBy(() -> new GuardTokens(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
