package io.orderlens.analytics.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AnalyticsCache} must have, from its contract: a read returns what the loader returns
 * (or an equal value the cache kept), a null is returned and not kept, a loader's exception reaches the caller
 * unchanged, a read that starts after an {@code invalidate} of one of its scopes (or an {@code invalidateAll})
 * completed never returns a value loaded before it, by this instance or another one sharing its backing state, and
 * reads keep answering after {@code close}. An implementation's test extends this class and supplies new cache
 * instances; everything else is inherited. Shipped in analytics-core's test-jar.
 *
 * <p>Whether a cache keeps values at all is its own business; {@link #retainsValues()} says which, so the tests can
 * count loads exactly either way. Single-flight loading is not part of this contract.
 */
public abstract class AnalyticsCacheContract {
    private final List<AnalyticsCache> opened = new ArrayList<>();

    /**
     * A new cache instance. Instances made during one test share their backing state (if they have any), like the
     * caches of several application instances on one Redis; state left by an earlier test must not be visible.
     */
    protected abstract AnalyticsCache newCache();

    /** Whether a second read of an unchanged entry is answered without calling the loader. Default: true. */
    protected boolean retainsValues() {
        return true;
    }

    /** A value with the fields that are easy to get wrong on the way through a cache. */
    public record Sample(String name, BigDecimal amount, Instant at, LocalDate day, Map<String, Long> counts) {}

    @AfterEach
    void closeCaches() {
        opened.forEach(AnalyticsCache::close);
    }

    @Test
    void aReadReturnsWhatTheLoaderReturnsAndASecondReadAnEqualValue() {
        AnalyticsCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));

        Sample first = cache.get(req, () -> sample("v", loads.incrementAndGet()));
        Sample second = cache.get(req, () -> sample("v", loads.incrementAndGet()));

        assertThat(first).isEqualTo(sample("v", 1));
        assertThat(second).isEqualTo(retainsValues() ? first : sample("v", 2));
        assertThat(loads).hasValue(retainsValues() ? 1 : 2);
    }

    @Test
    void aNullFromTheLoaderIsReturnedAndNotCached() {
        AnalyticsCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        CacheRequest<Sample> req = request("product", "missing", CacheScope.product("missing"));

        assertThat(cache.get(req, () -> {
                    loads.incrementAndGet();
                    return null;
                }))
                .isNull();
        assertThat(cache.get(req, () -> sample("now there", loads.incrementAndGet())))
                .isEqualTo(sample("now there", 2));

        assertThat(loads).hasValue(2);
    }

    @Test
    void aLoaderExceptionReachesTheCallerUnchangedAndNothingIsCached() {
        AnalyticsCache cache = cache();
        CacheRequest<Sample> req = request("customer", "boom", CacheScope.customer("boom"));
        IllegalStateException failure = new IllegalStateException("store down");

        assertThatThrownBy(() -> cache.get(req, () -> {
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(cache.get(req, () -> sample("loaded after the failure", 1)).name())
                .isEqualTo("loaded after the failure");
    }

    @Test
    void aReadAfterAnInvalidateOfItsScopeReturnsTheNewValueWhicheverInstanceInvalidated() {
        AnalyticsCache reader = cache();
        AnalyticsCache writer = cache();
        CacheRequest<Sample> req = request("customer", "c-1", CacheScope.customer("c-1"));
        reader.get(req, () -> sample("v1", 1));

        reader.invalidate(List.of(CacheScope.customer("c-1")));
        assertThat(reader.get(req, () -> sample("v2", 2)).name()).isEqualTo("v2");

        writer.invalidate(List.of(CacheScope.customer("c-1")));
        assertThat(reader.get(req, () -> sample("v3", 3)).name()).isEqualTo("v3");
        assertThat(writer.get(req, () -> sample("v4", 4)).name()).isIn("v3", "v4");
    }

    @Test
    void invalidatingAScopeLeavesEntriesOfOtherScopesCorrect() {
        AnalyticsCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        CacheRequest<Sample> p1 = request("product", "p-1", CacheScope.product("p-1"));
        CacheRequest<Sample> p2 = request("product", "p-2", CacheScope.product("p-2"));
        cache.get(p1, () -> sample("p1 old", loads.incrementAndGet()));
        cache.get(p2, () -> sample("p2", loads.incrementAndGet()));

        cache.invalidate(List.of(CacheScope.product("p-1"), CacheScope.GLOBAL));

        assertThat(cache.get(p1, () -> sample("p1 new", loads.incrementAndGet()))
                        .name())
                .isEqualTo("p1 new");
        assertThat(cache.get(p2, () -> sample("p2", loads.incrementAndGet())).name())
                .isEqualTo("p2");
        assertThat(loads).hasValue(retainsValues() ? 3 : 4);
    }

    @Test
    void anEntryDependingOnSeveralScopesIsInvalidatedByAnyOfThem() {
        AnalyticsCache cache = cache();
        CacheRequest<Sample> req = request("dashboard", "x", CacheScope.customer("c"), CacheScope.GLOBAL);
        cache.get(req, () -> sample("v1", 1));
        cache.invalidate(List.of(CacheScope.customer("c")));
        assertThat(cache.get(req, () -> sample("v2", 2)).name()).isEqualTo("v2");
        cache.invalidate(List.of(CacheScope.GLOBAL));
        assertThat(cache.get(req, () -> sample("v3", 3)).name()).isEqualTo("v3");
    }

    @Test
    void anEmptyInvalidationChangesNothing() {
        AnalyticsCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
        cache.get(req, () -> sample("v", loads.incrementAndGet()));

        cache.invalidate(List.of());

        assertThat(cache.get(req, () -> sample("v", loads.incrementAndGet())).name())
                .isEqualTo("v");
        assertThat(loads).hasValue(retainsValues() ? 1 : 2);
    }

    @Test
    void invalidatingThousandsOfScopesAtOnceInvalidatesEveryOne() {
        AnalyticsCache cache = cache();
        List<CacheScope> many = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            many.add(CacheScope.product("p-" + i));
        }
        CacheRequest<Sample> first = request("product", "p-0", many.get(0));
        CacheRequest<Sample> middle = request("product", "p-700", many.get(700));
        CacheRequest<Sample> last = request("product", "p-1233", many.get(1233));
        cache.get(first, () -> sample("first old", 1));
        cache.get(middle, () -> sample("middle old", 2));
        cache.get(last, () -> sample("last old", 3));

        cache.invalidate(many);

        assertThat(cache.get(first, () -> sample("first new", 4)).name()).isEqualTo("first new");
        assertThat(cache.get(middle, () -> sample("middle new", 5)).name()).isEqualTo("middle new");
        assertThat(cache.get(last, () -> sample("last new", 6)).name()).isEqualTo("last new");
    }

    @Test
    void invalidateAllMakesEveryEntryUnreachableWhicheverInstanceCalledIt() {
        AnalyticsCache cache = cache();
        CacheRequest<Sample> product = request("product", "p-1", CacheScope.product("p-1"));
        CacheRequest<Sample> customer = request("customer", "c-1", CacheScope.customer("c-1"));
        CacheRequest<Sample> top = request("top", "5", CacheScope.GLOBAL);
        cache.get(product, () -> sample("product old", 1));
        cache.get(customer, () -> sample("customer old", 2));
        cache.get(top, () -> sample("top old", 3));

        cache.invalidateAll();

        assertThat(cache.get(product, () -> sample("product new", 4)).name()).isEqualTo("product new");
        assertThat(cache.get(customer, () -> sample("customer new", 5)).name()).isEqualTo("customer new");

        cache().invalidateAll();

        assertThat(cache.get(top, () -> sample("top newest", 6)).name()).isEqualTo("top newest");
    }

    @Test
    void valuesComeBackExactlyIncludingMoneyScaleAndNanosecondsInAnotherInstance() {
        Sample exact = new Sample(
                "ünï \"quoted\"",
                new BigDecimal("0.0010"),
                Instant.parse("2024-03-31T01:30:00.123456789Z"),
                LocalDate.of(2024, 2, 29),
                Map.of("a", 1L, "b", Long.MAX_VALUE));
        CacheRequest<Sample> req = request("product", "exact", CacheScope.product("exact"));
        cache().get(req, () -> exact);

        Sample read = cache().get(req, () -> exact);

        assertThat(read).isEqualTo(exact);
        assertThat(read.amount().scale()).isEqualTo(4);
        assertThat(read.at().getNano()).isEqualTo(123_456_789);
    }

    @Test
    void listResultsComeBackEqualThroughTheirParameterizedType() {
        CacheRequest<List<Sample>> req =
                new CacheRequest<>("top", "3", List.of(CacheScope.GLOBAL), CacheRequest.listOf(Sample.class));
        List<Sample> top = List.of(sample("a", 1), sample("b", 2));
        AnalyticsCache cache = cache();
        cache.get(req, () -> top);

        assertThat(cache().get(req, () -> top)).isEqualTo(top);
        assertThat(cache.get(req, () -> top)).isEqualTo(top);
    }

    @Test
    void aValueLoadedBeforeAnInvalidateIsNotServedAfterItEvenIfItsLoadEndsLater() throws Exception {
        AnalyticsCache cache = cache();
        CacheRequest<Sample> req = request("customer", "c-1", CacheScope.customer("c-1"));
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Sample> slow = pool.submit(() -> cache.get(req, () -> {
                Sample before = sample("before the write", 1); // read from the store before the write
                loading.countDown();
                awaitOrFail(invalidated);
                return before;
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            cache.invalidate(List.of(CacheScope.customer("c-1")));
            invalidated.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).name()).isEqualTo("before the write");
        } finally {
            pool.shutdownNow();
        }

        assertThat(cache.get(req, () -> sample("after the write", 2)).name()).isEqualTo("after the write");
        assertThat(cache().get(req, () -> sample("after the write", 3)).name()).startsWith("after the write");
    }

    @Test
    void noReadStartedAfterAnInvalidateCompletedReturnsAValueLoadedBeforeIt() throws Exception {
        AnalyticsCache reading = cache();
        AnalyticsCache writing = cache();
        CacheRequest<Long> req = new CacheRequest<>("version", "v", List.of(CacheScope.customer("c-1")), Long.class);
        int writers = 2;
        int writesEach = 100;
        int readers = 3;
        AtomicLong version = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        // each write waits for a reader round, so reads and invalidations interleave throughout
        Semaphore readerRounds = new Semaphore(0);
        AtomicBoolean writersBusy = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
        List<Future<?>> tasks = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                AnalyticsCache through = w == 0 ? reading : writing;
                tasks.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < writesEach; i++) {
                        if (!readerRounds.tryAcquire(1, 30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("readers stopped reading");
                        }
                        long v = version.incrementAndGet();
                        through.invalidate(List.of(CacheScope.customer("c-1")));
                        completed.accumulateAndGet(v, Math::max);
                    }
                    return null;
                }));
            }
            for (int r = 0; r < readers; r++) {
                tasks.add(pool.submit(() -> {
                    start.await();
                    while (writersBusy.get()) {
                        long before = completed.get();
                        long seen = reading.get(req, version::get);
                        if (seen < before) {
                            violations.add("read " + seen + " after the invalidation of version " + before);
                        }
                        reads.incrementAndGet();
                        readerRounds.release();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (int w = 0; w < writers; w++) {
                tasks.get(w).get(120, TimeUnit.SECONDS);
            }
            writersBusy.set(false);
            for (Future<?> t : tasks) {
                t.get(120, TimeUnit.SECONDS);
            }
        } finally {
            writersBusy.set(false);
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
        assertThat(reads.get()).isGreaterThanOrEqualTo(writers * writesEach);
        assertThat(reading.get(req, version::get)).isEqualTo((long) writers * writesEach);
    }

    @Test
    void afterCloseReadsStillAnswerFromTheLoaderAndCloseIsIdempotent() {
        AnalyticsCache cache = cache();
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));
        cache.get(req, () -> sample("cached", 1));

        cache.close();
        cache.close();

        assertThat(cache.get(req, () -> sample("from the store", 2)).name()).isEqualTo("from the store");
        cache.invalidate(List.of(CacheScope.product("p-1")));
        cache.invalidateAll();
        assertThat(cache.get(req, () -> sample("again from the store", 3)).name())
                .isEqualTo("again from the store");
    }

    @Test
    void nullArgumentsAreRejectedWithNullPointerException() {
        AnalyticsCache cache = cache();
        CacheRequest<Sample> req = request("product", "p-1", CacheScope.product("p-1"));

        assertThatThrownBy(() -> cache.get(null, () -> sample("v", 1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.get(req, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.invalidate(null)).isInstanceOf(NullPointerException.class);
    }

    // ----- helpers -----

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new cache from {@link #newCache()}, closed after the test. */
    protected final AnalyticsCache cache() {
        AnalyticsCache cache = newCache();
        opened.add(cache);
        return cache;
    }

    protected static CacheRequest<Sample> request(String query, String params, CacheScope... scopes) {
        return new CacheRequest<>(query, params, List.of(scopes), Sample.class);
    }

    protected static Sample sample(String name, int n) {
        return new Sample(
                name,
                BigDecimal.valueOf(n).movePointLeft(2),
                Instant.ofEpochSecond(1_700_000_000L + n),
                LocalDate.of(2024, 1, 1).plusDays(n),
                Map.of("n", (long) n));
    }
}
