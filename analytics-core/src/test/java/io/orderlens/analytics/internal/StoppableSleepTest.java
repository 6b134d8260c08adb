package io.orderlens.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoppableSleepTest {

    @Test
    void aShortSleepEndsOnItsOwnAndSaysTheLoopMayGoOn() {
        StoppableSleep sleep = new StoppableSleep();

        assertThat(sleep.sleep(Duration.ofMillis(1))).isTrue();
        assertThat(sleep.sleep(Duration.ZERO)).isTrue();
    }

    @Test
    void stopCutsALongSleepShortAndEveryLaterSleepReturnsFalseAtOnce() throws Exception {
        StoppableSleep sleep = new StoppableSleep();
        CountDownLatch sleeping = new CountDownLatch(1);
        CompletableFuture<Boolean> result = CompletableFuture.supplyAsync(() -> {
            sleeping.countDown();
            return sleep.sleep(Duration.ofHours(1));
        });
        assertThat(sleeping.await(10, TimeUnit.SECONDS)).isTrue();

        sleep.stop();

        assertThat(result.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(sleep.sleep(Duration.ofHours(1))).isFalse();
    }

    @Test
    void stopAndJoinEndsALoopThatSleepsBetweenRuns() throws Exception {
        StoppableSleep sleep = new StoppableSleep();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ranTwice = new CountDownLatch(2);
        Thread loop = new Thread(() -> {
            while (sleep.sleep(Duration.ofMillis(5))) {
                runs.incrementAndGet();
                ranTwice.countDown();
            }
        });
        loop.start();
        assertThat(ranTwice.await(10, TimeUnit.SECONDS)).isTrue();

        sleep.stopAndJoin(loop);
        loop.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(loop.isAlive()).isFalse();
        int after = runs.get();
        assertThat(sleep.sleep(Duration.ofMillis(5))).isFalse();
        assertThat(runs.get()).isEqualTo(after);
    }

    @Test
    void anInterruptedSleepSaysTheLoopMustEnd() throws Exception {
        StoppableSleep sleep = new StoppableSleep();
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread t = new Thread(() -> result.complete(sleep.sleep(Duration.ofHours(1))));
        t.start();
        t.interrupt();

        assertThat(result.get(10, TimeUnit.SECONDS)).isFalse();
    }
}
