package io.orderlens.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FmtTest {

    @Test
    void moneyIsGroupedAndNeverRounded() {
        assertThat(Fmt.money(new BigDecimal("8911407.904"))).isEqualTo("8,911,407.904");
        assertThat(Fmt.money(new BigDecimal("0.001"))).isEqualTo("0.001");
        assertThat(Fmt.money(new BigDecimal("1E+3"))).isEqualTo("1,000.00");
        assertThat(Fmt.money(new BigDecimal("-1234.5"))).isEqualTo("-1,234.50");
        assertThat(Fmt.money(new BigDecimal("999"))).isEqualTo("999.00");
        assertThat(Fmt.money(new BigDecimal("123456"))).isEqualTo("123,456.00");
    }

    @Test
    void countsAreGrouped() {
        assertThat(Fmt.count(541_909)).isEqualTo("541,909");
        assertThat(Fmt.count(-5)).isEqualTo("-5");
    }

    @Test
    void textIsFittedToItsColumn() {
        assertThat(Fmt.fit("abc", 5)).isEqualTo("abc  ");
        assertThat(Fmt.fit("abcdefgh", 5)).isEqualTo("abcd~");
        assertThat(Fmt.fit(null, 2)).isEqualTo("  ");
    }

    @Test
    void barsAreProportionalAndVisibleForAnyPositiveValue() {
        assertThat(Fmt.bar(new BigDecimal("50"), new BigDecimal("100"), 30)).hasSize(15);
        assertThat(Fmt.bar(new BigDecimal("0.01"), new BigDecimal("100"), 30)).isEqualTo("#");
        assertThat(Fmt.bar(BigDecimal.ZERO, new BigDecimal("100"), 30)).isEmpty();
        assertThat(Fmt.bar(new BigDecimal("100"), new BigDecimal("100"), 30)).hasSize(30);
    }
}
