package io.orderlens.analytics.redis;

import java.net.URI;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultRedisCredentials;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.util.JedisURIHelper;

/** Creates the pooled clients of caches built from a URI, with every wait and timeout bounded. */
final class RedisClients {
    private RedisClients() {}

    /**
     * {@code uri} if it is a {@code redis://} or {@code rediss://} URI with a host and a port.
     *
     * @throws IllegalArgumentException otherwise
     */
    static URI checked(URI uri) {
        if (!JedisURIHelper.isValid(uri)
                || !(JedisURIHelper.isRedisScheme(uri) || JedisURIHelper.isRedisSSLScheme(uri))) {
            throw new IllegalArgumentException("expected redis://host:port or rediss://host:port, got \"" + uri + "\"");
        }
        return uri;
    }

    /**
     * A client of the server at {@code uri} (credentials, database and protocol taken from it; TLS with full
     * verification for {@code rediss://}) whose pool size, pool wait and connect and socket timeouts are
     * {@code options}'. Does not connect.
     */
    static RedisClient create(URI uri, RedisCacheOptions options) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(options.poolMaxTotal());
        pool.setMaxIdle(options.poolMaxTotal());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(options.poolMaxWait());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(
                        Math.toIntExact(options.connectTimeout().toMillis()))
                .socketTimeoutMillis(Math.toIntExact(options.socketTimeout().toMillis()));
        if (JedisURIHelper.isRedisSSLScheme(uri)) {
            config.sslOptions(
                    SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
        }
        String password = JedisURIHelper.getPassword(uri);
        if (password != null) {
            config.credentials(new DefaultRedisCredentials(JedisURIHelper.getUser(uri), password));
        }
        if (JedisURIHelper.hasDbIndex(uri)) {
            config.database(JedisURIHelper.getDBIndex(uri));
        }
        RedisProtocol protocol = JedisURIHelper.getRedisProtocol(uri);
        if (protocol != null) {
            config.protocol(protocol);
        }
        return RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(uri))
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
    }
}
