package io.orderlens.analytics.redis;

import io.orderlens.analytics.redis.GuardedRedis.Reply;
import io.orderlens.analytics.spi.CacheScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generation protocol: the counters in Redis that entry keys embed, how they are read, bumped and re-created,
 * and the epoch that covers failed bumps.
 *
 * <p>Every scope has a counter that never expires; the epoch is one more counter every entry key depends on. A
 * missing counter (first use, eviction, flush, restart) is created at the Redis server's time in microseconds, so
 * a counter bumped fewer times than microseconds have passed since it was created starts above every value it ever
 * had. After a failed bump, {@link #trusted()} is false until the epoch has been bumped, which makes every entry
 * written before the failure unreachable. Thread-safe.
 */
final class Generations {
    private static final Logger log = LoggerFactory.getLogger(RedisAnalyticsCache.class);

    /** Sets missing counters to the server time in microseconds and returns every counter. */
    private static final String INIT_SCRIPT = """
            local t = redis.call('TIME')
            local start = t[1] .. string.format('%06d', tonumber(t[2]))
            local out = {}
            for i, key in ipairs(KEYS) do
              redis.call('SET', key, start, 'NX')
              out[i] = redis.call('GET', key)
            end
            return out
            """;

    /** Increments every counter; a missing counter is created at the server time in microseconds instead. */
    private static final String BUMP_SCRIPT = """
            local t = redis.call('TIME')
            local start = t[1] .. string.format('%06d', tonumber(t[2]))
            for _, key in ipairs(KEYS) do
              if not redis.call('SET', key, start, 'NX') then
                redis.call('INCR', key)
              end
            end
            return #KEYS
            """;

    /** Counters bumped per script call, so one invalidation of a huge batch does not block Redis for long. */
    private static final int BUMP_CHUNK = 500;

    private final GuardedRedis redis;
    private final CacheKeys keys;
    private final CacheCounters counters;

    /** Bumps that failed, ever; those up to {@link #coveredFailures} are made good by an epoch bump. */
    private final AtomicLong failedBumps = new AtomicLong();

    private final AtomicLong coveredFailures = new AtomicLong();

    Generations(GuardedRedis redis, CacheKeys keys, CacheCounters counters) {
        this.redis = redis;
        this.keys = keys;
        this.counters = counters;
    }

    /**
     * The epoch followed by the generation of each of {@code scopes}, in order; missing counters are created.
     * Not ok if Redis failed, was skipped or answered unexpectedly (counted as an error).
     */
    Reply<List<String>> read(List<CacheScope> scopes) {
        List<String> readKeys = keys.readKeys(scopes);
        Reply<List<String>> read = redis.call(r -> r.mget(readKeys.toArray(String[]::new)));
        if (!read.ok() || !read.value().contains(null)) {
            return read;
        }
        Reply<Object> created = redis.call(r -> r.eval(INIT_SCRIPT, readKeys, List.of()));
        if (!created.ok()) {
            return Reply.failed();
        }
        if (!(created.value() instanceof List<?> values) || values.size() != readKeys.size() || values.contains(null)) {
            counters.errors.increment();
            log.warn("unexpected reply creating cache generations: {}", created.value());
            return Reply.failed();
        }
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(String.valueOf(v));
        }
        return new Reply<>(true, out);
    }

    /**
     * Bumps the generation of every scope (and the epoch too if a failed bump is not yet covered), in script calls of
     * at most {@value #BUMP_CHUNK} counters.
     *
     * @return false if a call failed; then {@link #trusted()} stays false until the epoch has been bumped
     */
    boolean bump(Collection<CacheScope> scopes) {
        List<String> bump = keys.bumpKeys(scopes);
        long failedBefore = failedBumps.get();
        boolean withEpoch = failedBefore > coveredFailures.get();
        if (withEpoch) {
            bump.add(0, keys.epochKey());
        }
        for (int from = 0; from < bump.size(); from += BUMP_CHUNK) {
            List<String> chunk = bump.subList(from, Math.min(bump.size(), from + BUMP_CHUNK));
            if (!redis.call(r -> r.eval(BUMP_SCRIPT, chunk, List.of())).ok()) {
                if (failedBumps.incrementAndGet() == coveredFailures.get() + 1) {
                    log.warn("cache invalidation failed; reads skip Redis until the cache epoch has been bumped");
                }
                return false;
            }
        }
        if (withEpoch) {
            coveredFailures.accumulateAndGet(failedBefore, Math::max);
        }
        return true;
    }

    /**
     * Bumps the epoch, making every entry unreachable and covering every failed bump before it.
     *
     * @return false if the bump failed (then counted as a failed bump)
     */
    boolean bumpEpoch() {
        long failedBefore = failedBumps.get();
        if (bumpEpochScript()) {
            coveredFailures.accumulateAndGet(failedBefore, Math::max);
            return true;
        }
        failedBumps.incrementAndGet();
        return false;
    }

    /**
     * Whether entries in Redis may be read: true unless a failed bump has not yet been followed by an epoch bump, in
     * which case this tries that bump now and returns whether it succeeded.
     */
    boolean trusted() {
        long failed = failedBumps.get();
        if (failed <= coveredFailures.get()) {
            return true;
        }
        if (!bumpEpochScript()) {
            return false;
        }
        coveredFailures.accumulateAndGet(failed, Math::max);
        log.info("cache epoch bumped after failed invalidations; entries written before them are unreachable");
        return true;
    }

    private boolean bumpEpochScript() {
        return redis.call(r -> r.eval(BUMP_SCRIPT, List.of(keys.epochKey()), List.of()))
                .ok();
    }
}
