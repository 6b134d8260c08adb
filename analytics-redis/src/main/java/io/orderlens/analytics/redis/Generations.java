package io.orderlens.analytics.redis;

import io.orderlens.analytics.redis.GuardedRedis.Reply;
import io.orderlens.analytics.spi.CacheScope;
import io.orderlens.analytics.spi.CacheStatistics.Breaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The generation protocol: the counters in Redis that entry keys embed, how they are read, bumped and re-created,
 * and the epoch that covers failed bumps.
 *
 * <p>Every scope has a counter that never expires; the epoch is one more counter every entry key depends on. A bump
 * moves a counter to the Redis server's time in microseconds, or one above its value if that is higher; a missing
 * counter (first use, eviction, flush, restart, a failover to a replica that never saw it) is created at the server
 * time. So as long as a scope is bumped less than a million times a second and the servers' clocks agree to within
 * the time a failover takes, no counter value is ever handed out twice, even by a promoted replica that lacks the
 * last bumps. A bump counts as done only once every replica connected to the master has acknowledged it (within
 * {@link RedisCacheOptions#replicaAckTimeout()}); after a failed or unacknowledged bump, {@link #trusted()} is false
 * until the epoch has been bumped, which makes every entry written before the failure unreachable. Thread-safe.
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

    /**
     * Moves every counter to the server time in microseconds, or one above its value if that is not lower (so a
     * counter only grows, and a value lost with an unreplicated bump is never handed out again by a promoted
     * replica); a missing counter is created at the server time. Returns the number of replicas connected to this
     * master, which the caller then waits for.
     */
    private static final String BUMP_SCRIPT = """
            local t = redis.call('TIME')
            local now = t[1] .. string.format('%06d', tonumber(t[2]))
            for _, key in ipairs(KEYS) do
              local cur = redis.call('GET', key)
              if (not cur) or tonumber(cur) < tonumber(now) then
                redis.call('SET', key, now)
              else
                redis.call('INCR', key)
              end
            end
            local info = redis.call('INFO', 'replication')
            return tonumber(string.match(info, 'connected_slaves:(%d+)')) or 0
            """;

    /** Counters bumped per script call, so one invalidation of a huge batch does not block Redis for long. */
    private static final int BUMP_CHUNK = 500;

    private final GuardedRedis redis;
    private final CacheKeys keys;
    private final CacheCounters counters;
    private final long replicaAckMillis;
    private final long retryNanos;

    /** Set when a bump gave up after its retries; later bumps then make one attempt until one succeeds. */
    private volatile boolean retriesExhausted;

    /** Bumps that failed, ever; those up to {@link #coveredFailures} are made good by an epoch bump. */
    private final AtomicLong failedBumps = new AtomicLong();

    private final AtomicLong coveredFailures = new AtomicLong();

    /**
     * @param replicaAckTimeout longest wait for the replicas to acknowledge a bump; zero for no wait
     * @param retry             how long a failed bump is retried; zero for no retry
     */
    Generations(
            GuardedRedis redis, CacheKeys keys, CacheCounters counters, Duration replicaAckTimeout, Duration retry) {
        this.redis = redis;
        this.keys = keys;
        this.counters = counters;
        this.replicaAckMillis = replicaAckTimeout.toMillis();
        this.retryNanos = retry.toNanos();
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
            if (!bumpConfirmed(chunk) && !retried(chunk)) {
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
        return bumpConfirmed(List.of(keys.epochKey()));
    }

    /**
     * Retries a failed bump of {@code counters} past the breaker, with the slot map refreshed and a growing pause
     * (10 ms doubling to 500 ms) before each attempt, until it is confirmed or the retry time has passed. Makes no
     * attempt if retries are off or the last retried bump gave up and none succeeded since.
     *
     * @return whether a retry was confirmed
     */
    private boolean retried(List<String> counters) {
        if (retryNanos == 0 || retriesExhausted) {
            return false;
        }
        long deadline = System.nanoTime() + retryNanos;
        long pauseMillis = 10;
        while (System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(Math.min(pauseMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pauseMillis = Math.min(500, pauseMillis * 2);
            redis.refreshTopology();
            Reply<Boolean> attempt = redis.callPastBreaker(r -> runConfirmed(r, counters));
            if (attempt.ok() && attempt.value()) {
                log.info("cache generation bump confirmed on retry");
                return true;
            }
        }
        retriesExhausted = true;
        log.warn("cache generation bump still failing after {} ms of retries", retryNanos / 1_000_000);
        return false;
    }

    /**
     * Runs the bump script on {@code counters} and, on the same connection, {@code WAIT}s for every replica then
     * connected to their master to acknowledge it. True only if the script ran and every such replica acknowledged
     * within the timeout (or none was connected, or the wait is off), so that a replica promoted by a failover holds
     * the bump. A pipeline does not follow cluster redirections, so after a failed attempt the client's slot map is
     * refreshed.
     */
    private boolean bumpConfirmed(List<String> counters) {
        boolean attempted = redis.breakerState() != Breaker.OPEN;
        Reply<Boolean> reply = redis.call(r -> runConfirmed(r, counters));
        if (!reply.ok()) {
            if (attempted) {
                redis.refreshTopology();
            }
            return false;
        }
        if (reply.value()) {
            retriesExhausted = false;
        }
        return reply.value();
    }

    /**
     * The script and the {@code WAIT} through one pipeline, because {@code WAIT} only covers the writes of its own
     * connection. Throws what the client throws.
     */
    private boolean runConfirmed(UnifiedJedis client, List<String> counters) {
        try (AbstractPipeline pipeline = client.pipelined()) {
            Response<Object> script = pipeline.eval(BUMP_SCRIPT, counters, List.of());
            pipeline.sync();
            long replicas = script.get() instanceof Long n ? n : 0L;
            if (replicas == 0 || replicaAckMillis == 0) {
                return true;
            }
            Response<Long> acked = pipeline.waitReplicas(counters.get(0), (int) replicas, replicaAckMillis);
            pipeline.sync();
            if (acked.get() < replicas) {
                log.warn(
                        "only {} of {} replicas acknowledged a cache generation bump within {} ms",
                        acked.get(),
                        replicas,
                        replicaAckMillis);
                return false;
            }
            return true;
        }
    }
}
