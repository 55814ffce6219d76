package dev.parley.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.ClientOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis fixture really kills its server and brings it back on the same port. */
class RedisServerProcessTest {

    @Test
    void killedServerIsGoneUntilRestartedOnTheSamePort() {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            int port = server.port();
            LettuceConnectionFactory connections = new LettuceConnectionFactory(
                    new RedisStandaloneConfiguration(server.host(), port),
                    LettuceClientConfiguration.builder()
                            .commandTimeout(Duration.ofSeconds(2))
                            // Fail at once while disconnected instead of queueing until the command times out.
                            .clientOptions(ClientOptions.builder()
                                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                            .build());
            connections.afterPropertiesSet();
            connections.start();
            try {
                StringRedisTemplate redis = new StringRedisTemplate(connections);
                redis.opsForValue().set("fault-test", "before");
                assertThat(redis.opsForValue().get("fault-test")).isEqualTo("before");
                long pid = server.pid();

                server.kill();

                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
                assertThat(ChildProcess.accepts(port)).as("port %d after kill", port).isFalse();
                assertThatThrownBy(() -> redis.opsForValue().get("fault-test")).isInstanceOf(DataAccessException.class);

                server.restart();

                assertThat(server.port()).isEqualTo(port);
                assertThat(server.pid()).isNotEqualTo(pid);
                // The client that saw the server die reconnects by itself to the restarted one.
                await().atMost(Duration.ofSeconds(40)).ignoreExceptions().untilAsserted(() ->
                        assertThat(redis.execute((RedisCallback<String>) c -> c.ping())).isEqualTo("PONG"));
                // Nothing was persisted, so the key died with the old process.
                assertThat(redis.opsForValue().get("fault-test")).isNull();
                redis.opsForValue().set("fault-test", "after");
                assertThat(redis.opsForValue().get("fault-test")).isEqualTo("after");
            } finally {
                connections.destroy();
            }
        }
    }

    @Test
    void killOfAServerThatIsNotRunningFails() {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            server.kill();
            assertThatThrownBy(server::kill).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
        }
    }

    @Test
    void missingBinaryIsReportedWithItsDebianPackage() {
        System.setProperty("parley.test.redis-server", "/nonexistent/redis-server");
        try {
            assertThatThrownBy(RedisServerProcess::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Debian package redis-server");
        } finally {
            System.clearProperty("parley.test.redis-server");
        }
    }

    @Test
    void closeKillsTheServer() {
        RedisServerProcess server = RedisServerProcess.start();
        long pid = server.pid();
        server.close();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ChildProcess.accepts(server.port())).isFalse();
    }
}
