package io.orderlens.analytics.async;

import io.orderlens.analytics.StoreException;
import io.orderlens.analytics.memory.InMemoryAnalyticsStore;
import io.orderlens.analytics.spi.ApplyResult;
import io.orderlens.analytics.spi.ForwardingAnalyticsStore;
import io.orderlens.analytics.spi.LedgerEntry;
import io.orderlens.analytics.spi.StoreBatch;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The real in-memory store with write-path faults switched on demand: a number of failing writes (before or after
 * the batch is applied, the latter modelling a lost acknowledgement), an outage of ledger reads, writes and recovery,
 * and a gate that holds writes until released. Aggregate reads always work, so tests can inspect the state.
 */
public final class FaultyStore extends ForwardingAnalyticsStore {
    private final InMemoryAnalyticsStore delegate;
    private final AtomicInteger failBeforeApply = new AtomicInteger();
    private final AtomicInteger failAfterApply = new AtomicInteger();
    private final AtomicInteger applyCalls = new AtomicInteger();
    private final AtomicInteger appliedBatches = new AtomicInteger();
    private final AtomicInteger recoverCalls = new AtomicInteger();
    private final Semaphore writesEntered = new Semaphore(0);
    private volatile boolean down;
    private volatile CountDownLatch gate;
    private volatile Consumer<StoreBatch> beforeApply = b -> {};
    private final Set<String> seenBatches = ConcurrentHashMap.newKeySet();

    public FaultyStore() {
        this(new InMemoryAnalyticsStore());
    }

    private FaultyStore(InMemoryAnalyticsStore delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    /** The next {@code n} writes fail without applying anything. */
    public FaultyStore failNextWrites(int n) {
        failBeforeApply.set(n);
        return this;
    }

    /** The next {@code n} writes apply the batch, then fail as if the acknowledgement was lost. */
    public FaultyStore loseNextAcknowledgements(int n) {
        failAfterApply.set(n);
        return this;
    }

    /** Every ledger read, write and recovery fails until {@link #up()}. */
    public FaultyStore down() {
        down = true;
        return this;
    }

    public FaultyStore up() {
        down = false;
        return this;
    }

    /** Writes wait until {@link #releaseWrites()}. */
    public FaultyStore holdWrites() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void releaseWrites() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** Waits until a write has entered {@link #apply} (and is possibly held at the gate). */
    /** Forgets the writes that entered so far, so that {@link #awaitWriteEntered()} waits for the next one. */
    public void forgetEnteredWrites() {
        writesEntered.drainPermits();
    }

    public void awaitWriteEntered() throws InterruptedException {
        if (!writesEntered.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no store write started within 10 s");
        }
    }

    /** Runs before each write is applied, on the writing thread. */
    public void beforeApply(Consumer<StoreBatch> hook) {
        this.beforeApply = hook;
    }

    public int applyCalls() {
        return applyCalls.get();
    }

    /** Distinct batches that reached the underlying store (a replayed batch id counts once). */
    public int appliedBatches() {
        return appliedBatches.get();
    }

    public int recoverCalls() {
        return recoverCalls.get();
    }

    @Override
    public InMemoryAnalyticsStore delegate() {
        return delegate;
    }

    private void checkUp(String what) {
        if (down) {
            throw new StoreException("store unreachable during " + what);
        }
    }

    @Override
    public Map<String, LedgerEntry> ledger(Collection<String> keys) {
        checkUp("ledger read");
        return delegate.ledger(keys);
    }

    @Override
    public ApplyResult apply(StoreBatch batch) {
        applyCalls.incrementAndGet();
        writesEntered.release();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(30, TimeUnit.SECONDS)) {
                    throw new StoreException("held write was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while held", e);
            }
        }
        checkUp("write");
        if (failBeforeApply.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("write failed before applying batch " + batch.batchId());
        }
        beforeApply.accept(batch);
        ApplyResult result = delegate.apply(batch);
        if (seenBatches.add(batch.batchId())) {
            appliedBatches.incrementAndGet();
        }
        if (failAfterApply.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("acknowledgement of batch " + batch.batchId() + " lost");
        }
        return result;
    }

    @Override
    public int recover() {
        recoverCalls.incrementAndGet();
        checkUp("recovery");
        return delegate.recover();
    }
}
