package io.orderlens.analytics.spi;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The contract against the smallest cache that keeps values: generation-keyed entries in a map shared by its
 * instances. It runs the contract's caching paths in this module's build, without a server.
 */
class GenerationMapCacheTest extends AnalyticsCacheContract {
    /** What the instances of one test share, like a Redis server. */
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    private final Map<String, Object> entries = new ConcurrentHashMap<>();

    @Override
    protected AnalyticsCache newCache() {
        return new GenerationMapCache();
    }

    private final class GenerationMapCache implements AnalyticsCache {
        private volatile boolean closed;

        @Override
        public <T> T get(CacheRequest<T> request, Supplier<T> loader) {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(loader, "loader");
            if (closed) {
                return loader.get();
            }
            StringBuilder key = new StringBuilder(request.query())
                    .append('|')
                    .append(request.params())
                    .append('|')
                    .append(request.type().getTypeName())
                    .append('|')
                    .append(generation("epoch"));
            request.scopes().forEach(s -> key.append('.').append(generation(s.kind() + ":" + s.id())));
            @SuppressWarnings("unchecked") // the key names the request's type
            T cached = (T) entries.get(key.toString());
            if (cached != null) {
                return cached;
            }
            T loaded = loader.get();
            if (loaded != null) {
                entries.put(key.toString(), loaded);
            }
            return loaded;
        }

        @Override
        public void invalidate(Collection<CacheScope> scopes) {
            Objects.requireNonNull(scopes, "scopes");
            if (!closed) {
                scopes.forEach(s -> counter(s.kind() + ":" + s.id()).incrementAndGet());
            }
        }

        @Override
        public void invalidateAll() {
            if (!closed) {
                counter("epoch").incrementAndGet();
            }
        }

        @Override
        public void close() {
            closed = true;
        }

        private long generation(String name) {
            return counter(name).get();
        }

        private AtomicLong counter(String name) {
            return generations.computeIfAbsent(name, n -> new AtomicLong());
        }
    }
}
