package io.orderlens.analytics.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A store that forwards every call to another store. Extend it to decorate a store (count calls, add latency
 * metrics, inject faults in tests) by overriding only the calls of interest. Thread-safe if the delegate is and the
 * overrides are.
 */
public abstract class ForwardingAnalyticsStore implements AnalyticsStore {
    private final AnalyticsStore delegate;

    protected ForwardingAnalyticsStore(AnalyticsStore delegate) {
        if (delegate == null) {
            throw new IllegalArgumentException("delegate store must not be null");
        }
        this.delegate = delegate;
    }

    /** The store calls are forwarded to. */
    protected AnalyticsStore delegate() {
        return delegate;
    }

    @Override
    public Map<String, LedgerEntry> ledger(Collection<String> keys) {
        return delegate.ledger(keys);
    }

    @Override
    public ApplyResult apply(StoreBatch batch) {
        return delegate.apply(batch);
    }

    @Override
    public void forEachLedgerEntry(Consumer<LedgerEntry> visitor) {
        delegate.forEachLedgerEntry(visitor);
    }

    @Override
    public ApplyResult compact(StoreBatch batch) {
        return delegate.compact(batch);
    }

    @Override
    public Delta baseline() {
        return delegate.baseline();
    }

    @Override
    public void deleteRows(Aggregate<?> aggregate, Collection<String> keys) {
        delegate.deleteRows(aggregate, keys);
    }

    @Override
    public int recover() {
        return delegate.recover();
    }

    @Override
    public <T extends Counters> Map<String, T> read(Aggregate<T> aggregate, Collection<String> keys) {
        return delegate.read(aggregate, keys);
    }

    @Override
    public <T extends Counters> Optional<T> get(Aggregate<T> aggregate, String key) {
        return delegate.get(aggregate, key);
    }

    @Override
    public <T extends Counters> void scan(Aggregate<T> aggregate, Scan scan, Consumer<? super T> visitor) {
        delegate.scan(aggregate, scan, visitor);
    }

    @Override
    public <T extends Counters> List<T> top(Ranking<T> ranking, Scan scan, int limit) {
        return delegate.top(ranking, scan, limit);
    }

    @Override
    public Delta snapshot() {
        return delegate.snapshot();
    }

    @Override
    public void replaceAggregates(Delta aggregates) {
        delegate.replaceAggregates(aggregates);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
