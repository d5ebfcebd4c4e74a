package io.configservice.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.RedisCodec;

/**
 * A connection on the Lettuce client Spring Data Redis configured, standalone or cluster alike:
 * same servers, database, credentials, timeouts and client options as its own connections.
 */
public final class LettuceClients {

    private LettuceClients() {}

    public static <K, V> StatefulConnection<K, V> connect(
            AbstractRedisClient client, RedisCodec<K, V> codec) {
        if (client instanceof RedisClusterClient cluster) {
            return cluster.connect(codec);
        }
        if (client instanceof RedisClient single) {
            return single.connect(codec);
        }
        throw new IllegalStateException(
                "Unsupported Lettuce client " + client.getClass().getSimpleName());
    }

    /** The synchronous commands both kinds of connection offer. */
    public static <K, V> RedisClusterCommands<K, V> sync(StatefulConnection<K, V> connection) {
        if (connection instanceof StatefulRedisClusterConnection<K, V> cluster) {
            return cluster.sync();
        }
        return ((StatefulRedisConnection<K, V>) connection).sync();
    }
}
