package io.orderlens.analytics.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.model.OrderStatus;
import io.orderlens.analytics.spi.CategoryCounters;
import io.orderlens.analytics.spi.CustomerCategoryCounters;
import io.orderlens.analytics.spi.CustomerCounters;
import io.orderlens.analytics.spi.CustomerProductCounters;
import io.orderlens.analytics.spi.DayCounters;
import io.orderlens.analytics.spi.DayCountryCounters;
import io.orderlens.analytics.spi.Effect;
import io.orderlens.analytics.spi.HourHistogram;
import io.orderlens.analytics.spi.ProductCounters;
import io.orderlens.analytics.spi.StatusCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A change's effect in a batch record reads back exactly as the engine computed it. */
class EffectDocumentsTest {
    private static final Instant AT = Instant.parse("2026-06-01T06:30:00.123456789Z");
    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    @Test
    void everyKindOfIncrementReadsBackEqualWithItsSignsNullsAndNanoseconds() {
        Effect effect = Effect.of(List.of(
                new ProductCounters("p-1", "Tea", "drinks", -2, -20_000, -1, null, null),
                new ProductCounters("p-1", null, null, 3, 30_000, 1, AT, AT),
                new CustomerCounters(
                        "c-1",
                        1,
                        30_000,
                        3,
                        AT,
                        AT,
                        DAY,
                        AT.minusSeconds(86_400),
                        "Asia/Kolkata",
                        HourHistogram.single(12, 1)),
                new CustomerCounters("c-1", -1, 0, 0, null, null, null, null, null, null),
                new CustomerProductCounters("c-1", "p-1", "Tea", "drinks", 3, 30_000, 1, AT),
                new CustomerCategoryCounters("c-1", "drinks", 1, 3, 30_000),
                new CategoryCounters("drinks", 3, 30_000, 1),
                new DayCounters(DAY, 1, 30_000, 3, 0, 0, StatusCounts.single(OrderStatus.DELIVERED, 1)),
                new DayCountryCounters(DAY, "IN", 1, 30_000, 1, 5_000)));

        List<Document> encoded = EffectDocuments.encode(effect);

        assertThat(encoded).hasSize(9);
        assertThat(EffectDocuments.decode(encoded, "b-1")).isEqualTo(effect);
        assertThat(EffectDocuments.decode(EffectDocuments.encode(Effect.NONE), "b-1"))
                .isEqualTo(Effect.NONE);
    }

    @Test
    void anIncrementOfAnUnknownKindIsAStoreExceptionNamingTheBatch() {
        List<Document> encoded = List.of(new Document(EffectDocuments.KIND, "refundReason").append("n", 1));
        assertThatThrownBy(() -> EffectDocuments.decode(encoded, "b-7"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("batch \"b-7\"")
                .hasMessageContaining("unknown kind \"refundReason\"");
    }
}
