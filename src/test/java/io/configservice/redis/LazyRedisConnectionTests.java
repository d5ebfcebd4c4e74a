package io.configservice.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

class LazyRedisConnectionTests {

    private final List<StatefulConnection<String, String>> opened = new ArrayList<>();

    private StatefulConnection<String, String> openConnection() {
        @SuppressWarnings("unchecked")
        StatefulConnection<String, String> connection = mock(StatefulConnection.class);
        when(connection.isOpen()).thenReturn(true);
        opened.add(connection);
        return connection;
    }

    /** Builds a string naming how many connections were opened when it was built. */
    private LazyRedisConnection<StatefulConnection<String, String>, String> overMocks() {
        return new LazyRedisConnection<>(
                this::openConnection,
                StatefulConnection::isOpen,
                connection -> "built on " + opened.size(),
                Duration.ofSeconds(5),
                "a test");
    }

    @Test
    void opensOnFirstUseAndKeepsAnOpenConnection() {
        LazyRedisConnection<StatefulConnection<String, String>, String> lazy = overMocks();
        assertThat(opened).isEmpty();

        assertThat(lazy.get()).isEqualTo("built on 1");
        assertThat(lazy.get()).isEqualTo("built on 1");
        assertThat(opened).hasSize(1);
    }

    @Test
    void replacesAConnectionThatIsNoLongerOpenAndClosesIt() {
        LazyRedisConnection<StatefulConnection<String, String>, String> lazy = overMocks();
        lazy.get();
        when(opened.get(0).isOpen()).thenReturn(false);

        assertThat(lazy.get()).isEqualTo("built on 2");
        verify(opened.get(0)).close();
        verify(opened.get(1), never()).close();
    }

    @Test
    void afterAFailedAttemptCallersFailAtOnceUntilTheBackoffHasPassed() throws Exception {
        int[] attempts = {0};
        LazyRedisConnection<StatefulConnection<String, String>, String> lazy =
                new LazyRedisConnection<>(
                        () -> {
                            attempts[0]++;
                            if (attempts[0] == 1) {
                                throw new RedisConnectionException("refused");
                            }
                            return openConnection();
                        },
                        StatefulConnection::isOpen,
                        connection -> "connected",
                        Duration.ofMillis(300),
                        "a test");

        assertThatThrownBy(lazy::get).isInstanceOf(RedisConnectionException.class);
        assertThatThrownBy(lazy::get)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Redis is not connected for a test");
        assertThat(attempts[0]).isEqualTo(1);

        Thread.sleep(400);
        assertThat(lazy.get()).isEqualTo("connected");
        assertThat(attempts[0]).isEqualTo(2);
    }

    @Test
    void afterACommandThatTimedOutCallersFailAtOnceThenOneTriesWhileTheOthersStillFail()
            throws Exception {
        LazyRedisConnection<StatefulConnection<String, String>, String> lazy =
                new LazyRedisConnection<>(
                        this::openConnection,
                        StatefulConnection::isOpen,
                        connection -> "connected",
                        Duration.ofSeconds(2),
                        "a test");
        assertThat(lazy.<String>call(built -> built, JedisClients::timedOut))
                .isEqualTo("connected");

        assertThatThrownBy(() -> lazy.call(built -> timeOut(), JedisClients::timedOut))
                .isInstanceOf(JedisConnectionException.class);
        assertThatThrownBy(() -> lazy.call(built -> built, JedisClients::timedOut))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Redis is not connected for a test");

        Thread.sleep(2_100);
        int[] tried = {0};
        lazy.call(
                built -> {
                    tried[0]++;
                    assertThatThrownBy(lazy::get).isInstanceOf(IllegalStateException.class);
                    return built;
                },
                JedisClients::timedOut);
        assertThat(tried[0]).isEqualTo(1);
        assertThat(lazy.get()).isEqualTo("connected");
        assertThat(opened).hasSize(1);
    }

    @Test
    void aCommandThatFailsAtOnceDoesNotBackOff() {
        LazyRedisConnection<StatefulConnection<String, String>, String> lazy = overMocks();

        assertThatThrownBy(
                        () ->
                                lazy.call(
                                        built -> {
                                            throw new JedisConnectionException("refused");
                                        },
                                        JedisClients::timedOut))
                .isInstanceOf(JedisConnectionException.class);
        assertThat(lazy.<String>call(built -> built, JedisClients::timedOut))
                .isEqualTo("built on 1");
    }

    @Test
    void closeClosesTheOpenConnectionAndTheNextUseOpensAnother() {
        LazyRedisConnection<StatefulConnection<String, String>, String> lazy = overMocks();
        lazy.get();

        lazy.close();

        verify(opened.get(0)).close();
        assertThat(lazy.get()).isEqualTo("built on 2");
    }

    /** A read timeout as Jedis reports it. */
    private static String timeOut() {
        throw new JedisConnectionException(new SocketTimeoutException("Read timed out"));
    }
}
