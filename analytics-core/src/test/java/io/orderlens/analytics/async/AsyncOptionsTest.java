package io.orderlens.analytics.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderlens.analytics.internal.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AsyncOptionsTest {

    @Test
    void defaultsAreBoundedAndBlockForASecond() {
        AsyncOptions o = AsyncOptions.defaults();

        assertThat(o.queueCapacity()).isEqualTo(10_000);
        assertThat(o.maxBatchEvents()).isEqualTo(100);
        assertThat(o.backpressure()).isEqualTo(BackpressurePolicy.BLOCK);
        assertThat(o.blockTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.backlogCapacity()).isEqualTo(100_000);
    }

    @Test
    void batchSizeCanBeVariedForBenchmarks() {
        for (int size : new int[] {1, 10, 100, 1000}) {
            assertThat(AsyncOptions.builder().maxBatchEvents(size).build().maxBatchEvents())
                    .isEqualTo(size);
        }
    }

    @Test
    void eachSetterRejectsAnOutOfRangeValueWithAMessageNamingIt() {
        AsyncOptions.Builder b = AsyncOptions.builder();

        assertThatThrownBy(() -> b.queueCapacity(0)).hasMessage("queueCapacity must be 1..10000000, got 0");
        assertThatThrownBy(() -> b.maxBatchEvents(10_001)).hasMessage("maxBatchEvents must be 1..10000, got 10001");
        assertThatThrownBy(() -> b.storeAttempts(0)).hasMessage("storeAttempts must be 1..20, got 0");
        assertThatThrownBy(() -> b.backlogCapacity(-1)).hasMessage("backlogCapacity must be 1..10000000, got -1");
        assertThatThrownBy(() -> b.jitter(1.5)).hasMessage("jitter must be 0..1, got 1.5");
        assertThatThrownBy(() -> b.jitter(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxBatchDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxBatchDelay must be");
        assertThatThrownBy(() -> b.blockTimeout(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("blockTimeout must be");
        assertThatThrownBy(() -> b.backpressure(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.sleeper(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aMaximumBackoffBelowTheInitialOneIsRejectedAtBuild() {
        AsyncOptions.Builder b =
                AsyncOptions.builder().initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1));

        assertThatThrownBy(b::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBackoff")
                .hasMessageContaining("initialBackoff");
    }

    @Test
    void toBuilderCopiesEveryValue() {
        AsyncOptions o = AsyncOptions.builder()
                .queueCapacity(7)
                .maxBatchEvents(3)
                .jitter(0.25)
                .backpressure(BackpressurePolicy.REJECT)
                .retryParkedEvery(Duration.ZERO)
                .build();

        assertThat(o.toBuilder().build()).usingRecursiveComparison().isEqualTo(o);
    }

    @Test
    void retryDelaysDoubleUpToTheCap() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofMillis(10), Duration.ofMillis(50), 0, d -> {}, () -> 0.7);

        assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMillis(20));
        assertThat(p.delayAfter(3)).isEqualTo(Duration.ofMillis(40));
        assertThat(p.delayAfter(4)).isEqualTo(Duration.ofMillis(50));
        assertThat(p.delayAfter(60)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void jitterShortensADelayByAtMostItsFraction() {
        double[] draw = {0};
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), 0.5, d -> {}, () -> draw[0]);

        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
        draw[0] = 0.5;
        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMillis(150));
        draw[0] = 0.999_999;
        assertThat(p.delayAfter(2)).isGreaterThan(Duration.ofMillis(100)).isLessThan(Duration.ofMillis(101));
    }
}
