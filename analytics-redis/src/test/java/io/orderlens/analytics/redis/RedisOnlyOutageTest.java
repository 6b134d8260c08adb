package io.orderlens.analytics.redis;

/** {@link RedisOutageTest} with the near cache disabled. */
class RedisOnlyOutageTest extends RedisOutageTest {

    @Override
    RedisCacheOptions options() {
        return super.options().withNearCache(0);
    }
}
