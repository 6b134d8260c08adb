package io.orderlens.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.InvalidEventException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Amounts to units: exact for every scale up to four places, refused beyond it, never rounded. */
class MoneyUnitsTest {
    @Test
    void everyScaleUpToFourPlacesConvertsExactly() {
        assertThat(MoneyUnits.of(new BigDecimal("12"), "p")).isEqualTo(120_000);
        assertThat(MoneyUnits.of(new BigDecimal("12.3"), "p")).isEqualTo(123_000);
        assertThat(MoneyUnits.of(new BigDecimal("12.34"), "p")).isEqualTo(123_400);
        assertThat(MoneyUnits.of(new BigDecimal("0.001"), "p")).isEqualTo(10);
        assertThat(MoneyUnits.of(new BigDecimal("-0.0001"), "p")).isEqualTo(-1);
        assertThat(MoneyUnits.of(new BigDecimal("99999999999999.9999"), "p")).isEqualTo(999_999_999_999_999_999L);
        assertThat(MoneyUnits.of(new BigDecimal("922337203685477.5807"), "p")).isEqualTo(Long.MAX_VALUE);
        assertThat(MoneyUnits.of(new BigDecimal("1.2E+3"), "p")).isEqualTo(12_000_000);
        assertThat(MoneyUnits.of(new BigDecimal("2.500000"), "p")).isEqualTo(25_000);
        assertThat(MoneyUnits.of(new BigDecimal("-922337203685477.5807"), "p")).isEqualTo(-Long.MAX_VALUE);
    }

    @Test
    void theLimitIsTheSameForBothSignsAndForValuesBeyondALong() {
        assertThatThrownBy(() -> MoneyUnits.of(new BigDecimal("-922337203685477.5808"), "refund"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("refund is too large: -922337203685477.5808");
        assertThatThrownBy(() -> MoneyUnits.of(new BigDecimal("922337203685477.5808"), "refund"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("refund is too large: 922337203685477.5808");
        assertThatThrownBy(() -> MoneyUnits.of(new BigDecimal("123456789012345678901234567890"), "refund"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("refund is too large: 123456789012345678901234567890");
    }

    @Test
    void moreThanFourPlacesOrTooLargeIsRefused() {
        assertThatThrownBy(() -> MoneyUnits.of(new BigDecimal("0.00001"), "unitPrice"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unitPrice must have at most 4 decimal places, got 0.00001");
        assertThatThrownBy(() -> MoneyUnits.of(new BigDecimal("1E+15"), "unitPrice"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unitPrice is too large");
        // fifteen digits before the point: ten thousand times it does not fit a long
        assertThatThrownBy(() -> MoneyUnits.of(new BigDecimal("999999999999999"), "unitPrice"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unitPrice is too large");
        assertThatThrownBy(() -> MoneyUnits.of(null, "unitPrice"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unitPrice must not be null");
    }
}
