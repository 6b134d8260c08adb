package io.orderlens.analytics.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A change's effect: the engine's increments, kept in order and handed to a sink as they were collected. */
class EffectTest {
    private static final ProductCounters REVERSAL = new ProductCounters("p-1", "old", null, -2, -20, -1, null, null);
    private static final ProductCounters GROSS = new ProductCounters("p-1", "new", null, 3, 30, 1, null, null);
    private static final CategoryCounters CATEGORY = new CategoryCounters("cat", 1, 10, 0);

    /** A version-1 entry of an order whose body was not seen yet. */
    private static LedgerEntry entry(String key) {
        return new LedgerEntry(
                key, 1, key.substring(2), null, null, 0, null, true, false, false, false, List.of(), null);
    }

    @Test
    void anEffectHandsItsIncrementsToASinkInTheOrderTheyWereCollected() {
        Effect.Builder builder = Effect.builder(1);
        builder.add(REVERSAL).add(CATEGORY).add(GROSS);
        Effect effect = builder.build();
        assertThat(effect.increments()).containsExactly(REVERSAL, CATEGORY, GROSS);
        Delta merged = new Delta();
        effect.forEach(merged);
        assertThat(merged.products().get("p-1"))
                .isEqualTo(new ProductCounters("p-1", "new", null, 1, 10, 0, null, null));
        assertThat(effect)
                .isEqualTo(Effect.of(List.of(REVERSAL, CATEGORY, GROSS)))
                .hasSameHashCodeAs(Effect.of(List.of(REVERSAL, CATEGORY, GROSS)));
        assertThat(Effect.builder().build()).isSameAs(Effect.NONE);
        assertThat(Effect.NONE.isEmpty()).isTrue();
    }

    @Test
    void anEffectFromABuilderWithSpareRoomHoldsOnlyWhatWasCollected() {
        Effect.Builder builder = Effect.builder(64);
        builder.add(GROSS).add(CATEGORY);
        Effect effect = builder.build();
        Effect same = Effect.of(List.of(GROSS, CATEGORY));
        assertThat(effect.increments()).containsExactly(GROSS, CATEGORY);
        assertThat(effect).isEqualTo(same).hasSameHashCodeAs(same).hasToString(same.toString());
        assertThat(effect).isNotEqualTo(Effect.of(List.of(GROSS)));
        assertThat(effect.isEmpty()).isFalse();
        Effect.Builder copy = Effect.builder(1);
        effect.forEach(copy);
        assertThat(copy.build().increments()).containsExactly(GROSS, CATEGORY);
    }

    @Test
    void aBuiltEffectCannotBeChangedThroughItsBuilderOrItsList() {
        Effect.Builder builder = Effect.builder();
        builder.add(GROSS);
        Effect effect = builder.build();
        assertThatThrownBy(() -> builder.add(CATEGORY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already built");
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> effect.increments().add(CATEGORY)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Effect.builder(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(effect.increments()).containsExactly(GROSS);
    }

    @Test
    void aDeferredEffectRunsItsSourceOnEveryWalkUntilItsIncrementsAreAskedFor() {
        AtomicInteger runs = new AtomicInteger();
        Effect deferred = Effect.deferred(sink -> {
            runs.incrementAndGet();
            sink.add(REVERSAL).add(CATEGORY).add(GROSS);
        });
        assertThat(runs).hasValue(0);
        Delta first = new Delta();
        deferred.forEach(first);
        Delta second = new Delta();
        deferred.forEach(second);
        assertThat(runs).hasValue(2);
        assertThat(second.products()).isEqualTo(first.products());
        assertThat(first.products().get("p-1"))
                .isEqualTo(new ProductCounters("p-1", "new", null, 1, 10, 0, null, null));

        assertThat(deferred.increments()).containsExactly(REVERSAL, CATEGORY, GROSS);
        assertThat(deferred.isEmpty()).isFalse();
        Effect.Builder copy = Effect.builder(1);
        deferred.forEach(copy);
        assertThat(runs).as("the built increments are walked from then on").hasValue(3);
        assertThat(copy.build().increments()).containsExactly(REVERSAL, CATEGORY, GROSS);
        assertThatThrownBy(() -> deferred.increments().add(CATEGORY)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aDeferredEffectEqualsTheSameIncrementsHeldAsData() {
        Effect data = Effect.of(List.of(GROSS, CATEGORY));
        Effect deferred = Effect.deferred(sink -> sink.add(GROSS).add(CATEGORY));
        assertThat(deferred).isEqualTo(data).hasSameHashCodeAs(data).hasToString(data.toString());
        assertThat(data).isEqualTo(Effect.deferred(sink -> sink.add(GROSS).add(CATEGORY)));
        assertThat(deferred)
                .isNotEqualTo(Effect.deferred(sink -> sink.add(CATEGORY).add(GROSS)));
        Effect nothing = Effect.deferred(sink -> {});
        assertThat(nothing.isEmpty()).isTrue();
        assertThat(nothing).isEqualTo(Effect.NONE);
        assertThatThrownBy(() -> Effect.deferred(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aLineAndACategoryShareReachASinkAsTheRecordsTheyStandFor() {
        Instant at = Instant.parse("2024-03-01T10:15:30.000000123Z");
        LocalDate day = LocalDate.of(2024, 3, 1);
        Effect.Builder numbers = Effect.builder();
        numbers.addLine("c-1", "p-1", "Mug", "kitchen", 2, 1_000, 1, at);
        numbers.addLine("c-1", "p-2", null, null, -1, -500, 0, null);
        numbers.addCategory("c-1", day, "kitchen", 1, 3, 1_500);
        assertThat(numbers.build().increments())
                .containsExactly(
                        new ProductCounters("p-1", "Mug", "kitchen", 2, 1_000, 1, at, at),
                        new CustomerProductCounters("c-1", "p-1", "Mug", "kitchen", 2, 1_000, 1, at),
                        new ProductCounters("p-2", null, null, -1, -500, 0, null, null),
                        new CustomerProductCounters("c-1", "p-2", null, null, -1, -500, 0, null),
                        new CategoryCounters("kitchen", 3, 1_500, 1),
                        new CustomerCategoryCounters("c-1", "kitchen", 1, 3, 1_500),
                        new DayCategoryCounters(day, "kitchen", 1, 3, 1_500, 0, 0));
    }

    @Test
    void anOrdersTotalsReachASinkAsTheRecordsTheyStandFor() {
        Instant at = Instant.parse("2024-03-01T10:15:30.000000123Z");
        Instant created = Instant.parse("2024-01-01T00:00:00Z");
        LocalDate day = LocalDate.of(2024, 3, 1);
        Effect.Builder numbers = Effect.builder();
        numbers.addOrder("c-1", day, "FR", 11, 1, 2_500, 3, at, day, created, "Europe/Paris");
        numbers.addOrder("c-1", day, "FR", 11, -1, -2_500, -3, null, null, null, null);
        assertThat(numbers.build().increments())
                .containsExactly(
                        new CustomerCounters(
                                "c-1", 1, 2_500, 3, at, at, day, created, "Europe/Paris", HourHistogram.single(11, 1)),
                        new DayCounters(day, 1, 2_500, 3, 0, 0, null),
                        new DayCountryCounters(day, "FR", 1, 2_500, 0, 0),
                        new CustomerCounters(
                                "c-1", -1, -2_500, -3, null, null, null, null, null, HourHistogram.single(11, -1)),
                        new DayCounters(day, -1, -2_500, -3, 0, 0, null),
                        new DayCountryCounters(day, "FR", -1, -2_500, 0, 0));
        assertThatThrownBy(() -> numbers.addOrder("c-1", day, "FR", 24, 1, 1, 1, at, day, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hour must be 0..23, got 24");
    }

    @Test
    void aLedgerChangeWithoutAnEffectIsRefused() {
        LedgerEntry after = entry("o:o-1");
        assertThatThrownBy(() -> new LedgerChange(null, after, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs its effect")
                .hasMessageContaining("o:o-1");
        assertThat(new LedgerChange(null, after, Effect.NONE).effect()).isSameAs(Effect.NONE);
    }

    @Test
    void aBatchMergesTheEffectsOfTheChangesItDoesNotExclude() {
        LedgerEntry a = entry("o:a");
        LedgerEntry b = entry("o:b");
        StoreBatch batch = new StoreBatch(
                "b-1",
                List.of(
                        new LedgerChange(null, a, Effect.of(List.of(GROSS))),
                        new LedgerChange(null, b, Effect.of(List.of(GROSS, CATEGORY)))));
        assertThat(batch.delta(Set.of()).products().get("p-1").units()).isEqualTo(6);
        Delta withoutB = batch.delta(Set.of("o:b"));
        assertThat(withoutB.products().get("p-1").units()).isEqualTo(3);
        assertThat(withoutB.categories()).isEmpty();
    }
}
