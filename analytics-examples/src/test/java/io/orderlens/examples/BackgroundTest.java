package io.orderlens.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads are involved: a deadlock fails the test instead of hanging the build. */
@Timeout(60)
class BackgroundTest {

    @Test
    void theValueIsComputedOnANamedThreadOfItsOwn() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        try (Background<Integer> b = Background.start("orderlens-test-computation", () -> {
            ranOn.set(Thread.currentThread());
            return 42;
        })) {
            assertThat(b.result()).isEqualTo(42);
        }

        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(ranOn.get().getName()).isEqualTo("orderlens-test-computation");
        assertThat(ranOn.get().isDaemon()).isTrue();
        assertThat(ranOn.get().isAlive()).isFalse();
    }

    @Test
    void aRuntimeFailureIsRethrownAsItWas() {
        IllegalArgumentException failure = new IllegalArgumentException("no such day");
        try (Background<Integer> b = Background.start("orderlens-test-computation", () -> {
            throw failure;
        })) {
            assertThatThrownBy(b::result).isSameAs(failure);
        }
    }

    @Test
    void aCheckedFailureIsWrappedWithTheThreadsName() {
        try (Background<Integer> b = Background.start("orderlens-test-computation", () -> {
            throw new IOException("disk gone");
        })) {
            assertThatThrownBy(b::result)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("orderlens-test-computation failed")
                    .hasRootCauseMessage("disk gone");
        }
    }

    @Test
    void closingInterruptsARunningComputationAndWaitsForItsThread() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Background<Integer> b = Background.start("orderlens-test-computation", () -> {
            ranOn.set(Thread.currentThread());
            started.countDown();
            new CountDownLatch(1).await();
            return 1;
        });
        started.await();

        b.close();

        assertThat(ranOn.get().isAlive()).isFalse();
        assertThatThrownBy(b::result).isInstanceOf(IllegalStateException.class).hasMessageContaining("cancelled");
    }
}
